/// Where a feed lives: the whole site's, or a community's or a topic's by its slug.
///
/// The one place the layout is decided: ``path`` is the feed's folder relative to the output folder, and relative to
/// the URL the output is served at, so that file paths, feed URLs and feed ids all come from the same value.
public enum FeedLocation: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The feed of every item: `all/`.
    case site
    /// A community's feed: `communities/<slug>/`.
    case community(Slug)
    /// A topic's feed: `topics/<slug>/`.
    case topic(Slug)

    /// What the feed gathers.
    public var kind: Feed.Kind {
        switch self {
        case .site: .site
        case .community: .community
        case .topic: .topic
        }
    }

    /// The community's or topic's slug (`nil` for the site feed).
    public var slug: Slug? {
        switch self {
        case .site: nil
        case .community(let slug), .topic(let slug): slug
        }
    }

    /// The folders of the feed, outermost first: `["all"]`, `["communities", slug]`, `["topics", slug]`.
    public var folders: [String] {
        switch self {
        case .site: ["all"]
        case .community(let slug): ["communities", slug.text]
        case .topic(let slug): ["topics", slug.text]
        }
    }

    /// `all`, `communities/<slug>` or `topics/<slug>`.
    public var path: String { folders.joined(separator: "/") }

    /// The location whose ``folders`` are `folders`, or `nil` when they are not a feed's.
    public init?(folders: [String]) {
        switch (folders.first, folders.count) {
        case ("all", 1): self = .site
        case ("communities", 2):
            guard let slug = Slug(folders[1]) else { return nil }
            self = .community(slug)
        case ("topics", 2):
            guard let slug = Slug(folders[1]) else { return nil }
            self = .topic(slug)
        default: return nil
        }
    }

    /// The top-level folders feeds live in.
    public static let topFolders = ["all", "communities", "topics"]

    /// ``path``.
    public var description: String { path }

    /// Site first, then communities, then topics, each by slug.
    public static func < (lhs: FeedLocation, rhs: FeedLocation) -> Bool {
        switch (lhs, rhs) {
        case (.site, .site): false
        case (.site, _): true
        case (_, .site): false
        case (.community(let a), .community(let b)), (.topic(let a), .topic(let b)): a < b
        case (.community, .topic): true
        case (.topic, .community): false
        }
    }
}
