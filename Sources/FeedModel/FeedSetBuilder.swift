/// Groups items into a ``FeedSet``: the site feed, a feed per community and a feed per topic.
///
/// Slugs are settled here, across all items at once, so that two names never share a folder; names that differ only in
/// case, punctuation or spacing are one (``NameFolding``), and a slug published before stays with its name
/// (``published``). Each feed holds its
/// items newest first (``FeedItem/precedesInFeed(_:_:)``), at most ``FeedSettings/limit`` of them, and its
/// `updated` is the newest `updated` among them.
public struct FeedSetBuilder: Sendable {
    /// The settings every feed is built with.
    public var settings: FeedSettings
    /// The slugs of earlier builds (``FeedPlan/publishedSlugs`` of the last one): each name keeps its slug.
    public var published: PublishedSlugs

    /// A builder with `settings`, keeping the slugs `published` before.
    public init(settings: FeedSettings, published: PublishedSlugs = PublishedSlugs()) {
        self.settings = settings
        self.published = published
    }

    /// The items with final community and topic slugs and their categories filled in.
    public func resolve(_ items: [FeedItem]) -> [FeedItem] {
        var tables = SlugTables(items.map(\.planItem), published: published, aliases: settings.topicAliases)
        return items.indices.map { tables.resolved(items[$0], at: $0, settings: settings) }
    }

    /// `item`, resolved by ``materialize(_:items:)`` before its text was known, with `tags` as its tags and their
    /// categories after its topics' (as ``resolve(_:)`` gives them).
    package func withTags(_ tags: [String], _ item: FeedItem) -> FeedItem {
        var item = item
        item.tags = tags
        item.categories += tags.map { SlugTables.tagCategory($0, settings: settings) }
        return item
    }

    /// Every feed of `items`, each item resolved (see ``resolve(_:)``): ``plan(_:)-([FeedItem])`` then
    /// ``materialize(_:items:)``.
    public func build(_ items: [FeedItem]) -> FeedSet {
        let plan = plan(items)
        return materialize(plan, items: Dictionary(uniqueKeysWithValues: plan.members.map { ($0, items[$0]) }))
    }

    /// Which of `items` go in which feed (see ``plan(_:)-([FeedPlan.Item])``).
    public func plan(_ items: [FeedItem]) -> FeedPlan {
        plan(items.map(\.planItem))
    }

    /// Which items go in which feed, by index, from what planning needs of each item.
    ///
    /// Names are mapped to small integers once and items are sorted by index on precomputed keys, so that a
    /// large history with a small limit costs little more than its sort. Only the ``FeedPlan/members`` need to be
    /// complete items for ``materialize(_:items:)``.
    public func plan(_ items: [FeedPlan.Item]) -> FeedPlan {
        let tables = SlugTables(items, published: published, aliases: settings.topicAliases)
        let order = FeedOrder.sortedIndices(items)
        // With archives every feed is planned whole, then cut into pages and its subscription document.
        let limit = settings.archive == nil ? settings.limit.maximum : Int.max
        var site: [Int] = []
        var byCommunity = [[Int]](repeating: [], count: tables.communities.count)
        var byTopic = [[Int]](repeating: [], count: tables.topicNames.count)
        for index in order {
            if site.count < limit { site.append(index) }
            let community = tables.itemCommunity[index]
            if community >= 0 { byCommunity[Int(community)].appendIfBelow(limit, index) }
            for topic in tables.topics(ofItem: index) { byTopic[Int(topic)].appendIfBelow(limit, index) }
        }
        guard let pageSize = settings.archive else {
            return FeedPlan(tables: tables, site: site, byCommunity: byCommunity, byTopic: byTopic)
        }
        // Each id hashed once, though an item is cut in several feeds.
        let hashes = items.map { ArchivePaging.idHash($0.id) }
        func paged(_ feed: inout [Int]) -> [FeedPlan.Page] {
            let oldestFirst = Array(feed.reversed())
            let cut = ArchivePaging.cut(
                count: oldestFirst.count,
                hash: { hashes[oldestFirst[$0]] },
                published: { items[oldestFirst[$0]].published },
                limit: settings.limit.maximum,
                pageSize: pageSize
            )
            feed = Array(oldestFirst[cut.current...].reversed())
            return cut.pages.map { FeedPlan.Page(name: $0.name, items: Array(oldestFirst[$0.range].reversed())) }
        }
        let sitePages = paged(&site)
        let communityPages = byCommunity.indices.map { paged(&byCommunity[$0]) }
        let topicPages = byTopic.indices.map { paged(&byTopic[$0]) }
        var plan = FeedPlan(tables: tables, site: site, byCommunity: byCommunity, byTopic: byTopic)
        plan.sitePages = sitePages
        plan.communityPages = communityPages
        plan.topicPages = topicPages
        return plan
    }

    /// The feeds of `plan`, with `items` — the complete item of each of the plan's ``FeedPlan/members``, by its
    /// number in the planning — resolved; a member missing from `items` is left out of its feeds.
    public func materialize(_ plan: FeedPlan, items: [Int: FeedItem]) -> FeedSet {
        var tables = plan.tables
        var resolved: [Int: FeedItem] = [:]
        func feedItems(_ indices: [Int]) -> [FeedItem] {
            indices.compactMap { index in
                if let known = resolved[index] { return known }
                guard let item = items[index] else { return nil }
                let made = tables.resolved(item, at: index, settings: settings)
                resolved[index] = made
                return made
            }
        }
        var archives: [Feed] = []
        // The subscription document of `feed` and its archive pages: each page a copy of the feed with its own
        // items, folder and links (RFC 5005 §4).
        func archived(_ feed: Feed, _ pages: [FeedPlan.Page]) -> Feed {
            guard settings.archive != nil else { return feed }
            let folders = pages.map { feed.folderURL + ArchivePaging.folderName + "/" + $0.name + "/" }
            for (number, page) in pages.enumerated() {
                var document = feed
                document.items = feedItems(page.items)
                document.updated = document.items.map(\.updated).max() ?? Timestamp(seconds: 0)
                document.folderURL = folders[number]
                document.archive = Feed.ArchiveLinks(
                    page: page.name,
                    currentFolderURL: feed.folderURL,
                    olderFolderURL: number > 0 ? folders[number - 1] : nil,
                    newerFolderURL: number + 1 < folders.count ? folders[number + 1] : nil
                )
                archives.append(document)
            }
            var subscription = feed
            subscription.archive = Feed.ArchiveLinks(
                page: nil,
                currentFolderURL: feed.folderURL,
                olderFolderURL: folders.last,
                newerFolderURL: nil
            )
            return subscription
        }
        let siteFeed = archived(siteFeed(feedItems(plan.site)), plan.sitePages)
        let communityFeeds = communityOrder(plan)
            .map {
                archived(
                    communityFeed(tables.communities[$0], items: feedItems(plan.byCommunity[$0])),
                    plan.communityPages.indices.contains($0) ? plan.communityPages[$0] : []
                )
            }
        let topicFeeds = topicOrder(plan)
            .map {
                archived(
                    topicFeed(
                        Topic(name: tables.topicNames[$0], slug: tables.topicSlugs[$0]),
                        items: feedItems(plan.byTopic[$0])
                    ),
                    plan.topicPages.indices.contains($0) ? plan.topicPages[$0] : []
                )
            }
        var set = FeedSet(site: siteFeed, communities: communityFeeds, topics: topicFeeds)
        set.archives = archives
        return set
    }

    /// `set`, which ``materialize(_:items:)`` made of `plan`, with the items at the plan's indices `replacements`
    /// in place of the ones it had there: what `materialize` makes of `plan` with them (the plan the same, the same
    /// items in the same places; only their fields new, and each feed's `updated` from them).
    ///
    /// Each document's items are the items of its plan indices, in order (``materialize(_:items:)``), so a
    /// replacement is found by its index (found by id, hashing the ids of the 300,000 items the feeds of 100,000 hold
    /// took 7 ms of each watched edit).
    package func rematerialize(_ set: FeedSet, plan: FeedPlan, replacing replacements: [Int: FeedItem]) -> FeedSet {
        guard !replacements.isEmpty else { return set }
        var tables = plan.tables
        var resolved: [Int: FeedItem] = [:]
        for (index, item) in replacements { resolved[index] = tables.resolved(item, at: index, settings: settings) }
        let replaced = resolved.sorted { $0.key < $1.key }
        let byID = Dictionary(resolved.values.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        func patched(_ feed: Feed, _ indices: [Int]) -> Feed {
            var feed = feed
            var changed = false
            if feed.items.count == indices.count {
                // A few replaced: each looked for among the indices (integers, no hashing); many: each index looked up.
                if replaced.count <= 16 {
                    for (index, item) in replaced {
                        guard let position = indices.firstIndex(of: index) else { continue }
                        feed.items[position] = item
                        changed = true
                    }
                } else {
                    for (position, index) in indices.enumerated() {
                        guard let item = resolved[index] else { continue }
                        feed.items[position] = item
                        changed = true
                    }
                }
            } else if feed.items.contains(where: { byID[$0.id] != nil }) {
                // Not made by `materialize` from these indices: by id.
                feed.items = feed.items.map { byID[$0.id] ?? $0 }
                changed = true
            }
            guard changed else { return feed }
            feed.updated = feed.items.map(\.updated).max() ?? Timestamp(seconds: 0)
            return feed
        }
        let communities = communityOrder(plan)
        let topics = topicOrder(plan)
        // (A set of other feeds than the plan's is patched by id: `[]` matches no feed with items.)
        var patchedSet = FeedSet(
            site: patched(set.site, plan.site),
            communities: set.communities.count == communities.count
                ? zip(set.communities, communities).map { patched($0, plan.byCommunity[$1]) }
                : set.communities.map { patched($0, []) },
            topics: set.topics.count == topics.count
                ? zip(set.topics, topics).map { patched($0, plan.byTopic[$1]) } : set.topics.map { patched($0, []) }
        )
        // The archive pages, in the order `materialize` made them: the site's, each community's, each topic's.
        var pages = plan.sitePages
        for community in communities where plan.communityPages.indices.contains(community) {
            pages += plan.communityPages[community]
        }
        for topic in topics where plan.topicPages.indices.contains(topic) { pages += plan.topicPages[topic] }
        if settings.archive != nil, pages.count == set.archives.count {
            patchedSet.archives = zip(set.archives, pages).map { patched($0, $1.items) }
        } else {
            patchedSet.archives = set.archives.map { patched($0, []) }
        }
        return patchedSet
    }

    /// The communities of `plan` with a feed, in the order of their feeds (by slug).
    private func communityOrder(_ plan: FeedPlan) -> [Int] {
        plan.tables.communities.indices
            .filter { !plan.byCommunity[$0].isEmpty }  // the newest `limit` items are never archived
            .sorted { plan.tables.communitySlugs[$0] < plan.tables.communitySlugs[$1] }
    }

    /// The topics of `plan` with a feed, in the order of their feeds (by slug).
    private func topicOrder(_ plan: FeedPlan) -> [Int] {
        plan.tables.topicNames.indices
            .filter { !plan.byTopic[$0].isEmpty }
            .sorted { plan.tables.topicSlugs[$0] < plan.tables.topicSlugs[$1] }
    }

    /// The site feed of items already in feed order.
    public func siteFeed(_ items: [FeedItem]) -> Feed {
        feed(
            .site,
            name: nil,
            title: settings.siteTitle,
            description: settings.siteDescription,
            homePageURL: settings.siteURL + "/",
            items: items
        )
    }

    /// The feed of `community`, of items already in feed order (a community without a slug gets its name's).
    public func communityFeed(_ community: Community, items: [FeedItem]) -> Feed {
        let slug = community.slug ?? Slug(making: community.name, fallbackPrefix: "community")
        let override = settings.communities[slug.text] ?? settings.communities[community.name]
        return feed(
            .community(slug),
            name: community.name,
            title: override?.title ?? "\(community.displayTitle) · \(settings.siteTitle)",
            description: override?.description
                ?? "Curated content from the \(community.name) community on \(settings.siteTitle).",
            homePageURL: settings.page(settings.communityPageTemplate, slug: slug),
            items: items
        )
    }

    /// The feed of `topic`, of items already in feed order (a topic without a slug gets its name's).
    public func topicFeed(_ topic: Topic, items: [FeedItem]) -> Feed {
        let slug = topic.slug ?? Slug(making: topic.name, fallbackPrefix: "topic")
        let override = settings.topics[slug.text] ?? settings.topics[topic.name]
        return feed(
            .topic(slug),
            name: topic.name,
            title: override?.title ?? "\(topic.name) · \(settings.siteTitle)",
            description: override?.description ?? "Curated content on \(topic.name) from \(settings.siteTitle).",
            homePageURL: settings.page(settings.topicPageTemplate, slug: slug),
            items: items
        )
    }

    private func feed(
        _ location: FeedLocation,
        name: String?,
        title: String,
        description: String,
        homePageURL: String,
        items: [FeedItem]
    ) -> Feed {
        var feed = Feed(
            location: location,
            name: name,
            id: settings.ids.uri("feeds/\(location.path)"),
            title: title,
            description: description,
            homePageURL: homePageURL,
            folderURL: settings.feedsURL + settings.layout.folderPath(of: location),
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
        feed.content = settings.content
        feed.fileNames = settings.layout.files
        return feed
    }
}

extension Array where Element == Int {
    fileprivate mutating func appendIfBelow(_ limit: Int, _ index: Int) {
        if count < limit { append(index) }
    }
}
