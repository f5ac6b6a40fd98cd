import FeedModel

/// What a build keeps of every published item: what grouping needs (identity, dates, community, topics).
///
/// The item's text is in ``ItemDetails``, kept or decoded only for the items that make a feed, and its body is read
/// from its file only for the feeds that are rendered.
struct ItemRecord: Sendable, Hashable {
    var id: String
    var sourceID: String
    var published: Timestamp
    var updated: Timestamp
    /// The community with the slug the content asks for.
    var community: Community?
    /// The topics with no slug yet: they are settled across all items.
    var topics: [Topic]
    /// A draft: kept, never published.
    var isDraft = false
    /// When it stops being published.
    var expires: Timestamp?

    /// This record with its community, topic and tag names shared through `strings`: the same few hundred names
    /// repeat in every item.
    func interned(_ strings: inout StringTable) -> ItemRecord {
        var copy = self
        copy.sourceID = strings.string(sourceID)
        if let community {
            copy.community = Community(
                name: strings.string(community.name),
                slug: community.slug,
                title: community.title.map { strings.string($0) }
            )
        }
        copy.topics = topics.map { Topic(name: strings.string($0.name), slug: $0.slug) }
        return copy
    }

    /// What planning needs.
    var planItem: FeedPlan.Item {
        FeedPlan.Item(id: id, sourceID: sourceID, published: published, community: community, topics: topics)
    }

    /// The complete item, with `details`, the body (`nil`: not loaded) and the digest of its file.
    func item(details: ItemDetails, body: String?, digest: UInt64) -> FeedItem {
        FeedItem(
            id: id,
            sourceID: sourceID,
            title: details.title,
            summary: details.summary,
            contentHTML: body,
            published: published,
            updated: updated,
            authors: details.authors,
            community: community,
            topics: topics,
            tags: details.tags,
            image: details.image,
            url: details.url,
            externalURL: details.externalURL,
            sourceName: details.sourceName,
            sourceDigest: digest
        )
    }
}

/// An item's text apart from its body: title, summary, authors, image, links and tags (which only rendering needs).
struct ItemDetails: Sendable, Hashable {
    var title: String
    var summary: String?
    var authors: [Person]
    var image: FeedImage?
    var url: String
    var externalURL: String?
    var sourceName: String?
    var tags: [String] = []

    /// No text yet: what an item of the feed set holds until ``ItemFiller`` decodes its own.
    static let pending = ItemDetails(title: "", summary: nil, authors: [], image: nil, url: "")
}

extension ItemRecord {
    /// The grouping fields of `item`.
    init(_ item: FeedItem) {
        self.init(
            id: item.id,
            sourceID: item.sourceID,
            published: item.published,
            updated: item.updated,
            community: item.community,
            topics: item.topics
        )
    }
}

extension ItemDetails {
    /// `item` with these details as its text (its tags and their categories are the feed set builder's to add).
    func applied(to item: FeedItem) -> FeedItem {
        var item = item
        item.title = title
        item.summary = summary
        item.authors = authors
        item.image = image
        item.url = url
        item.externalURL = externalURL
        item.sourceName = sourceName
        return item
    }

    /// The details of `item`.
    init(_ item: FeedItem) {
        self.init(
            title: item.title,
            summary: item.summary,
            authors: item.authors,
            image: item.image,
            url: item.url,
            externalURL: item.externalURL,
            sourceName: item.sourceName,
            tags: item.tags
        )
    }
}
