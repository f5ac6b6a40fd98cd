/// What a feed carries of each item (`feeds.content`): the whole body, or the summary only.
///
/// `summary` is for curated third-party text a site may link to and describe but not republish: no RSS
/// `content:encoded`, no Atom `content`, and JSON Feed's `content_text` holds the summary instead of `content_html`.
public enum FeedContent: String, Sendable, Hashable, Codable, CaseIterable {
    /// The body, sanitized, in every format.
    case full
    /// The summary only.
    case summary
}
