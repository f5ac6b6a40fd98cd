import FeedpubSystem

/// The HTML body of an item as the feeds carry it.
enum ItemBody {
    /// `body` (already trimmed) sanitized to the article markup ``HTMLPolicy`` allows, with relative URLs made
    /// absolute; an empty body becomes the description as a paragraph.
    ///
    /// Each change is logged as a warning at `line`.
    static func html(_ body: String, summary: String?, site: String, page: String, line: Int, log: inout IssueLog)
        -> String
    {
        guard !body.isEmpty else {
            log.warn("body", line: line, "is empty; the description is used as content")
            return summary.map { "<p>\(HTMLText.escaped($0))</p>" } ?? ""
        }
        return HTMLSanitizer.sanitized(body, site: site, page: page, line: line, log: &log)
    }

}
