/// Every feed of a site: one for the whole site, one per community, one per topic.
public struct FeedSet: Sendable, Hashable {
    /// The feed of every item.
    public var site: Feed
    /// One feed per community, by slug.
    public var communities: [Feed]
    /// One feed per topic, by slug.
    public var topics: [Feed]
    /// The RFC 5005 archive pages of every feed (``FeedSettings/archive``), feed by feed as in ``all``, oldest page
    /// first; not subscriptions of their own (OPML does not list them).
    public var archives: [Feed] = []

    /// A set of feeds.
    public init(site: Feed, communities: [Feed], topics: [Feed]) {
        self.site = site
        self.communities = communities
        self.topics = topics
    }

    /// Site, then communities, then topics.
    public var all: [Feed] { [site] + communities + topics }

    /// Every document to write: ``all``, then ``archives``.
    public var documents: [Feed] { all + archives }

    /// How many items each feed holds, its archive pages' included, by location.
    public var itemCounts: [FeedLocation: Int] {
        var counts: [FeedLocation: Int] = [:]
        for feed in documents { counts[feed.location, default: 0] += feed.items.count }
        return counts
    }
}
