/// Where a feed lives: the whole site's, or a community's or a topic's by its slug.
///
/// What the feed is, not where its files go: ``FeedLayout`` maps a location to its folder, and ``path`` names it in
/// the feed's id, so that a change of layout moves no id.
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

    /// `all`, `communities/<slug>` or `topics/<slug>`: the feed's name in its id, and its folder in
    /// ``FeedLayout/standard``.
    public var path: String {
        switch self {
        case .site: "all"
        case .community(let slug): "communities/" + slug.text
        case .topic(let slug): "topics/" + slug.text
        }
    }

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
