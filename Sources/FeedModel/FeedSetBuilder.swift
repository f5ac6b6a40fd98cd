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
        return items.indices.map { tables.resolved(items[$0], at: $0, settings: settings) }
    }

    /// Every feed of `items`, each item resolved (see ``resolve(_:)``): ``plan(_:)`` then ``materialize(_:items:)``.
    public func build(_ items: [FeedItem]) -> FeedSet {
        materialize(plan(items), items: items)
    }

    /// Which items go in which feed, by index, before any item is resolved.
    ///
    /// Names are mapped to small integers once and items are sorted by index on precomputed keys, so that a
    /// large history with a small limit costs little more than its sort. A caller that holds items partly
    /// (without their details) completes the ``FeedPlan/members`` before ``materialize(_:items:)``.
    public func plan(_ items: [FeedItem]) -> FeedPlan {
        let tables = SlugTables(items)
        let order = FeedOrder.sortedIndices(items)
        let limit = settings.limit == 0 ? Int.max : settings.limit
        var site: [Int] = []
        var byCommunity = [[Int]](repeating: [], count: tables.communities.count)
        var byTopic = [[Int]](repeating: [], count: tables.topicNames.count)
        for index in order {
            if site.count < limit { site.append(index) }
            let community = tables.itemCommunity[index]
            if community >= 0 { byCommunity[Int(community)].appendIfBelow(limit, index) }
            for topic in tables.topics(ofItem: index) { byTopic[Int(topic)].appendIfBelow(limit, index) }
        }
        return FeedPlan(tables: tables, site: site, byCommunity: byCommunity, byTopic: byTopic)
    }

    /// The feeds of `plan`, with `items` (the same items ``plan(_:)`` saw, completed as needed) resolved.
    public func materialize(_ plan: FeedPlan, items: [FeedItem]) -> FeedSet {
        var tables = plan.tables
        var resolved: [Int: FeedItem] = [:]
        func feedItems(_ indices: [Int]) -> [FeedItem] {
            indices.map { index in
                if let item = resolved[index] { return item }
                let item = tables.resolved(items[index], at: index, settings: settings)
                resolved[index] = item
                return item
            }
        }
        let siteFeed = siteFeed(feedItems(plan.site))
        let communityFeeds = tables.communities.indices
            .filter { !plan.byCommunity[$0].isEmpty }
            .sorted { tables.communities[$0].slug < tables.communities[$1].slug }
            .map { communityFeed(tables.communities[$0], items: feedItems(plan.byCommunity[$0])) }
        let topicFeeds = tables.topicNames.indices
            .filter { !plan.byTopic[$0].isEmpty }
            .sorted { tables.topicSlugs[$0] < tables.topicSlugs[$1] }
            .map {
                topicFeed(
                    Topic(name: tables.topicNames[$0], slug: tables.topicSlugs[$0]),
                    items: feedItems(plan.byTopic[$0])
                )
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

/// Which items go in which feed, by index into the items given to ``FeedSetBuilder/plan(_:)``.
public struct FeedPlan: Sendable {
    fileprivate let tables: SlugTables
    fileprivate let site: [Int]
    fileprivate let byCommunity: [[Int]]
    fileprivate let byTopic: [[Int]]

    /// Every item that is in at least one feed, in ascending order.
    public var members: [Int] {
        var seen = Set(site)
        for feed in byCommunity { seen.formUnion(feed) }
        for feed in byTopic { seen.formUnion(feed) }
        return seen.sorted()
    }
}

extension Array where Element == Int {
    fileprivate mutating func appendIfBelow(_ limit: Int, _ index: Int) {
        if count < limit { append(index) }
    }
}

/// The settled slugs of a set of items: communities and topics across all of them (as small integers per item),
/// tags as met.
struct SlugTables: Sendable {
    /// Each community, with its final slug and title.
    private(set) var communities: [Community] = []
    /// Topic names and their final slugs, by topic number.
    private(set) var topicNames: [String] = []
    private(set) var topicSlugs: [String] = []
    /// Per item: its community's number, or -1.
    private(set) var itemCommunity: [Int32]
    /// Per item: where its topic numbers start in ``topicList`` (and end, at the next item's start).
    private var topicStart: [Int32]
    private var topicList: [Int32] = []
    /// Tag → slug, filled as items are resolved.
    private var tags: [String: String] = [:]

    init(_ items: [FeedItem]) {
        itemCommunity = [Int32](repeating: -1, count: items.count)
        topicStart = [Int32](repeating: 0, count: items.count + 1)
        topicList.reserveCapacity(items.count * 3)
        var communityNumber: [String: Int32] = [:]
        var communityNames: [String] = []
        var slugVotes: [[String: Int]] = []
        var titleVotes: [[String: Int]] = []
        var commonSlug: [(value: String, count: Int)] = []
        var commonTitle: [(value: String, count: Int)] = []
        var topicNumber: [String: Int32] = [:]
        topicNumber.reserveCapacity(1024)
        var topicRequests: [String] = []
        for index in items.indices {
            let item = items[index]
            if let community = item.community {
                let number: Int32
                if let known = communityNumber[community.name] {
                    number = known
                } else {
                    number = Int32(communityNames.count)
                    communityNumber[community.name] = number
                    communityNames.append(community.name)
                    slugVotes.append([:])
                    titleVotes.append([:])
                    commonSlug.append(("", 0))
                    commonTitle.append(("", 0))
                }
                itemCommunity[index] = number
                // Nearly every item of a community names the same slug and title: count those without hashing.
                let n = Int(number)
                if commonSlug[n].count > 0 && community.slug == commonSlug[n].value {
                    commonSlug[n].count += 1
                } else if Slug.isValid(community.slug) {
                    if commonSlug[n].count == 0 {
                        commonSlug[n] = (community.slug, 1)
                    } else {
                        slugVotes[n][community.slug, default: 0] += 1
                    }
                }
                if let title = community.title {
                    if commonTitle[n].count > 0 && title == commonTitle[n].value {
                        commonTitle[n].count += 1
                    } else if commonTitle[n].count == 0 {
                        commonTitle[n] = (title, 1)
                    } else {
                        titleVotes[n][title, default: 0] += 1
                    }
                }
            }
            for topic in item.topics {
                if let known = topicNumber[topic.name] {
                    topicList.append(known)
                } else {
                    let number = Int32(topicNames.count)
                    topicNumber[topic.name] = number
                    topicNames.append(topic.name)
                    topicRequests.append(
                        Slug.isValid(topic.slug) ? topic.slug : Slug.make(topic.name, fallbackPrefix: "topic")
                    )
                    topicList.append(number)
                }
            }
            topicStart[index + 1] = Int32(topicList.count)
        }
        for number in communityNames.indices {
            if commonSlug[number].count > 0 {
                slugVotes[number][commonSlug[number].value, default: 0] += commonSlug[number].count
            }
            if commonTitle[number].count > 0 {
                titleVotes[number][commonTitle[number].value, default: 0] += commonTitle[number].count
            }
        }
        var requests: [String: String] = [:]
        for (number, name) in communityNames.enumerated() {
            let votes = slugVotes[number]
            requests[name] = votes.isEmpty ? Slug.make(name, fallbackPrefix: "community") : Self.winner(votes)
        }
        let communitySlugs = SlugAllocator.assign(requests)
        communities = communityNames.enumerated().map { number, name in
            let votes = titleVotes[number]
            return Community(
                name: name,
                slug: communitySlugs[name] ?? Slug.make(name),
                title: votes.isEmpty ? nil : Self.winner(votes)
            )
        }
        let topicSlugTable = SlugAllocator.assign(Dictionary(uniqueKeysWithValues: zip(topicNames, topicRequests)))
        topicSlugs = topicNames.map { topicSlugTable[$0] ?? Slug.make($0) }
    }

    /// The topic numbers of item `index`.
    func topics(ofItem index: Int) -> ArraySlice<Int32> {
        topicList[Int(topicStart[index])..<Int(topicStart[index + 1])]
    }

    /// `item` (number `index`) with its final community, topic slugs and categories (topics, then tags).
    mutating func resolved(_ item: FeedItem, at index: Int, settings: FeedSettings) -> FeedItem {
        var item = item
        let community = itemCommunity[index]
        if community >= 0 { item.community = communities[Int(community)] }
        item.topics = topics(ofItem: index).map { Topic(name: topicNames[Int($0)], slug: topicSlugs[Int($0)]) }
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

    private static func winner(_ votes: [String: Int]) -> String {
        votes.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? ""
    }
}
