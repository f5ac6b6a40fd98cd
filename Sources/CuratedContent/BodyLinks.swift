/// Makes the links and image sources of an HTML body absolute, since a feed reader has no page to resolve
/// them against.
///
/// Looks at `href` and `src` attribute values (quoted with `"` or `'`): `/path` gets the site, `//host` gets
/// `https:`, `page.html` is resolved against the item page; values with a scheme (`https:`, `mailto:`) and
/// fragments (`#note`) stay. The body is otherwise kept byte for byte.
enum BodyLinks {
    static func absolutized(_ body: String, site: String, page: String, line: Int, log: inout IssueLog) -> String {
        var body = body
        let bytes = body.withUTF8 { Array($0) }
        var output: [UInt8] = []
        var copied = 0
        var changes: [String] = []
        var index = 0
        while let found = nextAttribute(in: bytes, from: index) {
            let (valueStart, valueEnd) = found
            index = valueEnd
            let value = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
            let trimmed = value.trimmingWhitespace
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), !WebAddress.hasScheme(trimmed) else { continue }
            let absolute = WebAddress.resolve(trimmed, site: site, page: page)
            if output.isEmpty { output.reserveCapacity(bytes.count + 256) }
            output.append(contentsOf: bytes[copied..<valueStart])
            output.append(contentsOf: absolute.utf8)
            copied = valueEnd
            changes.append("\(trimmed) → \(absolute)")
        }
        guard !changes.isEmpty else { return body }
        output.append(contentsOf: bytes[copied...])
        let examples = changes.prefix(3).joined(separator: ", ") + (changes.count > 3 ? ", …" : "")
        log.warn("body", line: line, "made \(changes.count) relative URL(s) absolute: \(examples)")
        return String(decoding: output, as: UTF8.self)
    }

    /// The next `href=` or `src=` attribute value after `start`, as the byte range inside its quotes.
    private static func nextAttribute(in bytes: [UInt8], from start: Int) -> (Int, Int)? {
        var index = start
        while index < bytes.count {
            guard let equals = bytes[index...].firstIndex(of: UInt8(ascii: "=")) else { return nil }
            index = equals + 1
            guard equals >= 4 else { continue }
            let nameEnd = equals
            var nameStart = nameEnd
            while nameStart > 0, isNameByte(bytes[nameStart - 1]) { nameStart -= 1 }
            guard nameStart > 0, isSpace(bytes[nameStart - 1]) else { continue }
            let name = bytes[nameStart..<nameEnd].map { $0 | 0x20 }  // ASCII lower-case
            guard name == Array("href".utf8) || name == Array("src".utf8) else { continue }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'")
            else { continue }
            let quote = bytes[index]
            guard let close = bytes[(index + 1)...].firstIndex(of: quote) else { return nil }
            return (index + 1, close)
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }
}
