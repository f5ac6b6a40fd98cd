import FeedModel
import Testing

@testable import FeedPublisher

/// The waves an archive build renders its documents in: every document once, every item let go exactly once, after
/// the last wave that holds it, and far fewer items held at once than the history has.
@Suite struct RenderScheduleTests {
    /// An archive feed set of `count` items, one every hour, in 6 communities and 40 topics (each item in 2).
    static func feeds(_ count: Int) -> FeedSet {
        var settings = FeedSettings(siteTitle: "Medigy", siteURL: "https://www.medigy.com/")
        settings.limit = .newest(10)
        settings.archive = 20
        return FeedSetBuilder(settings: settings).build(items(count))
    }

    /// `count` items, one every hour, in 6 communities and 40 topics (each item in 2).
    static func items(_ count: Int) -> [FeedItem] {
        (0..<count).map { index in
            FeedItem(
                id: "tag:medigy.com,2020:items/\(index)",
                sourceID: "\(index)",
                title: "Item \(index)",
                contentHTML: "<p>\(index)</p>",
                published: Timestamp(seconds: 1_600_000_000 + Int64(index) * 3_600),
                community: Community(name: "Community \(index % 6)"),
                topics: [Topic(name: "Topic \(index % 40)"), Topic(name: "Topic \((index * 7 + 3) % 40)")],
                url: "https://www.medigy.com/items/\(index)/"
            )
        }
    }

    @Test(arguments: [1, 7, 64])
    func everyDocumentOnceAndEveryItemLetGoAfterItsLastWave(size: Int) {
        let documents = Self.feeds(3_000).documents
        let schedule = RenderSchedule(documents, size: size)
        let order = schedule.waves.flatMap(\.documents)
        #expect(order.sorted() == Array(documents.indices))
        #expect(schedule.waves.allSatisfy { !$0.documents.isEmpty && $0.documents.count <= size })
        var lastWave: [String: Int] = [:]
        for (number, wave) in schedule.waves.enumerated() {
            for document in wave.documents { for item in documents[document].items { lastWave[item.id] = number } }
        }
        var released: [String: Int] = [:]
        for (number, wave) in schedule.waves.enumerated() {
            for id in wave.release {
                #expect(released[id] == nil, "\(id) let go twice")
                released[id] = number
            }
        }
        #expect(released == lastWave)
    }

    @Test func theItemsHeldAtOnceAreAFractionOfTheHistory() {
        let documents = Self.feeds(3_000).documents
        let schedule = RenderSchedule(documents, size: 16)
        var held: Set<String> = []
        var most = 0
        for wave in schedule.waves {
            for document in wave.documents { for item in documents[document].items { held.insert(item.id) } }
            most = max(most, held.count)
            held.subtract(wave.release)
        }
        #expect(held.isEmpty)
        #expect(most < 3_000 / 4, "held \(most) of 3,000 items at once")
        #expect(schedule.mostHeld == most && schedule.itemCount == 3_000)
    }

    /// Without archives the site feed holds every item: waves hold them all, and rendering goes a format at a time.
    @Test func withoutArchivesTheSiteFeedHoldsEveryItemAtOnce() {
        var settings = FeedSettings(siteTitle: "Medigy", siteURL: "https://www.medigy.com/")
        settings.limit = .all
        let documents = FeedSetBuilder(settings: settings).build(Self.items(600)).documents
        let schedule = RenderSchedule(documents, size: 16)
        #expect(schedule.itemCount == 600 && schedule.mostHeld * 4 > schedule.itemCount, "\(schedule.mostHeld)")
    }

    @Test func newerDocumentsComeFirst() {
        let documents = Self.feeds(500).documents
        let order = RenderSchedule(documents, size: 1).waves.flatMap(\.documents)
        let means = order.map { index in
            documents[index].items.reduce(0.0) { $0 + Double($1.published.seconds) }
                / Double(max(documents[index].items.count, 1))
        }
        #expect(means == means.sorted(by: >))
    }
}
