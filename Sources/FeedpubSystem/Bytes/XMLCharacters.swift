/// The characters XML 1.0 allows in a document (its `Char` production).
///
/// `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`. Swift strings cannot hold
/// surrogates, so what remains to remove is C0 controls other than tab, line feed and carriage return, and the
/// two non-characters U+FFFE and U+FFFF.
package enum XMLCharacters {
    /// Whether XML 1.0 allows `scalar` in character data and attribute values.
    package static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 {
            return value == 0x9 || value == 0xA || value == 0xD
        }
        return value != 0xFFFE && value != 0xFFFF
    }

    /// Whether every character of `text` is allowed; a byte scan with no allocation.
    package static func allAllowed(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return true }
            let count = bytes.count
            var index = 0
            while index < count {
                // Eight bytes at a time while none is below 0x20 or is 0xEF (the lead byte of U+FFFE/U+FFFF).
                if index + 8 <= count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    let ones: UInt64 = 0x0101_0101_0101_0101
                    let below = (word &- ones &* 0x20) & ~word
                    let ef = word ^ (ones &* 0xEF)
                    let isEF = (ef &- ones) & ~ef
                    if (below | isEF) & (ones &* 0x80) == 0 {
                        index += 8
                        continue
                    }
                }
                let byte = base[index]
                // Only bytes below 0x20 and the lead byte 0xEF (of U+FFFE, U+FFFF: EF BF BE/BF) can be forbidden.
                if byte < 0x20 {
                    if byte != 0x9 && byte != 0xA && byte != 0xD { return false }
                } else if byte == 0xEF && index + 2 < count && base[index + 1] == 0xBF
                    && (base[index + 2] == 0xBE || base[index + 2] == 0xBF)
                {
                    return false
                }
                index += 1
            }
            return true
        }
    }

    /// `text` without the characters XML 1.0 forbids; returns `text` itself when it has none.
    package static func filtered(_ text: String) -> String {
        if allAllowed(text) { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where isAllowed(scalar) {
            scalars.append(scalar)
        }
        return String(scalars)
    }
}
