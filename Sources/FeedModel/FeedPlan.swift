/// Which items go in which feed, by index into the items given to ``FeedSetBuilder/plan(_:)-([FeedPlan.Item])``,
/// with every community's and topic's slug settled.
public struct FeedPlan: Sendable {
    /// An item as planning sees it: its identity, its date, its community and its topics — none of its text.
    public struct Item: Sendable, Hashable {
        /// The stable global id (see ``FeedItem/id``).
        public var id: String
        /// The id the content gave (see ``FeedItem/sourceID``).
        public var sourceID: String
        /// When the item was first published.
        public var published: Timestamp
        /// Its community, with the slug it asks for.
        public var community: Community?
        /// Its topics, with the slugs they ask for.
        public var topics: [Topic]

        /// An item with the given fields.
        public init(id: String, sourceID: String, published: Timestamp, community: Community?, topics: [Topic]) {
            self.id = id
            self.sourceID = sourceID
            self.published = published
            self.community = community
            self.topics = topics
        }
    }

    /// An archive page of a feed: its name and its items, newest first.
    struct Page: Sendable {
        let name: String
        let items: [Int]
    }

    let tables: SlugTables
    let site: [Int]
    let byCommunity: [[Int]]
    let byTopic: [[Int]]
    /// The archive pages of each feed, oldest first (empty without archives).
    var sitePages: [Page] = []
    var communityPages: [[Page]] = []
    var topicPages: [[Page]] = []

    /// The slugs published so far, with this plan's: to keep for the next build (``FeedSetBuilder/published``).
    public var publishedSlugs: PublishedSlugs { tables.published }

    /// The names folded together with other spellings, to warn about.
    public var nameVariants: [NameVariants] { tables.variants }

    /// Every item that is in at least one feed, in ascending order.
    public var members: [Int] {
        var seen = Set(site)
        for feed in byCommunity { seen.formUnion(feed) }
        for feed in byTopic { seen.formUnion(feed) }
        for page in sitePages { seen.formUnion(page.items) }
        for pages in communityPages + topicPages { for page in pages { seen.formUnion(page.items) } }
        return seen.sorted()
    }
}
