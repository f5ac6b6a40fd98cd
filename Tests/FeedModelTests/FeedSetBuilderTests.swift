import FeedModel
import Testing

/// Grouping into site, community and topic feeds; order, limits, slugs, categories and feed dates.
@Suite struct FeedSetBuilderTests {
    static let settings = FeedSettings(siteTitle: "Medigy", siteURL: "https://www.medigy.com/")

    static func item(
        _ id: String,
        published: Int64,
        updated: Int64? = nil,
        community: String? = "Chronic Care",
        communitySlug: String? = nil,
        topics: [String] = [],
        tags: [String] = []
    ) -> FeedItem {
        FeedItem(
            id: "tag:medigy.com,2020:items/\(id)",
            sourceID: id,
            title: "Item \(id)",
            contentHTML: "<p>\(id)</p>",
            published: Timestamp(seconds: published),
            updated: updated.map { Timestamp(seconds: $0) },
            community: community.map {
                Community(name: $0, slug: communitySlug.flatMap(Slug.init) ?? Slug(making: $0), title: "\($0) CoP")
            },
            topics: topics.map { Topic(name: $0, slug: Slug(making: $0)) },
            tags: tags,
            url: "https://www.medigy.com/items/\(id)/"
        )
    }

    /// Feeds made again with some items replaced (`feedpub serve --watch` after a title edit) are the feeds made
    /// from scratch with those items: in every feed and archive page that holds them, with each one's `updated`.
    @Test(arguments: [nil, 2] as [Int?])
    func rematerializeMakesWhatMaterializeMakes(archive: Int?) {
        var settings = Self.settings
        settings.limit = .newest(3)
        settings.archive = archive
        let builder = FeedSetBuilder(settings: settings)
        let items = (1...14).map {
            Self.item("\($0)", published: Int64($0) * 100, community: $0 % 2 == 0 ? "A" : "B", topics: ["T\($0 % 3)"])
        }
        let plan = builder.plan(items)
        let original = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($0.offset, $0.element) })
        let set = builder.materialize(plan, items: original)
        for replaced in [[4], [0, 13], Array(0..<14)] {
            var edited = original
            var replacements: [Int: FeedItem] = [:]
            for index in replaced {
                var item = items[index]
                item.title = "Edited \(index)"
                item.updated = Timestamp(seconds: 10_000 + Int64(index))
                edited[index] = item
                replacements[index] = item
            }
            let remade = builder.rematerialize(set, plan: plan, replacing: replacements)
            #expect(remade == builder.materialize(plan, items: edited), "\(replaced)")
            #expect(remade.archives.count == (archive == nil ? 0 : set.archives.count))
        }
        // Feeds not made from the plan's indices (an item dropped): the replacement is found by its id.
        var trimmed = set
        trimmed.site.items.removeLast()
        var item = items[13]
        item.title = "Edited by id"
        let remade = builder.rematerialize(trimmed, plan: plan, replacing: [13: item])
        #expect(remade.site.items.first { $0.sourceID == "14" }?.title == "Edited by id")
        #expect(remade.site.items.count == trimmed.site.items.count)
    }

    @Test func everyItemIsInTheSiteItsCommunityAndEachTopic() {
        let items = [
            Self.item("1", published: 100, community: "A", topics: ["T1", "T2"]),
            Self.item("2", published: 200, community: "B", topics: ["T2"]),
            Self.item("3", published: 300, community: nil, topics: ["T3"]),
        ]
        let set = FeedSetBuilder(settings: Self.settings).build(items)
        #expect(set.site.items.map(\.sourceID) == ["3", "2", "1"])
        #expect(set.communities.map(\.location.path) == ["communities/a", "communities/b"])
        #expect(set.communities.map { $0.items.map(\.sourceID) } == [["1"], ["2"]])
        #expect(set.topics.map(\.location.path) == ["topics/t1", "topics/t2", "topics/t3"])
        #expect(set.topics.map { $0.items.map(\.sourceID) } == [["1"], ["2", "1"], ["3"]])
        #expect(set.all.count == 1 + 2 + 3)
    }

    @Test func newestFirstTiesBySourceIDNumbersByValue() {
        let items = [
            Self.item("100", published: 50),
            Self.item("99", published: 50),
            Self.item("abc", published: 50),
            Self.item("7", published: 60),
            Self.item("0099", published: 40),
        ]
        let set = FeedSetBuilder(settings: Self.settings).build(items)
        #expect(set.site.items.map(\.sourceID) == ["7", "99", "100", "abc", "0099"])
    }

    @Test func limitKeepsTheNewestAndAllKeepsAll() {
        let items = (1...120).map { Self.item(String($0), published: Int64($0), topics: ["T"]) }
        var settings = Self.settings
        #expect(settings.limit == .newest(50))
        let limited = FeedSetBuilder(settings: settings).build(items)
        #expect(limited.site.items.count == 50)
        #expect(limited.site.items.first?.sourceID == "120")
        #expect(limited.site.items.last?.sourceID == "71")
        #expect(limited.topics[0].items.count == 50)
        settings.limit = .all
        let all = FeedSetBuilder(settings: settings).build(items)
        #expect(all.site.items.count == 120)
        #expect(all.communities[0].items.count == 120)
    }

    @Test func feedUpdatedIsTheNewestItemUpdateNeverTheClock() {
        let items = [
            Self.item("1", published: 100, updated: 5000, community: "A"),
            Self.item("2", published: 200, updated: 300, community: "A"),
        ]
        let set = FeedSetBuilder(settings: Self.settings).build(items)
        #expect(set.site.updated == Timestamp(seconds: 5000))
        #expect(FeedSetBuilder(settings: Self.settings).build([]).site.updated == Timestamp(seconds: 0))
    }

    @Test func updatedIsNeverBeforePublished() {
        let item = Self.item("1", published: 100, updated: 50)
        #expect(item.updated == item.published)
    }

    @Test func communitySlugIsTheMostRequestedAndTitleLikewise() {
        var items = [
            Self.item(
                "1",
                published: 1,
                community: "Chronic Care Management (CCM)",
                communitySlug: "chronic-care-management"
            ),
            Self.item(
                "2",
                published: 2,
                community: "Chronic Care Management (CCM)",
                communitySlug: "chronic-care-management"
            ),
            Self.item("3", published: 3, community: "Chronic Care Management (CCM)", communitySlug: "ccm"),
        ]
        items[2].community?.title = "Other"
        let set = FeedSetBuilder(settings: Self.settings).build(items)
        #expect(set.communities.count == 1)
        #expect(set.communities[0].location.path == "communities/chronic-care-management")
        #expect(set.communities[0].title == "Chronic Care Management (CCM) CoP · Medigy")
        #expect(set.site.items.allSatisfy { $0.community?.slug?.text == "chronic-care-management" })
    }

    @Test func collidingTopicSlugsAreMadeUnique() {
        let items = [
            Self.item("1", published: 1, topics: ["Medigy: Santé"]),
            Self.item("2", published: 2, topics: ["Medigy: Sante"]),
        ]
        let set = FeedSetBuilder(settings: Self.settings).build(items)
        #expect(set.topics.count == 2)
        #expect(Set(set.topics.map(\.location)).count == 2)
        // The name with the oldest item keeps the slug; the other gets a suffix.
        #expect(set.topics.map(\.name) == ["Medigy: Santé", "Medigy: Sante"])
        #expect(set.topics.first?.location.path == "topics/medigy-sante")
        for feed in set.topics {
            #expect(feed.items.count == 1)
            #expect(feed.items[0].topics.map(\.slug) == [feed.location.slug])
        }
    }

    @Test func categoriesAreTopicsThenTagsWithSchemes() {
        var settings = Self.settings
        settings.topicScheme = "https://www.medigy.com/topics/"
        settings.tagScheme = "https://www.medigy.com/tags/"
        let set = FeedSetBuilder(settings: settings).build([
            Self.item("1", published: 1, topics: ["HIMSS: Digital Health"], tags: ["news", "COVID-19"])
        ])
        #expect(
            set.site.items[0].categories == [
                FeedCategory(
                    term: "himss-digital-health",
                    label: "HIMSS: Digital Health",
                    scheme: settings.topicScheme
                ),
                FeedCategory(term: "news", label: "news", scheme: settings.tagScheme),
                FeedCategory(term: "covid-19", label: "COVID-19", scheme: settings.tagScheme),
            ]
        )
    }

    @Test func feedMetadataFollowsTheSettings() throws {
        var settings = Self.settings
        settings.communities["a"] = FeedSettings.CommunityOverride(description: "About A")
        settings.communities["B"] = FeedSettings.CommunityOverride(title: "Bee")
        let set = FeedSetBuilder(settings: settings).build([
            Self.item("1", published: 1, community: "A", topics: ["T"]),
            Self.item("2", published: 2, community: "B"),
        ])
        #expect(set.site.id == "tag:medigy.com,2020:feeds/all")
        #expect(set.site.folderURL == "https://www.medigy.com/feeds/all/")
        #expect(set.site.url(ofFile: "atom.xml") == "https://www.medigy.com/feeds/all/atom.xml")
        #expect(set.site.homePageURL == "https://www.medigy.com/")
        let a = try #require(set.communities.first { $0.name == "A" })
        #expect(a.description == "About A")
        #expect(a.homePageURL == "https://www.medigy.com/communities/a/")
        #expect(a.id == "tag:medigy.com,2020:feeds/communities/a")
        let b = try #require(set.communities.first { $0.name == "B" })
        #expect(b.title == "Bee")
        #expect(set.topics[0].homePageURL == "https://www.medigy.com/topics/t/")
        #expect(set.topics[0].title == "T · Medigy")
        #expect(set.site.authors == [Person(name: "Medigy", url: "https://www.medigy.com")])
    }

    @Test func sameItemsInAnyOrderGiveTheSameFeeds() {
        let items = (1...40).map { n in
            Self.item(String(n), published: Int64(n % 7), community: "C\(n % 3)", topics: ["T\(n % 5)", "T\(n % 2)"])
        }
        let builder = FeedSetBuilder(settings: Self.settings)
        #expect(builder.build(items) == builder.build(items.reversed()))
        #expect(builder.build(items) == builder.build(items.shuffled()))
    }
}
