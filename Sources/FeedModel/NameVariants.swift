import FeedpubSystem

/// Spellings of one community or topic name that were folded into one feed (``NameFolding``), for a warning.
public struct NameVariants: Sendable, Equatable, CustomStringConvertible {
    /// Whether the name is a community's or a topic's.
    public enum Kind: String, Sendable {
        case community, topic
    }

    /// Community or topic.
    public var kind: Kind
    /// The spelling the feed is shown under (the one most items use).
    public var shown: String
    /// The other spellings, each with how many items use it.
    public var others: [(String, Int)]
    /// The feed's slug.
    public var slug: Slug

    /// Whether both say the same: kind, spellings and their counts, slug.
    public static func == (lhs: NameVariants, rhs: NameVariants) -> Bool {
        lhs.kind == rhs.kind && lhs.shown == rhs.shown && lhs.slug == rhs.slug
            && lhs.others.map(\.0) == rhs.others.map(\.0) && lhs.others.map(\.1) == rhs.others.map(\.1)
    }

    /// `topic 'HIMSS: Digital Health' (topics/himss-digital-health/) is also spelled 'HIMSS Digital Health' (2 items)`.
    public var description: String {
        let spellings = others.map { "'\(DisplayText.escaped($0.0))' (\($0.1) item\($0.1 == 1 ? "" : "s"))" }
        let folder = kind == .community ? "communities" : "topics"
        return "\(kind.rawValue) '\(DisplayText.escaped(shown))' (\(folder)/\(slug.text)/) is also spelled "
            + spellings.joined(separator: ", ") + "; one feed, shown under the spelling most items use"
    }
}
