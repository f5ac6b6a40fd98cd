import FeedModel
import FeedTestSupport
import Testing

@testable import FeedWriters

/// The hand-built feed in each format, byte for byte, against `Tests/Fixtures/Golden/writers/`
/// (`RECORD_GOLDEN=1` records; the recorded files pass `check-feeds`).
@Suite struct GoldenFileTests {
    static let owner = Person(name: "Medigy Editorial Team", email: "editors@medigy.com")

    @Test(arguments: FeedFormat.allCases)
    func feedMatchesItsGoldenFile(format: FeedFormat) throws {
        let bytes = try format.render(SampleFeed.feed)
        let mismatch = try GoldenFile.mismatch(bytes, named: "writers/\(format.fileName())")
        #expect(mismatch == nil)
    }

    @Test func opmlMatchesItsGoldenFile() throws {
        let bytes = try OPMLWriter(format: .rss).render(SampleFeed.feedSet, title: "Medigy feeds", owner: Self.owner)
        #expect(try GoldenFile.mismatch(bytes, named: "writers/index.opml") == nil)
    }

    @Test func formatRenderUsesTheDefaultWriters() throws {
        #expect(try FeedFormat.rss.render(SampleFeed.feed) == (try RSSWriter().render(SampleFeed.feed)))
        #expect(try FeedFormat.atom.render(SampleFeed.feed) == (try AtomWriter().render(SampleFeed.feed)))
        #expect(try FeedFormat.json.render(SampleFeed.feed) == (try JSONFeedWriter().render(SampleFeed.feed)))
        #expect(FeedFormat.allCases.map { $0.fileName() } == ["rss.xml", "atom.xml", "feed.json"])
        #expect(
            FeedFormat.allCases.map(\.mediaType) == [
                "application/rss+xml", "application/atom+xml", "application/feed+json",
            ]
        )
    }
}
