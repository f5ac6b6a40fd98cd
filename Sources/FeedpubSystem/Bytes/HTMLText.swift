/// Plain text as HTML: what a feed field that readers render as HTML must carry to show the text as it is.
package enum HTMLText {
    /// `text` with `&`, `<`, `>` and (unless `quotes` is false: text outside an attribute) `"` escaped.
    package static func escaped(_ text: String, quotes: Bool = true) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || (quotes && $0 == 0x22) }) else {
            return text
        }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
