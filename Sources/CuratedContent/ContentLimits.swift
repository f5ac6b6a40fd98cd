public import FeedModel

/// How much one item may put into the feeds (`limits:` in feedpub.yml).
///
/// Bounds that keep the output linear in the input: what goes past one is cut, with a warning.
public struct ContentLimits: Sendable, Hashable, Codable {
    /// Topics per item; the first ones are kept.
    public var topics: Int
    /// Authors per item; the first ones are kept.
    public var authors: Int
    /// Tags (and categories) per item; the first ones are kept.
    public var tags: Int
    /// Characters of a title, and of a name (community, topic, tag, author); cut at a word boundary, with "…".
    public var title: Int
    /// Characters of a summary (`description`); cut at a word boundary, with "…".
    public var summary: Int
    /// Dates before this are published with a warning (readers that keep 32-bit times show them wrong).
    public var oldest: Timestamp

    /// The default bounds: 20 topics, 20 authors, 50 tags, titles of 300 characters, summaries of 1,000, 1990-01-01.
    public init(
        topics: Int = 20,
        authors: Int = 20,
        tags: Int = 50,
        title: Int = 300,
        summary: Int = 1_000,
        oldest: Timestamp = Timestamp(seconds: 631_152_000)
    ) {
        self.topics = topics
        self.authors = authors
        self.tags = tags
        self.title = title
        self.summary = summary
        self.oldest = oldest
    }

    /// `text` cut to at most `limit` characters at a word boundary, ending in "…"; `nil` when it fits.
    static func cut(_ text: String, to limit: Int) -> String? {
        // A text of at most `limit` UTF-8 bytes has at most `limit` characters: counted without walking it.
        guard limit > 0, text.utf8.count > limit, text.count > limit else { return nil }
        let room = text.prefix(limit - 1)
        var end = room.endIndex
        if let space = room.lastIndex(where: \.isWhitespace),
            room.distance(from: room.startIndex, to: space) >= limit / 2
        {
            end = space
        }
        var kept = room[..<end]
        while let last = kept.last, last.isWhitespace || last.isPunctuation { kept = kept.dropLast() }
        return String(kept.isEmpty ? room : kept) + "…"
    }
}
