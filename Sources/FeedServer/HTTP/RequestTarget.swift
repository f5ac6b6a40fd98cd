/// The path of a request target, checked before anything is looked up: only a plain `/`-separated path of visible
/// names reaches the table of published files.
///
/// Percent-escapes are decoded once; an escaped `/` or `\`, a NUL or any control character, a bad escape or bytes
/// that are not UTF-8 are refused (400), and so is a `.` or `..` segment, written or escaped (`%2e%2e`). Hidden
/// names (`.feedpub/`, dotfiles) and empty segments are not found (404). The query is ignored.
enum RequestTarget {
    /// Why a target is refused.
    enum Refusal: Error, Equatable {
        /// 400: not a path this server could ever serve.
        case badRequest(String)
        /// 404: a well-formed path to nothing served.
        case notFound
        /// 414: longer than ``maximumLength``.
        case tooLong
    }

    /// The longest target accepted, in bytes.
    static let maximumLength = 2048

    /// The path inside the output folder that `target` (`/all/rss.xml?x=1`) names: `index.html` for `/`.
    static func path(_ target: String) -> Result<String, Refusal> {
        if isPlain(target) { return .success(String(target.dropFirst())) }
        let raw = Array(target.utf8)
        guard raw.count <= maximumLength else { return .failure(.tooLong) }
        let end = raw.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? raw.endIndex
        let encoded = raw[..<end]
        guard encoded.first == UInt8(ascii: "/") else { return .failure(.badRequest("not an absolute path")) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(encoded.count)
        var index = encoded.startIndex
        while index < encoded.endIndex {
            var byte = encoded[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < encoded.endIndex, let high = hexValue(encoded[index + 1]),
                    let low = hexValue(encoded[index + 2])
                else { return .failure(.badRequest("bad percent-escape")) }
                byte = high << 4 | low
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\") {
                    return .failure(.badRequest("escaped slash"))
                }
                index += 3
            } else {
                index += 1
            }
            if byte < 0x20 || byte == 0x7F { return .failure(.badRequest("control character")) }
            if byte == UInt8(ascii: "\\") { return .failure(.badRequest("backslash")) }
            decoded.append(byte)
        }
        guard let text = String(validating: decoded, as: UTF8.self) else {
            return .failure(.badRequest("not UTF-8"))
        }
        if text == "/" { return .success("index.html") }
        let segments = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for segment in segments {
            if segment == "." || segment == ".." { return .failure(.badRequest("dot segment")) }
            if segment.isEmpty || segment.hasPrefix(".") { return .failure(.notFound) }
        }
        return .success(String(text.dropFirst()))
    }

    /// Whether `target` is the usual kind, taken as it is: `/` then visible names of letters, digits, `-`, `_` and
    /// `.` (none starting with `.`), separated by single slashes, without escapes or a query.
    static func isPlain(_ target: String) -> Bool {
        let slash = UInt8(ascii: "/")
        var previous = slash
        var count = 0
        for byte in target.utf8 {
            count += 1
            if count == 1 {
                guard byte == slash else { return false }
                continue
            }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                break
            case UInt8(ascii: "."), slash:
                if previous == slash { return false }
            default:
                return false
            }
            previous = byte
        }
        return count > 1 && count <= maximumLength && previous != slash
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
