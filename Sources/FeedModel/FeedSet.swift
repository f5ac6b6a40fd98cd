/// Every feed of a site: one for the whole site, one per community, one per topic.
public struct FeedSet: Sendable, Hashable {
    /// The feed of every item.
    public var site: Feed
    /// One feed per community, by slug.
    public var communities: [Feed]
    /// One feed per topic, by slug.
    public var topics: [Feed]

    /// A set of feeds.
    public init(site: Feed, communities: [Feed], topics: [Feed]) {
        self.site = site
        self.communities = communities
        self.topics = topics
    }

    /// Site, then communities, then topics.
    public var all: [Feed] { [site] + communities + topics }
}
