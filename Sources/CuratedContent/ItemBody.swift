/// The HTML body of an item as the feeds carry it.
enum ItemBody {
    /// `body` (already trimmed) with relative links made absolute; an empty body becomes the description as a
    /// paragraph.
    ///
    /// Each change is logged as a warning at `line`.
    static func html(_ body: String, summary: String?, site: String, page: String, line: Int, log: inout IssueLog)
        -> String
    {
        guard !body.isEmpty else {
            log.warn("body", line: line, "is empty; the description is used as content")
            return summary.map { "<p>\(escapedHTML($0))</p>" } ?? ""
        }
        return BodyLinks.absolutized(body, site: site, page: page, line: line, log: &log)
    }

    /// `text` with `&`, `<`, `>` and `"` escaped for HTML.
    static func escapedHTML(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
