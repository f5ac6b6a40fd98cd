import FeedpubSystem

/// Makes a file's bytes into text every feed format can carry, and says what it changed.
///
/// In one pass: drops a UTF-8 byte-order mark, turns CRLF and lone CR into LF, replaces each invalid UTF-8
/// sequence with U+FFFD and removes the characters XML 1.0 forbids (C0 controls but tab and line feed,
/// U+FFFE, U+FFFF). Clean input — nearly every file — is only scanned, never copied.
enum TextRepair {
    /// A change made to the text, at a 1-based line of the original file.
    struct Change: Equatable {
        enum Kind: Equatable {
            case invalidUTF8
            case illegalCharacter(UInt32)
        }
        var kind: Kind
        var line: Int
    }

    /// The repaired bytes and the changes, or `nil` when `bytes` needed nothing but the BOM and CR handling.
    struct Result {
        var bytes: [UInt8]
        var changes: [Change]
    }

    /// The text of `bytes` made valid: BOM dropped, line ends normalised, bad bytes replaced or removed.
    static func repair(_ input: [UInt8]) -> Result {
        var start = 0
        if input.count >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF { start = 3 }
        if isClean(input, from: start) {
            return Result(bytes: start == 0 ? input : Array(input[start...]), changes: [])
        }
        return slowRepair(input, from: start)
    }

    /// Whether the bytes are valid UTF-8 holding only characters XML allows, and no carriage return; printable
    /// ASCII is skipped eight bytes at a time.
    static func isClean(_ bytes: [UInt8], from start: Int) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return true }
            var index = start
            let count = buffer.count
            while index < count {
                if index + 8 <= count && ByteScan.isPrintableASCII(ByteScan.word(base, index)) {
                    index += 8
                    continue
                }
                let byte = buffer[index]
                if byte < 0x80 {
                    if byte < 0x20 && byte != 0x09 && byte != 0x0A { return false }
                    index += 1
                    continue
                }
                let (scalar, length) = decode(buffer, at: index)
                guard let scalar, scalar != 0xFFFE, scalar != 0xFFFF else { return false }
                index += length
            }
            return true
        }
    }

    private static func slowRepair(_ input: [UInt8], from start: Int) -> Result {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var changes: [Change] = []
        var line = 1
        input.withUnsafeBufferPointer { buffer in
            var index = start
            while index < buffer.count {
                let byte = buffer[index]
                if byte < 0x80 {
                    switch byte {
                    case 0x0D:
                        output.append(0x0A)
                        line += 1
                        if index + 1 < buffer.count && buffer[index + 1] == 0x0A { index += 1 }
                    case 0x0A:
                        output.append(byte)
                        line += 1
                    case 0x09, 0x20...0x7F:
                        output.append(byte)
                    default:
                        changes.append(Change(kind: .illegalCharacter(UInt32(byte)), line: line))
                    }
                    index += 1
                    continue
                }
                let (scalar, length) = decode(buffer, at: index)
                if let scalar {
                    if scalar == 0xFFFE || scalar == 0xFFFF {
                        changes.append(Change(kind: .illegalCharacter(scalar), line: line))
                    } else {
                        output.append(contentsOf: buffer[index..<index + length])
                    }
                } else {
                    changes.append(Change(kind: .invalidUTF8, line: line))
                    output.append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFD
                }
                index += length
            }
        }
        return Result(bytes: output, changes: changes)
    }

    /// The scalar starting at `index` and its length; `nil` and the length of the maximal invalid subpart
    /// (at least 1) when the bytes there are not UTF-8 (overlong forms, surrogates, beyond U+10FFFF).
    static func decode(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32?, Int) {
        let lead = buffer[index]
        let length: Int
        var scalar: UInt32
        var lowest: UInt8 = 0x80
        var highest: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF:
            length = 2
            scalar = UInt32(lead & 0x1F)
        case 0xE0...0xEF:
            length = 3
            scalar = UInt32(lead & 0x0F)
            if lead == 0xE0 { lowest = 0xA0 }
            if lead == 0xED { highest = 0x9F }  // no surrogates
        case 0xF0...0xF4:
            length = 4
            scalar = UInt32(lead & 0x07)
            if lead == 0xF0 { lowest = 0x90 }
            if lead == 0xF4 { highest = 0x8F }
        default:
            return (nil, 1)
        }
        for offset in 1..<length {
            let position = index + offset
            guard position < buffer.count else { return (nil, offset) }
            let byte = buffer[position]
            let low = offset == 1 ? lowest : 0x80
            let high = offset == 1 ? highest : 0xBF
            guard byte >= low && byte <= high else { return (nil, offset) }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        return (scalar, length)
    }
}
