/// One entry of a feed: a curated item as RSS, Atom and JSON Feed all need it.
public struct FeedItem: Sendable, Hashable, Codable {
    /// The stable global id (a tag URI): the same in every feed and every run.
    public var id: String
    /// The id the content gave (`id`, else `mdName`), for messages and ordering.
    public var sourceID: String
    /// The title, plain text.
    public var title: String
    /// A plain-text summary (`description`).
    public var summary: String?
    /// The body as HTML, kept as written.
    public var contentHTML: String
    /// When the item was first published (`date`).
    public var published: Timestamp
    /// When it last changed (`lastMod`); never before `published`.
    public var updated: Timestamp
    /// Its authors, in the order given.
    public var authors: [Person]
    /// The community that curated it.
    public var community: Community?
    /// The topics it is filed under, in the order given, without duplicates.
    public var topics: [Topic]
    /// Tags and content categories, in the order given, without duplicates.
    public var tags: [String]
    /// What the feeds print as categories: topics, then tags. Filled by ``FeedSetBuilder``.
    public var categories: [FeedCategory]
    /// The featured image.
    public var image: FeedImage?
    /// The item's page on the site (absolute URL).
    public var url: String
    /// The curated original (absolute URL).
    public var externalURL: String?
    /// The name of the original's source, such as `healthcarebusinesstoday.com`.
    public var sourceName: String?

    /// An item with every field given; `categories` are usually left for ``FeedSetBuilder`` to fill.
    public init(
        id: String,
        sourceID: String,
        title: String,
        summary: String? = nil,
        contentHTML: String,
        published: Timestamp,
        updated: Timestamp? = nil,
        authors: [Person] = [],
        community: Community? = nil,
        topics: [Topic] = [],
        tags: [String] = [],
        categories: [FeedCategory] = [],
        image: FeedImage? = nil,
        url: String,
        externalURL: String? = nil,
        sourceName: String? = nil
    ) {
        self.id = id
        self.sourceID = sourceID
        self.title = title
        self.summary = summary
        self.contentHTML = contentHTML
        self.published = published
        self.updated = max(updated ?? published, published)
        self.authors = authors
        self.community = community
        self.topics = topics
        self.tags = tags
        self.categories = categories
        self.image = image
        self.url = url
        self.externalURL = externalURL
        self.sourceName = sourceName
    }

    /// Feed order: newest `published` first; equal dates by ``sourceID`` (numbers by value), then ``id``.
    public static func precedesInFeed(_ lhs: FeedItem, _ rhs: FeedItem) -> Bool {
        FeedOrder.Key(lhs).precedes(FeedOrder.Key(rhs))
    }
}
