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
        let communities = resolveCommunities(items)
        var topicRequests: [String: String] = [:]
        for item in items {
            for topic in item.topics where topicRequests[topic.name] == nil {
                topicRequests[topic.name] = topic.slug
            }
        }
        let topicSlugs = SlugAllocator.assign(topicRequests)
        return items.map { item in
            var item = item
            if let community = item.community {
                item.community = communities[community.name] ?? community
            }
            item.topics = item.topics.map { Topic(name: $0.name, slug: topicSlugs[$0.name] ?? $0.slug) }
            item.categories =
                item.topics.map { FeedCategory(term: $0.slug, label: $0.name, scheme: settings.topicScheme) }
                + item.tags.map { FeedCategory(term: Slug.make($0, fallbackPrefix: "tag"), label: $0, scheme: settings.tagScheme) }
            return item
        }
    }

    /// Every feed of `items`; items are resolved first (see ``resolve(_:)``).
    public func build(_ items: [FeedItem]) -> FeedSet {
        let sorted = resolve(items).sorted(by: FeedItem.precedesInFeed)
        let limit = settings.limit == 0 ? Int.max : settings.limit
        var site: [FeedItem] = []
        var byCommunity: [String: [FeedItem]] = [:]
        var byTopic: [String: [FeedItem]] = [:]
        var communities: [String: Community] = [:]
        var topics: [String: Topic] = [:]
        for item in sorted {
            if site.count < limit { site.append(item) }
            if let community = item.community {
                communities[community.slug] = community
                if byCommunity[community.slug, default: []].count < limit {
                    byCommunity[community.slug, default: []].append(item)
                }
            }
            for topic in item.topics {
                topics[topic.slug] = topic
                if byTopic[topic.slug, default: []].count < limit {
                    byTopic[topic.slug, default: []].append(item)
                }
            }
        }
        return FeedSet(
            site: siteFeed(site),
            communities: communities.keys.sorted().compactMap { slug in
                communities[slug].map { communityFeed($0, items: byCommunity[slug] ?? []) }
            },
            topics: topics.keys.sorted().compactMap { slug in
                topics[slug].map { topicFeed($0, items: byTopic[slug] ?? []) }
            }
        )
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

    /// Final community slugs and titles, keyed by community name.
    ///
    /// A community's slug is the one most of its items ask for (ties: the smaller); its title likewise.
    private func resolveCommunities(_ items: [FeedItem]) -> [String: Community] {
        var slugVotes: [String: [String: Int]] = [:]
        var titleVotes: [String: [String: Int]] = [:]
        for item in items {
            guard let community = item.community else { continue }
            slugVotes[community.name, default: [:]][community.slug, default: 0] += 1
            if let title = community.title {
                titleVotes[community.name, default: [:]][title, default: 0] += 1
            }
        }
        let slugs = SlugAllocator.assign(slugVotes.mapValues(Self.winner))
        var result: [String: Community] = [:]
        for (name, slug) in slugs {
            result[name] = Community(name: name, slug: slug, title: titleVotes[name].map(Self.winner))
        }
        return result
    }

    private static func winner(_ votes: [String: Int]) -> String {
        votes.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? ""
    }
}
