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
    ///
    /// On the bytes (through `Substring.UTF8View` indices it was a third of a `304`'s time in the fast path).
    static func matches(_ list: String, etag: String) -> Bool {
        var list = list
        var etag = etag
        return list.withUTF8 { list in etag.withUTF8 { etag in matches(list, etag: opaque(etag)) } }
    }

    private static func matches(_ list: UnsafeBufferPointer<UInt8>, etag opaque: UnsafeBufferPointer<UInt8>) -> Bool {
        let quote = UInt8(ascii: "\"")
        var index = 0
        while true {
            while index < list.count,
                list[index] == UInt8(ascii: " ") || list[index] == UInt8(ascii: "\t")
                    || list[index] == UInt8(ascii: ",")
            {
                index += 1
            }
            guard index < list.count else { return false }
            if list[index] == UInt8(ascii: "*") { return true }
            if index + 1 < list.count, list[index] == UInt8(ascii: "W"), list[index + 1] == UInt8(ascii: "/") {
                index += 2
            }
            guard index < list.count, list[index] == quote else { return false }  // not an entity tag: invalid list
            let open = index + 1
            guard let close = list[open...].firstIndex(of: quote) else { return false }
            if close - open == opaque.count, list[open..<close].elementsEqual(opaque) { return true }
            index = close + 1
        }
    }

    /// What is between the quotes of `"…"` or `W/"…"`.
    private static func opaque(_ etag: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var text = etag[...]
        if text.starts(with: "W/".utf8) { text = text.dropFirst(2) }
        if text.count >= 2, text.first == UInt8(ascii: "\""), text.last == UInt8(ascii: "\"") {
            text = text.dropFirst().dropLast()
        }
        return UnsafeBufferPointer(rebasing: text)
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
