/// The conditional request headers of RFC 9110 §13.1 as a GET or HEAD of a published file meets them.
///
/// `If-None-Match` is evaluated first and, when present, alone (§13.2.2): `*` matches any file, a list matches when
/// one of its entity tags matches the representation's under the weak comparison (`W/"x"` matches `"x"`).
/// `If-Modified-Since` counts only without `If-None-Match`, and an unreadable date is ignored (§13.1.3).
enum Conditional {
    /// Whether the client's copy is current: the answer is `304 Not Modified`.
    static func isNotModified(ifNoneMatch: String?, ifModifiedSince: String?, etag: String, modified: Int64) -> Bool {
        if let ifNoneMatch { return matches(ifNoneMatch, etag: etag) }
        guard let ifModifiedSince, let since = HTTPDate.parse(ifModifiedSince) else { return false }
        return modified <= since
    }

    /// Whether the field value `list` (`*`, or entity tags separated by commas) matches `etag` (`"…"`) weakly.
    static func matches(_ list: String, etag: String) -> Bool {
        let opaque = Self.opaque(etag)
        var bytes = Substring(list).utf8[...]
        while true {
            while let first = bytes.first,
                first == UInt8(ascii: " ") || first == UInt8(ascii: "\t")
                    || first == UInt8(ascii: ",")
            {
                bytes = bytes.dropFirst()
            }
            guard let first = bytes.first else { return false }
            if first == UInt8(ascii: "*") { return true }
            if bytes.starts(with: "W/".utf8) { bytes = bytes.dropFirst(2) }
            guard bytes.first == UInt8(ascii: "\"") else { return false }  // not an entity tag: the list is invalid
            bytes = bytes.dropFirst()
            guard let close = bytes.firstIndex(of: UInt8(ascii: "\"")) else { return false }
            if bytes[..<close].elementsEqual(opaque.utf8) { return true }
            bytes = bytes[bytes.index(after: close)...]
        }
    }

    /// What is between the quotes of `"…"` or `W/"…"`.
    private static func opaque(_ etag: String) -> Substring {
        var text = Substring(etag)
        if text.hasPrefix("W/") { text = text.dropFirst(2) }
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = text.dropFirst().dropLast() }
        return text
    }

    /// Whether `Accept-Encoding` (`gzip, deflate;q=0.5`) accepts gzip: named (or `x-gzip`) with a q above 0, or
    /// `*` with a q above 0 when gzip is not named.
    static func acceptsGzip(_ field: String?) -> Bool {
        guard let field else { return false }
        var star: Bool?
        for part in field.split(separator: ",") {
            let pieces = part.split(separator: ";")
            guard let name = pieces.first?.trimmingSpaces.lowercased() else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingSpaces.lowercased() == "q" {
                    quality = Double(pair[1].trimmingSpaces) ?? 0
                }
            }
            if name == "gzip" || name == "x-gzip" { return quality > 0 }
            if name == "*" { star = quality > 0 }
        }
        return star ?? false
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first == " " || text.first == "\t" { text = text.dropFirst() }
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return text
    }
}
