/// The settled slugs of a set of items: communities and topics across all of them (as small integers per item),
/// tags as met.
struct SlugTables: Sendable {
    /// Each community, with its final slug and title.
    private(set) var communities: [Community] = []
    /// The final slug of each community, by community number.
    private(set) var communitySlugs: [Slug] = []
    /// Topic names and their final slugs, by topic number.
    private(set) var topicNames: [String] = []
    private(set) var topicSlugs: [Slug] = []
    /// Per item: its community's number, or -1.
    private(set) var itemCommunity: [Int32]
    /// Per item: where its topic numbers start in ``topicList`` (and end, at the next item's start).
    private var topicStart: [Int32]
    private var topicList: [Int32] = []
    /// Tag → slug, filled as items are resolved.
    private var tags: [String: Slug] = [:]

    init(_ items: [FeedPlan.Item]) {
        itemCommunity = [Int32](repeating: -1, count: items.count)
        topicStart = [Int32](repeating: 0, count: items.count + 1)
        topicList.reserveCapacity(items.count * 3)
        var communityNumber: [String: Int32] = [:]
        var communityNames: [String] = []
        var slugVotes: [Votes<Slug>] = []
        var titleVotes: [Votes<String>] = []
        var topicNumber: [String: Int32] = [:]
        topicNumber.reserveCapacity(1024)
        var topicRequests: [Slug] = []
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
                    slugVotes.append(Votes())
                    titleVotes.append(Votes())
                }
                itemCommunity[index] = number
                if let slug = community.slug { slugVotes[Int(number)].add(slug) }
                if let title = community.title { titleVotes[Int(number)].add(title) }
            }
            for topic in item.topics {
                if let known = topicNumber[topic.name] {
                    topicList.append(known)
                } else {
                    let number = Int32(topicNames.count)
                    topicNumber[topic.name] = number
                    topicNames.append(topic.name)
                    topicRequests.append(topic.slug ?? Slug(making: topic.name, fallbackPrefix: "topic"))
                    topicList.append(number)
                }
            }
            topicStart[index + 1] = Int32(topicList.count)
        }
        var requests: [String: Slug] = [:]
        for (number, name) in communityNames.enumerated() {
            requests[name] = slugVotes[number].winner ?? Slug(making: name, fallbackPrefix: "community")
        }
        let assigned = SlugAllocator.assign(requests)
        communitySlugs = communityNames.map { assigned[$0] ?? Slug(making: $0) }
        communities = communityNames.enumerated().map { number, name in
            Community(name: name, slug: communitySlugs[number], title: titleVotes[number].winner)
        }
        let topicSlugTable = SlugAllocator.assign(Dictionary(uniqueKeysWithValues: zip(topicNames, topicRequests)))
        topicSlugs = topicNames.map { topicSlugTable[$0] ?? Slug(making: $0) }
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
        var categories = topics(ofItem: index).map {
            FeedCategory(term: topicSlugs[Int($0)].text, label: topicNames[Int($0)], scheme: settings.topicScheme)
        }
        for tag in item.tags {
            let term: Slug
            if let known = tags[tag] {
                term = known
            } else {
                term = Slug(making: tag, fallbackPrefix: "tag")
                tags[tag] = term
            }
            categories.append(FeedCategory(term: term.text, label: tag, scheme: settings.tagScheme))
        }
        item.categories = categories
        return item
    }
}
