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

    /// Every name folded together with another (``NameFolding``): shown as ``shown``, also spelled ``others``.
    private(set) var variants: [NameVariants] = []
    /// The slugs published so far and now: those of earlier builds, and this build's names.
    private(set) var published: PublishedSlugs

    init(
        _ items: [FeedPlan.Item],
        published: PublishedSlugs = PublishedSlugs(),
        aliases: [String: String] = [:]
    ) {
        // A renamed topic (old name → new name) is the new name; its feed keeps the old name's URL until the new
        // name has one of its own.
        var earlier = published
        var renamed: [String: String] = [:]
        for (old, new) in aliases {
            renamed[NameFolding.key(old)] = new
            let (oldKey, newKey) = (NameFolding.key(old), NameFolding.key(new))
            if earlier.topics[newKey] == nil, let slug = earlier.topics[oldKey] { earlier.topics[newKey] = slug }
        }
        itemCommunity = [Int32](repeating: -1, count: items.count)
        topicStart = [Int32](repeating: 0, count: items.count + 1)
        topicList.reserveCapacity(items.count * 3)
        var communities = Spellings()
        var slugVotes: [Votes<Slug>] = []
        var titleVotes: [Votes<String>] = []
        var topics = Spellings()
        var topicExplicitSlugs: [Int32: Slug] = [:]
        for index in items.indices {
            let item = items[index]
            if let community = item.community {
                let number = communities.number(of: community.name, at: item.published)
                if Int(number) == slugVotes.count {
                    slugVotes.append(Votes())
                    titleVotes.append(Votes())
                }
                itemCommunity[index] = number
                if let slug = community.slug { slugVotes[Int(number)].add(slug) }
                if let title = community.title { titleVotes[Int(number)].add(title) }
            }
            for topic in item.topics {
                let name = renamed.isEmpty ? topic.name : renamed[NameFolding.key(topic.name)] ?? topic.name
                let number = topics.number(of: name, at: item.published)
                if let slug = topic.slug, topicExplicitSlugs[number] == nil { topicExplicitSlugs[number] = slug }
                topicList.append(number)
            }
            topicStart[index + 1] = Int32(topicList.count)
        }
        let communityNames = communities.shownNames()
        let communityRequests = communityNames.indices.map { number in
            SlugAllocator.Request(
                key: communities.keys[number],
                name: communityNames[number],
                wanted: slugVotes[number].winner ?? Slug(making: communityNames[number], fallbackPrefix: "community"),
                oldest: communities.oldest[number]
            )
        }
        let communityTable = SlugAllocator.assign(communityRequests, published: earlier.communities)
        let communitySlugs = communityRequests.map { communityTable[$0.key] ?? Slug(making: $0.name) }
        self.communitySlugs = communitySlugs
        self.communities = communityNames.enumerated().map { number, name in
            Community(name: name, slug: communitySlugs[number], title: titleVotes[number].winner)
        }
        let topicNames = topics.shownNames()
        self.topicNames = topicNames
        let topicRequests = topicNames.indices.map { number in
            SlugAllocator.Request(
                key: topics.keys[number],
                name: topicNames[number],
                wanted: topicExplicitSlugs[Int32(number)] ?? Slug(making: topicNames[number], fallbackPrefix: "topic"),
                oldest: topics.oldest[number]
            )
        }
        let topicTable = SlugAllocator.assign(topicRequests, published: earlier.topics)
        let topicSlugs = topicRequests.map { topicTable[$0.key] ?? Slug(making: $0.name) }
        self.topicSlugs = topicSlugs
        var table = earlier
        for (request, slug) in zip(communityRequests, communitySlugs) { table.communities[request.key] = slug }
        for (request, slug) in zip(topicRequests, topicSlugs) { table.topics[request.key] = slug }
        self.published = table
        variants =
            communities.variants(kind: .community, slugs: communitySlugs)
            + topics.variants(kind: .topic, slugs: topicSlugs)
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
                term = Self.tagTerm(tag)
                tags[tag] = term
            }
            categories.append(Self.tagCategory(tag, term: term, settings: settings))
        }
        item.categories = categories
        return item
    }

    /// A tag's term: its slug, whatever the other names (tags share no table, so the same tag always has the same).
    static func tagTerm(_ tag: String) -> Slug { Slug(making: tag, fallbackPrefix: "tag") }

    /// The category of `tag`, whose term is `term` (its ``tagTerm(_:)``, when already made).
    static func tagCategory(_ tag: String, term: Slug? = nil, settings: FeedSettings) -> FeedCategory {
        FeedCategory(term: (term ?? tagTerm(tag)).text, label: tag, scheme: settings.tagScheme)
    }
}

/// The spellings of names met, grouped by folded name: numbers for groups, counts for spellings.
private struct Spellings {
    /// Spelling → its group's number (a dictionary hit for every name met but the first of each spelling).
    private var groupOfSpelling: [String: Int32] = [:]
    private var groupOfKey: [String: Int32] = [:]
    /// The folded name of each group.
    private(set) var keys: [String] = []
    /// Per group: each spelling, how often it was met and the date of its oldest item.
    private var counts: [[String: Usage]] = []
    /// Per group: the date of its oldest item.
    private(set) var oldest: [Timestamp] = []

    init() {
        groupOfSpelling.reserveCapacity(1024)
    }

    mutating func number(of name: String, at date: Timestamp) -> Int32 {
        let number: Int32
        if let known = groupOfSpelling[name] {
            number = known
        } else {
            let key = NameFolding.key(name)
            if let group = groupOfKey[key] {
                number = group
            } else {
                number = Int32(keys.count)
                groupOfKey[key] = number
                keys.append(key)
                counts.append([:])
                oldest.append(date)
            }
            groupOfSpelling[name] = number
        }
        counts[Int(number)][name, default: Usage(oldest: date)].add(date)
        if date < oldest[Int(number)] { oldest[Int(number)] = date }
        return number
    }

    /// The spelling each group is shown under: the one most often met; on a tie, the one with the oldest item (the
    /// one shown before), then the first in order.
    func shownNames() -> [String] {
        counts.map { spellings in
            spellings.max { a, b in
                if a.value.count != b.value.count { return a.value.count < b.value.count }
                if a.value.oldest != b.value.oldest { return a.value.oldest > b.value.oldest }
                return a.key > b.key
            }?.key ?? ""
        }
    }

    func variants(kind: NameVariants.Kind, slugs: [Slug]) -> [NameVariants] {
        let shown = shownNames()
        return counts.indices.compactMap { number in
            guard counts[number].count > 1 else { return nil }
            let others = counts[number].filter { $0.key != shown[number] }.sorted { $0.key < $1.key }
            return NameVariants(
                kind: kind,
                shown: shown[number],
                others: others.map { ($0.key, $0.value.count) },
                slug: slugs[number]
            )
        }
    }
}

/// How often a spelling was met, and the date of its oldest item.
private struct Usage {
    var count = 0
    var oldest: Timestamp

    mutating func add(_ date: Timestamp) {
        count += 1
        if date < oldest { oldest = date }
    }
}
