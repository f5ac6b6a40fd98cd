/// One entry of a feed: a curated item as RSS, Atom and JSON Feed all need it.
///
/// A value type whose fields live in one shared, copy-on-write box: copying an item (into a feed, a sorted
/// array, a result) costs one reference count, not one per field, which matters at 100,000 items.
public struct FeedItem: Sendable, Hashable, Codable {
    /// The fields, compared and hashed together.
    private struct Fields: Hashable, Codable {
        var id: String
        var sourceID: String
        var title: String
        var summary: String?
        var contentHTML: String?
        var published: Timestamp
        var updated: Timestamp
        var authors: [Person]
        var community: Community?
        var topics: [Topic]
        var tags: [String]
        var categories: [FeedCategory]
        var image: FeedImage?
        var url: String
        var externalURL: String?
        var sourceName: String?
        var sourceDigest: UInt64
    }

    /// Shared storage; mutated only when uniquely referenced (see ``mutate(_:)``), hence `@unchecked Sendable`.
    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    /// The box this item's fields live in.
    ///
    /// Two items with the same identity have the same fields for as long as both are alive (a change to a shared box
    /// makes a new one). Who keeps a table by identity keeps the items too,
    /// so that a box freed and another made at its address cannot pass for it.
    package var identity: ObjectIdentifier { ObjectIdentifier(box) }

    private mutating func mutate(_ change: (inout Fields) -> Void) {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
        change(&box.fields)
    }

    /// The stable global id (a tag URI): the same in every feed and every run.
    public var id: String {
        get { box.fields.id }
        set { mutate { $0.id = newValue } }
    }
    /// The id the content gave (`id`, else `mdName`), for messages and ordering.
    public var sourceID: String {
        get { box.fields.sourceID }
        set { mutate { $0.sourceID = newValue } }
    }
    /// The title, plain text.
    public var title: String {
        get { box.fields.title }
        set { mutate { $0.title = newValue } }
    }
    /// A plain-text summary (`description`).
    public var summary: String? {
        get { box.fields.summary }
        set { mutate { $0.summary = newValue } }
    }
    /// The body as HTML; `nil` when it is not loaded (the writers refuse such an item rather than publish it empty).
    public var contentHTML: String? {
        get { box.fields.contentHTML }
        set { mutate { $0.contentHTML = newValue } }
    }
    /// When the item was first published (`date`).
    public var published: Timestamp {
        get { box.fields.published }
        set { mutate { $0.published = newValue } }
    }
    /// When it last changed (`lastMod`); never before `published`.
    public var updated: Timestamp {
        get { box.fields.updated }
        set { mutate { $0.updated = newValue } }
    }
    /// Its authors, in the order given.
    public var authors: [Person] {
        get { box.fields.authors }
        set { mutate { $0.authors = newValue } }
    }
    /// The community that curated it.
    public var community: Community? {
        get { box.fields.community }
        set { mutate { $0.community = newValue } }
    }
    /// The topics it is filed under, in the order given, without duplicates.
    public var topics: [Topic] {
        get { box.fields.topics }
        set { mutate { $0.topics = newValue } }
    }
    /// Tags and content categories, in the order given, without duplicates.
    public var tags: [String] {
        get { box.fields.tags }
        set { mutate { $0.tags = newValue } }
    }
    /// What the feeds print as categories: topics, then tags.
    ///
    /// Filled by ``FeedSetBuilder``.
    public var categories: [FeedCategory] {
        get { box.fields.categories }
        set { mutate { $0.categories = newValue } }
    }
    /// The featured image.
    public var image: FeedImage? {
        get { box.fields.image }
        set { mutate { $0.image = newValue } }
    }
    /// The item's page on the site (absolute URL).
    public var url: String {
        get { box.fields.url }
        set { mutate { $0.url = newValue } }
    }
    /// The curated original (absolute URL).
    public var externalURL: String? {
        get { box.fields.externalURL }
        set { mutate { $0.externalURL = newValue } }
    }
    /// The name of the original's source, such as `healthcarebusinesstoday.com`.
    public var sourceName: String? {
        get { box.fields.sourceName }
        set { mutate { $0.sourceName = newValue } }
    }
    /// A digest of the source the item was read from (its file's bytes), for telling whether it changed.
    ///
    /// 0 when unknown. Not printed in any feed.
    public var sourceDigest: UInt64 {
        get { box.fields.sourceDigest }
        set { mutate { $0.sourceDigest = newValue } }
    }

    /// An item with every field given; `categories` are usually left for ``FeedSetBuilder`` to fill.
    public init(
        id: String,
        sourceID: String,
        title: String,
        summary: String? = nil,
        contentHTML: String?,
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
        sourceName: String? = nil,
        sourceDigest: UInt64 = 0
    ) {
        box = Box(
            Fields(
                id: id,
                sourceID: sourceID,
                title: title,
                summary: summary,
                contentHTML: contentHTML,
                published: published,
                updated: max(updated ?? published, published),
                authors: authors,
                community: community,
                topics: topics,
                tags: tags,
                categories: categories,
                image: image,
                url: url,
                externalURL: externalURL,
                sourceName: sourceName,
                sourceDigest: sourceDigest
            )
        )
    }

    /// An item with what every feed needs, to fill by hand; ``sourceID`` is the `id`, the other fields are empty until
    /// set.
    public init(id: String, title: String, url: String, published: Timestamp, contentHTML: String) {
        self.init(id: id, sourceID: id, title: title, contentHTML: contentHTML, published: published, url: url)
    }

    /// What planning needs of the item (``FeedSetBuilder/plan(_:)-([FeedPlan.Item])``).
    public var planItem: FeedPlan.Item {
        FeedPlan.Item(id: id, sourceID: sourceID, published: published, community: community, topics: topics)
    }

    /// Whether two items have the same fields.
    public static func == (lhs: FeedItem, rhs: FeedItem) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    /// Hashes every field.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(box.fields)
    }

    /// Decodes the fields.
    public init(from decoder: any Decoder) throws {
        box = Box(try Fields(from: decoder))
    }

    /// Encodes the fields.
    public func encode(to encoder: any Encoder) throws {
        try box.fields.encode(to: encoder)
    }

    /// Feed order: newest `published` first; equal dates by ``sourceID`` (numbers by value), then ``id``.
    public static func precedesInFeed(_ lhs: FeedItem, _ rhs: FeedItem) -> Bool {
        FeedOrder.precedes(lhs.planItem, rhs.planItem)
    }
}
