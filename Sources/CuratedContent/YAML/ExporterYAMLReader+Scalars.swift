/// The scalars of the exporter's YAML: plain (folded over lines), single- and double-quoted (with escapes).
extension ExporterYAMLReader.Parser {
    typealias Line = ExporterYAMLReader.Line
    typealias Unsupported = ExporterYAMLReader.Unsupported

    /// A plain scalar: the rest of the line, then more-indented lines folded in (a line break becomes a space,
    /// each blank line a line feed).
    mutating func plain(_ line: Line, from start: Int, parentIndent: Int, build: Bool) throws(Unsupported)
        -> YAMLValue
    {
        let first = bytes[start]
        if Self.isIndicator(first) && first != 0x2D && first != 0x3F && first != 0x3A { throw Unsupported() }
        if (first == 0x2D || first == 0x3F || first == 0x3A) && (start + 1 == line.end || bytes[start + 1] == 0x20) {
            throw Unsupported()
        }
        try checkPlainText(start, line.end)
        index += 1
        if index == lines.count || (!lines[index].isBlank && lines[index].indent <= parentIndent) {
            // One line (the common case): no folding, no copy.
            let text =
                build ? String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<line.end]), as: UTF8.self) : ""
            return .scalar(text, plain: true, line: line.number)
        }
        return try plainMultiline(line, from: start, parentIndent: parentIndent, build: build)
    }

    /// The folding part of ``plain(_:from:parentIndent:build:)``, with `index` just after the first line.
    mutating func plainMultiline(_ line: Line, from start: Int, parentIndent: Int, build: Bool) throws(Unsupported)
        -> YAMLValue
    {
        var text = build ? [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<line.end])) : []
        var blankLines = 0
        while index < lines.count {
            let next = lines[index]
            if next.isBlank {
                blankLines += 1
                index += 1
                continue
            }
            guard next.indent > parentIndent else { break }
            // A continuation line: indicators are text here, but `#` after white space starts a comment.
            if bytes[next.start] == 0x23 { throw Unsupported() }
            if next.indent == 0 || isDocumentMarker(next) { throw Unsupported() }
            try checkPlainText(next.start, next.end)
            if build {
                if blankLines == 0 {
                    text.append(0x20)
                } else {
                    text.append(contentsOf: repeatElement(0x0A, count: blankLines))
                }
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[next.start..<next.end]))
            }
            blankLines = 0
            index += 1
        }
        // Blank lines after the scalar belong to nothing; step back so callers see them as blank.
        index -= blankLines
        return .scalar(build ? String(decoding: text, as: UTF8.self) : "", plain: true, line: line.number)
    }

    /// Refuses plain text that YAML would read as more than text: `: `, ` #`, a final `:`.
    func checkPlainText(_ start: Int, _ end: Int) throws(Unsupported) {
        var position = start
        while position < end {
            let byte = bytes[position]
            if byte == 0x3A && (position + 1 == end || bytes[position + 1] == 0x20) { throw Unsupported() }
            if byte == 0x23 && position > start && bytes[position - 1] == 0x20 { throw Unsupported() }
            position += 1
        }
    }

    func isDocumentMarker(_ line: Line) -> Bool {
        guard line.indent == 0, line.end - line.start >= 3 else { return false }
        let a = bytes[line.start]
        return (a == 0x2D || a == 0x2E) && bytes[line.start + 1] == a && bytes[line.start + 2] == a
    }

    /// A single- or double-quoted scalar, maybe over several lines, folded as YAML folds flow scalars.
    mutating func quoted(_ line: Line, from start: Int, parentIndent: Int, double: Bool, build: Bool)
        throws(Unsupported) -> YAMLValue
    {
        var text: [UInt8] = []
        var current = line
        var position = start + 1
        let quote: UInt8 = double ? 0x22 : 0x27
        while true {
            // The rest of this line, up to the closing quote or the line's end.
            var lineEnd = current.end
            var closed = false
            while position < lineEnd {
                let byte = bytes[position]
                if byte == quote {
                    if !double && position + 1 < lineEnd && bytes[position + 1] == 0x27 {
                        if build { text.append(0x27) }
                        position += 2
                        continue
                    }
                    closed = true
                    break
                }
                if double && byte == 0x5C {  // backslash
                    guard position + 1 < lineEnd else {
                        // `\` then spaces at the line's end is an escaped space, not an escaped line break.
                        if current.rawEnd != current.end { throw Unsupported() }
                        // An escaped line break: the lines join with nothing between them.
                        position = lineEnd
                        lineEnd = -1
                        break
                    }
                    position = try escape(at: position + 1, into: &text, build: build)
                    continue
                }
                if build { text.append(byte) }
                position += 1
            }
            if closed {
                // Only spaces may follow the closing quote on its line.
                guard position + 1 == current.end else { throw Unsupported() }
                index += 1
                return .scalar(build ? String(decoding: text, as: UTF8.self) : "", plain: false, line: line.number)
            }
            let escapedBreak = lineEnd == -1
            if !escapedBreak && build {
                // Trailing white space before a line break is dropped when folding.
                while let last = text.last, last == 0x20 { text.removeLast() }
            }
            // Continue on the next line(s): blank lines become line feeds, one break a space.
            var blankLines = 0
            index += 1
            while index < lines.count && lines[index].isBlank {
                blankLines += 1
                index += 1
            }
            guard index < lines.count else { throw Unsupported() }
            current = lines[index]
            guard current.indent > parentIndent, !isDocumentMarker(current) else { throw Unsupported() }
            if build && !escapedBreak {
                if blankLines == 0 {
                    text.append(0x20)
                } else {
                    text.append(contentsOf: repeatElement(0x0A, count: blankLines))
                }
            } else if build && blankLines > 0 {
                text.append(contentsOf: repeatElement(0x0A, count: blankLines))
            }
            position = current.start
        }
    }

    /// Decodes the escape whose letter is at `position`; returns the position after it.
    func escape(at position: Int, into text: inout [UInt8], build: Bool) throws(Unsupported) -> Int {
        let letter = bytes[position]
        let simple: UInt8?
        switch letter {
        case 0x30: simple = 0x00  // \0
        case 0x61: simple = 0x07  // \a
        case 0x62: simple = 0x08  // \b
        case 0x74, 0x09: simple = 0x09  // \t
        case 0x6E: simple = 0x0A  // \n
        case 0x76: simple = 0x0B  // \v
        case 0x66: simple = 0x0C  // \f
        case 0x72: simple = 0x0D  // \r
        case 0x65: simple = 0x1B  // \e
        case 0x20: simple = 0x20  // \ (space)
        case 0x22: simple = 0x22  // \"
        case 0x2F: simple = 0x2F  // \/
        case 0x5C: simple = 0x5C  // \\
        default: simple = nil
        }
        if let simple {
            if build { text.append(simple) }
            return position + 1
        }
        let scalar: UInt32
        let next: Int
        switch letter {
        case 0x4E: (scalar, next) = (0x85, position + 1)  // \N
        case 0x5F: (scalar, next) = (0xA0, position + 1)  // \_
        case 0x4C: (scalar, next) = (0x2028, position + 1)  // \L
        case 0x50: (scalar, next) = (0x2029, position + 1)  // \P
        case 0x78: (scalar, next) = (try hex(position + 1, digits: 2), position + 3)  // \xXX
        case 0x75: (scalar, next) = (try hex(position + 1, digits: 4), position + 5)  // \uXXXX
        case 0x55: (scalar, next) = (try hex(position + 1, digits: 8), position + 9)  // \UXXXXXXXX
        default: throw Unsupported()
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw Unsupported() }
        if build { text.append(contentsOf: Array(String(Character(unicode)).utf8)) }
        return next
    }

    func hex(_ start: Int, digits: Int) throws(Unsupported) -> UInt32 {
        guard start + digits <= bytes.count else { throw Unsupported() }
        var value: UInt32 = 0
        for position in start..<start + digits {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw Unsupported()
            }
            value = value << 4 | digit
        }
        return value
    }

    /// Characters that start something other than a plain scalar (or need a closer look).
    static func isIndicator(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x2D, 0x3F, 0x3A, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x23, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x27, 0x22, 0x25,
            0x40, 0x60:
            return true
        default:
            return false
        }
    }
}
