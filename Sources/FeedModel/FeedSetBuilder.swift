/// Groups items into a ``FeedSet``: the site feed, a feed per community and a feed per topic.
///
/// Slugs are settled here, across all items at once, so that two names never share a folder. Each feed holds its
/// items newest first (``FeedItem/precedesInFeed(_:_:)``), at most ``FeedSettings/limit`` of them, and its
/// `updated` is the newest `updated` among them.
public struct FeedSetBuilder: Sendable {
    /// The settings every feed is built with.
    public var settings: FeedSettings

    /// A builder with `settings`.
    public init(settings: FeedSettings) {
        self.settings = settings
    }

    /// The items with final community and topic slugs and their categories filled in.
    public func resolve(_ items: [FeedItem]) -> [FeedItem] {
        var tables = SlugTables(items)
        return items.map { tables.resolved($0, settings: settings) }
    }

    /// Every feed of `items`, each item resolved (see ``resolve(_:)``).
    ///
    /// Sorts indices rather than items and resolves only the items that make it into a feed, so that a large
    /// history with a small limit costs little more than its sort.
    public func build(_ items: [FeedItem]) -> FeedSet {
        var tables = SlugTables(items)
        let order = FeedOrder.sortedIndices(items)
        let limit = settings.limit == 0 ? Int.max : settings.limit
        var site: [Int] = []
        var byCommunity: [String: [Int]] = [:]
        var byTopic: [String: [Int]] = [:]
        for index in order {
            let item = items[index]
            if site.count < limit { site.append(index) }
            if let community = item.community, let slug = tables.communities[community.name]?.slug {
                byCommunity[slug, default: []].appendIfBelow(limit, index)
            }
            for topic in item.topics {
                guard let slug = tables.topics[topic.name] else { continue }
                byTopic[slug, default: []].appendIfBelow(limit, index)
            }
        }
        var resolved: [Int: FeedItem] = [:]
        func feedItems(_ indices: [Int]) -> [FeedItem] {
            indices.map { index in
                if let item = resolved[index] { return item }
                let item = tables.resolved(items[index], settings: settings)
                resolved[index] = item
                return item
            }
        }
        var communityBySlug: [String: Community] = [:]
        for community in tables.communities.values { communityBySlug[community.slug] = community }
        var topicBySlug: [String: Topic] = [:]
        for (name, slug) in tables.topics { topicBySlug[slug] = Topic(name: name, slug: slug) }
        let siteFeed = siteFeed(feedItems(site))
        var communityFeeds: [Feed] = []
        for slug in byCommunity.keys.sorted() {
            guard let community = communityBySlug[slug] else { continue }
            communityFeeds.append(communityFeed(community, items: feedItems(byCommunity[slug] ?? [])))
        }
        var topicFeeds: [Feed] = []
        for slug in byTopic.keys.sorted() {
            guard let topic = topicBySlug[slug] else { continue }
            topicFeeds.append(topicFeed(topic, items: feedItems(byTopic[slug] ?? [])))
        }
        return FeedSet(site: siteFeed, communities: communityFeeds, topics: topicFeeds)
    }

    /// The site feed of items already in feed order.
    public func siteFeed(_ items: [FeedItem]) -> Feed {
        feed(
            kind: .site,
            name: nil,
            path: "all",
            title: settings.siteTitle,
            description: settings.siteDescription,
            homePageURL: settings.siteURL + "/",
            items: items
        )
    }

    /// The feed of `community`, of items already in feed order.
    public func communityFeed(_ community: Community, items: [FeedItem]) -> Feed {
        let override = settings.communities[community.slug] ?? settings.communities[community.name]
        return feed(
            kind: .community,
            name: community.name,
            path: "communities/\(community.slug)",
            title: override?.title ?? "\(community.displayTitle) · \(settings.siteTitle)",
            description: override?.description
                ?? "Curated content from the \(community.name) community on \(settings.siteTitle).",
            homePageURL: settings.page(settings.communityPageTemplate, slug: community.slug),
            items: items
        )
    }

    /// The feed of `topic`, of items already in feed order.
    public func topicFeed(_ topic: Topic, items: [FeedItem]) -> Feed {
        feed(
            kind: .topic,
            name: topic.name,
            path: "topics/\(topic.slug)",
            title: "\(topic.name) · \(settings.siteTitle)",
            description: "Curated content on \(topic.name) from \(settings.siteTitle).",
            homePageURL: settings.page(settings.topicPageTemplate, slug: topic.slug),
            items: items
        )
    }

    private func feed(
        kind: Feed.Kind,
        name: String?,
        path: String,
        title: String,
        description: String,
        homePageURL: String,
        items: [FeedItem]
    ) -> Feed {
        Feed(
            kind: kind,
            name: name,
            path: path,
            id: settings.ids.uri("feeds/\(path)"),
            title: title,
            description: description,
            homePageURL: homePageURL,
            folderURL: settings.feedsURL + path + "/",
            language: settings.language,
            updated: items.map(\.updated).max() ?? Timestamp(seconds: 0),
            authors: [settings.publisher],
            favicon: settings.favicon,
            icon: settings.icon,
            logo: settings.logo,
            copyright: settings.copyright,
            generator: settings.generator,
            items: items
        )
    }

}

extension Array where Element == Int {
    fileprivate mutating func appendIfBelow(_ limit: Int, _ index: Int) {
        if count < limit { append(index) }
    }
}

/// The settled slugs of a set of items: communities and topics across all of them, tags as met.
struct SlugTables {
    /// Community name → the community with its final slug and title.
    let communities: [String: Community]
    /// Topic name → final slug.
    let topics: [String: String]
    /// Tag → slug, filled as items are resolved.
    private var tags: [String: String] = [:]

    init(_ items: [FeedItem]) {
        communities = Self.communities(items)
        var topicRequests: [String: String] = [:]
        for item in items {
            for topic in item.topics where topicRequests[topic.name] == nil {
                topicRequests[topic.name] = Slug.isValid(topic.slug) ? topic.slug : Slug.make(topic.name, fallbackPrefix: "topic")
            }
        }
        topics = SlugAllocator.assign(topicRequests)
    }

    /// `item` with its final community, topic slugs and categories (topics, then tags).
    mutating func resolved(_ item: FeedItem, settings: FeedSettings) -> FeedItem {
        var item = item
        if let community = item.community {
            item.community = communities[community.name] ?? community
        }
        item.topics = item.topics.map { Topic(name: $0.name, slug: topics[$0.name] ?? $0.slug) }
        var categories = item.topics.map { FeedCategory(term: $0.slug, label: $0.name, scheme: settings.topicScheme) }
        for tag in item.tags {
            let term: String
            if let known = tags[tag] {
                term = known
            } else {
                term = Slug.make(tag, fallbackPrefix: "tag")
                tags[tag] = term
            }
            categories.append(FeedCategory(term: term, label: tag, scheme: settings.tagScheme))
        }
        item.categories = categories
        return item
    }

    /// Final community slugs and titles, keyed by community name.
    ///
    /// A community's slug is the valid one most of its items ask for (ties: the smaller), else the slug of its
    /// name; its title likewise the most given.
    private static func communities(_ items: [FeedItem]) -> [String: Community] {
        var slugVotes: [String: [String: Int]] = [:]
        var titleVotes: [String: [String: Int]] = [:]
        for item in items {
            guard let community = item.community else { continue }
            if Slug.isValid(community.slug) {
                slugVotes[community.name, default: [:]][community.slug, default: 0] += 1
            } else if slugVotes[community.name] == nil {
                slugVotes[community.name] = [:]
            }
            if let title = community.title {
                titleVotes[community.name, default: [:]][title, default: 0] += 1
            }
        }
        let requests = slugVotes.reduce(into: [String: String]()) { requests, entry in
            requests[entry.key] = entry.value.isEmpty ? Slug.make(entry.key, fallbackPrefix: "community") : winner(entry.value)
        }
        var result: [String: Community] = [:]
        for (name, slug) in SlugAllocator.assign(requests) {
            result[name] = Community(name: name, slug: slug, title: titleVotes[name].map(winner))
        }
        return result
    }

    private static func winner(_ votes: [String: Int]) -> String {
        votes.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? ""
    }
}
