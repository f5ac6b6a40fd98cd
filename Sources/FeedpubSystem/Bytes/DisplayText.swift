/// Text made safe to show on a terminal and in cron mail: what a file name or a value from a content file must not
/// do there is move the cursor, clear the screen, forge a line or hide its own bytes.
package enum DisplayText {
    /// The text of `bytes`, and whether it is exact: bytes that are not UTF-8 are shown as `\xNN` (then not exact).
    package static func decode(_ bytes: UnsafeRawBufferPointer) -> (text: String, exact: Bool) {
        // Most names are ASCII: no validation to do.
        if !bytes.contains(where: { $0 >= 0x80 }) { return (String(decoding: bytes, as: UTF8.self), true) }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, true) }
        var text = ""
        var index = 0
        let buffer = bytes.bindMemory(to: UInt8.self)
        while index < buffer.count {
            let length = validLength(buffer, at: index)
            if length > 0 {
                text += String(decoding: UnsafeBufferPointer(rebasing: buffer[index..<index + length]), as: UTF8.self)
                index += length
            } else {
                text += "\\x" + hex(buffer[index])
                index += 1
            }
        }
        return (text, false)
    }

    /// `text` with every control character — C0 (line feeds and tabs included), DEL, C1 — and every character that
    /// reorders text (bidirectional overrides and isolates) written as an escape: `\n`, `\t`, `\r`, `\x1B`, `\u{202E}`.
    ///
    /// Text without any is returned as it is.
    package static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                result += scalar.value < 0x100 ? "\\x" + hex(UInt8(scalar.value)) : "\\u{" + hexScalar(scalar) + "}"
            }
        }
        return result
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true  // bidirectional marks and overrides
        default: false
        }
    }

    /// The length of the valid UTF-8 sequence at `index`, or 0 when the byte there does not start one.
    private static func validLength(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = buffer[index]
        let length: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard index + length <= buffer.count else { return 0 }
        return String(validating: UnsafeBufferPointer(rebasing: buffer[index..<index + length]), as: UTF8.self) == nil
            ? 0 : length
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return byte < 16 ? "0" + digits : digits
    }

    private static func hexScalar(_ scalar: Unicode.Scalar) -> String {
        String(scalar.value, radix: 16, uppercase: true)
    }
}
