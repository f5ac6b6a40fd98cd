import FeedModel
import FeedTestSupport
import Testing

@testable import FeedWriters

/// Items rendered once and reused: a feed assembled from the cache is byte-identical to one rendered afresh.
@Suite struct ItemFragmentCacheTests {
    static func render(_ format: FeedFormat, _ feed: Feed, cache: ItemFragmentCache?) throws -> [UInt8] {
        var bytes: [UInt8] = []
        switch format {
        case .rss: try RSSWriter().write(feed, cache: cache) { bytes.append(contentsOf: $0) }
        case .atom: try AtomWriter().write(feed, cache: cache) { bytes.append(contentsOf: $0) }
        case .json: try JSONFeedWriter().write(feed, cache: cache) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    @Test(arguments: FeedFormat.allCases)
    func cachedItemsGiveTheSameBytes(_ format: FeedFormat) throws {
        var other = SampleFeed.feed
        other.location = .topic(Slug("other")!)
        other.title = "Another feed with the same items, reversed"
        other.items = SampleFeed.feed.items.reversed()
        // The cache is keyed by item id: one cache per build and format, where ids are unique.
        let hostile = SampleFeed.hostile("<a & ]]> \u{0B} 🩺 \u{2028} \"q\"")
        for feeds in [[SampleFeed.feed, other], [hostile]] {
            let cache = ItemFragmentCache()
            for feed in feeds {
                let fresh = try Self.render(format, feed, cache: nil)
                for use in ["first", "second"] {
                    let cached = try Self.render(format, feed, cache: cache)
                    let difference = GoldenFile.difference(
                        fresh,
                        cached,
                        label: "\(format) \(feed.location), \(use) use"
                    )
                    #expect(difference == nil)
                }
            }
            #expect(cache.count == Set(feeds.flatMap(\.items).map(\.id)).count)
        }
    }

    @Test(arguments: FeedFormat.allCases)
    func anEmptyFeedNeedsNoItems(_ format: FeedFormat) throws {
        var empty = SampleFeed.feed
        empty.items = []
        let cache = ItemFragmentCache()
        #expect(try Self.render(format, empty, cache: cache) == (try format.render(empty)))
        #expect(cache.count == 0)
    }
}
