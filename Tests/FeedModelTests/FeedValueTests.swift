import FeedModel
import Foundation
import Testing

/// The model's typed values: where a feed lives, how many items it holds, slugs that are always valid, a feed built
/// by hand, and the bridge to Foundation's `Date`.
@Suite struct FeedValueTests {
    @Test func aLocationGivesTheFeedsFoldersAndReadsBackFromThem() throws {
        let slug = try #require(Slug("chronic-care-management"))
        let layout = FeedLayout.standard
        #expect(FeedLocation.site.path == "all")
        #expect(FeedLocation.community(slug).path == "communities/chronic-care-management")
        #expect(layout.folders(of: .topic(slug)) == ["topics", "chronic-care-management"])
        for location in [FeedLocation.site, .community(slug), .topic(slug)] {
            #expect(layout.location(ofFolders: layout.folders(of: location)) == location)
            #expect(layout.folderPath(of: location) == location.path + "/")
        }
        #expect(layout.location(ofFolders: ["topics", "../etc"]) == nil)
        #expect(layout.location(ofFolders: ["all", "x"]) == nil)
        #expect(layout.location(ofFolders: ["feeds", "x"]) == nil)
        #expect(layout.location(ofFolders: []) == nil)
        #expect(
            [FeedLocation.topic(slug), .community(slug), .site].sorted() == [.site, .community(slug), .topic(slug)]
        )
    }

    @Test func aFeedsURLAndIDFollowItsLocation() throws {
        let builder = FeedSetBuilder(settings: FeedSettings(siteTitle: "Medigy", siteURL: "https://www.medigy.com"))
        let feed = builder.topicFeed(Topic(name: "HIMSS: Digital Health"), items: [])
        #expect(feed.location == .topic(try #require(Slug("himss-digital-health"))))
        #expect(feed.folderURL == "https://www.medigy.com/feeds/topics/himss-digital-health/")
        #expect(feed.id == "tag:medigy.com,2020:feeds/topics/himss-digital-health")
        #expect(feed.kind == .topic)
    }

    @Test func aLimitIsAllOrTheNewestFew() {
        #expect(FeedLimit(count: 0) == .all)
        #expect(FeedLimit(count: 1) == .newest(1))
        #expect(FeedLimit(count: -1) == nil)
        #expect(FeedLimit.all.maximum == .max && FeedLimit.newest(50).maximum == 50)
        #expect(FeedLimit.all.description == "all" && FeedLimit.newest(7).description == "7")
    }

    @Test func slugsAreAlwaysValidAndDecodeOnlyWhenValid() throws {
        #expect(Slug(making: "../../etc").text == "etc")
        #expect(Slug(making: "🩺").text.hasPrefix("x-"))
        let encoded = try JSONEncoder().encode([try #require(Slug("a-b"))])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["a-b"]"#)
        #expect(try JSONDecoder().decode([Slug].self, from: encoded).map(\.text) == ["a-b"])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Slug].self, from: Data(#"["A B"]"#.utf8)) }
    }

    @Test func aFeedBuiltByHandKeepsItsItemsInFeedOrder() {
        var feed = Feed(
            title: "Example",
            description: "News",
            homePageURL: "https://example.org/",
            folderURL: "https://example.org/feeds"
        )
        #expect(feed.folderURL == "https://example.org/feeds/" && feed.id == feed.folderURL)
        #expect(feed.items.isEmpty && feed.updated == Timestamp(seconds: 0))
        for (id, seconds) in [("1", 100), ("3", 300), ("2", 200)] {
            feed.addItem(
                FeedItem(
                    id: id,
                    title: "Item \(id)",
                    url: "https://example.org/\(id)/",
                    published: Timestamp(seconds: Int64(seconds)),
                    contentHTML: "<p>\(id)</p>"
                )
            )
        }
        #expect(feed.items.map(\.id) == ["3", "2", "1"])
        #expect(feed.updated == Timestamp(seconds: 300))
        #expect(feed.items.allSatisfy { $0.sourceID == $0.id })
    }

    /// What a table of digests by ``FeedItem/identity`` stands on: a copy is the same box, a change to a shared box
    /// makes a new one and leaves the other item as it was.
    @Test func anItemsIdentityIsItsFieldsWhileShared() {
        let item = FeedItem(
            id: "1",
            title: "One",
            url: "https://example.org/1/",
            published: Timestamp(seconds: 1),
            contentHTML: "<p>1</p>"
        )
        var copy = item
        #expect(copy.identity == item.identity)
        copy.title = "Changed"
        #expect(copy.identity != item.identity)
        #expect(item.title == "One" && copy.title == "Changed")
    }

    @Test func timestampsAndDatesConvertBothWays() throws {
        let timestamp = Timestamp(seconds: 1_606_381_699, nanoseconds: 821_451_000)
        let date = Date(timestamp)
        #expect(date == timestamp.date)
        #expect(abs(date.timeIntervalSince1970 - 1_606_381_699.821451) < 1e-6)
        let back = Timestamp(date)
        #expect(back.seconds == timestamp.seconds)
        #expect(abs(Int(back.nanoseconds) - Int(timestamp.nanoseconds)) < 1_000)
        #expect(Timestamp(Date(timeIntervalSince1970: -1.5)) == Timestamp(seconds: -2, nanoseconds: 500_000_000))
        #expect(Timestamp(Date(timeIntervalSince1970: 0)) == Timestamp(seconds: 0))
    }
}
