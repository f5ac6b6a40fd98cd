import FeedModel
import FeedTestSupport
import Foundation
import Testing

@testable import FeedWriters

/// ``JSONFeedWriter``: every key of the hand-built feed, keys left out rather than null or empty, a fixed key
/// order and byte-for-byte determinism.
@Suite struct JSONFeedWriterTests {
    let bytes: [UInt8]
    let json: [String: Any]
    let items: [[String: Any]]

    init() throws {
        bytes = try JSONFeedWriter().render(SampleFeed.feed)
        json = try jsonObject(bytes)
        items = try #require(json["items"] as? [[String: Any]])
    }

    static let topKeys = [
        "version", "title", "home_page_url", "feed_url", "description", "icon", "favicon", "authors", "language",
        "_feedpub", "items",
    ]
    static let itemKeys = [
        "id", "url", "external_url", "title", "content_html", "summary", "image", "date_published", "date_modified",
        "authors", "tags",
    ]

    @Test func topLevelKeys() throws {
        #expect(Set(json.keys) == Set(Self.topKeys))
        #expect(json["version"] as? String == "https://jsonfeed.org/version/1.1")
        #expect(json["version"] as? String == JSONFeedWriter.version)
        #expect(json["title"] as? String == "Medigy")
        #expect(json["home_page_url"] as? String == "https://www.medigy.com/")
        #expect(json["feed_url"] as? String == "https://www.medigy.com/feeds/all/feed.json")
        #expect(json["description"] as? String == "Curated healthcare content from Medigy's communities of practice")
        #expect(json["icon"] as? String == "https://www.medigy.com/icon-512.png")
        #expect(json["favicon"] as? String == "https://www.medigy.com/favicon.ico")
        // A person has name and url in JSON Feed; the email is not carried.
        let authors = try #require(json["authors"] as? [[String: String]])
        #expect(authors == [["name": "Medigy Editorial Team", "url": "https://www.medigy.com"]])
        #expect(json["language"] as? String == "en-US")
        #expect(json["_feedpub"] as? [String: String] == ["kind": "site"])
        #expect(items.count == 3)
    }

    @Test func extensionNamesTheCommunityOrTopic() throws {
        var feed = SampleFeed.feed
        feed.location = .topic(Slug("himss-digital-health")!)
        feed.name = "HIMSS: Digital Health"
        let json = try jsonObject(try JSONFeedWriter().render(feed))
        #expect(
            json["_feedpub"] as? [String: String]
                == ["kind": "topic", "name": "HIMSS: Digital Health", "slug": "himss-digital-health"]
        )
    }

    @Test func itemWithEveryField() throws {
        let item = items[0]
        let full = SampleFeed.full
        #expect(Set(item.keys) == Set(Self.itemKeys))
        #expect(item["id"] as? String == "tag:medigy.com,2020:items/3826")
        #expect(item["url"] as? String == full.url)
        #expect(item["external_url"] as? String == full.externalURL)
        #expect(item["title"] as? String == full.title)
        #expect(item["content_html"] as? String == full.contentHTML)
        #expect(item["summary"] as? String == full.summary)
        #expect(item["image"] as? String == "https://www.medigy.com/media/3826/hero.jpg")
        #expect(item["date_published"] as? String == "2020-11-26T09:08:19.821451Z")
        #expect(item["date_modified"] as? String == "2020-11-27T10:00:00Z")
        #expect(
            item["authors"] as? [[String: String]] == [
                ["name": "Sonalika Ghosh", "url": "https://www.medigy.com/people/sonalika-ghosh/"],
                ["name": "Shahid N. Shah"],
            ]
        )
        #expect(item["tags"] as? [String] == ["HIMSS: Digital Health", "Interoperability"])
    }

    @Test func itemsLeaveOutAbsentValues() throws {
        #expect(Set(items[1].keys) == Set(Self.itemKeys))
        #expect(items[1]["tags"] as? [String] == ["RPM"])
        #expect(items[1]["authors"] as? [[String: String]] == [["name": "Jane Roe"]])
        #expect(items[1]["date_modified"] as? String == "2020-11-28T08:15:30.5Z")
        let bare = items[2]
        #expect(Set(bare.keys) == ["id", "url", "title", "content_html", "date_published", "date_modified"])
        #expect(bare["date_published"] as? String == "2020-11-20T00:00:00Z")
        #expect(bare["date_modified"] as? String == "2020-11-20T00:00:00Z")
        let text = utf8(bytes)
        #expect(!text.contains("null"))
        #expect(!text.contains("[]"))
        #expect(!text.contains("{}"))
    }

    @Test func feedLevelAbsentValuesAreLeftOut() throws {
        var feed = SampleFeed.feed
        feed.favicon = nil
        var json = try jsonObject(try JSONFeedWriter().render(feed))
        #expect(json["favicon"] as? String == "https://www.medigy.com/icon-512.png")  // favicon, else icon
        feed.icon = nil
        feed.authors = []
        json = try jsonObject(try JSONFeedWriter().render(feed))
        #expect(json["icon"] == nil && json["favicon"] == nil && json["authors"] == nil)
        // `items` is required: an empty feed keeps it, empty.
        feed.items = []
        json = try jsonObject(try JSONFeedWriter().render(feed))
        #expect((json["items"] as? [Any])?.isEmpty == true)
    }

    /// The offsets of each key (`"key":`) in `text`, searched in order after `start`; `nil` for a key not found.
    static func offsets(of keys: [String], in text: String, from start: String.Index) -> [String.Index?] {
        var position = start
        return keys.map { key in
            guard let range = text.range(of: "\"\(key)\":", range: position..<text.endIndex) else { return nil }
            position = range.upperBound
            return range.lowerBound
        }
    }

    @Test func keysComeInAFixedOrder() throws {
        let text = utf8(bytes)
        let top = Self.offsets(of: Self.topKeys.filter { $0 != "items" }, in: text, from: text.startIndex)
        #expect(!top.contains(nil), "top-level keys out of order")
        let itemsStart = try #require(text.range(of: "\"items\":"))
        #expect(top.compactMap { $0 }.allSatisfy { $0 < itemsStart.lowerBound })
        let firstItem = Self.offsets(of: Self.itemKeys, in: text, from: itemsStart.upperBound)
        #expect(!firstItem.contains(nil), "item keys out of order")
        let secondItem = try #require(text.range(of: "\"id\": \"tag:medigy.com,2020:items/3801\""))
        #expect(firstItem.compactMap { $0 }.allSatisfy { $0 < secondItem.lowerBound })
        #expect(text.hasPrefix("{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"title\": \"Medigy\",\n"))
        #expect(text.hasSuffix("\n    }\n  ]\n}\n"))
    }

    @Test func outputIsDeterministicAndStreamsItemByItem() throws {
        #expect(try JSONFeedWriter().render(SampleFeed.feed) == bytes)
        var chunks: [[UInt8]] = []
        try JSONFeedWriter().write(SampleFeed.feed) { chunks.append(Array($0)) }
        #expect(chunks.count == SampleFeed.items.count + 2)  // head, each item, tail
        #expect(Array(chunks.joined()) == bytes)
        let compact = try JSONFeedWriter(indent: false).render(SampleFeed.feed)
        #expect(!compact.contains(0x0A))
        #expect(NSDictionary(dictionary: try jsonObject(compact)).isEqual(to: json))
    }

    @Test func escapesOnlyWhatJSONRequiresPlusLineSeparators() throws {
        var feed = SampleFeed.feed
        feed.title = "a/b \"q\" \\ \t\n\r \u{1} \u{1F} \u{7F} \u{2028} \u{2029} é 🩺"
        let text = utf8(try JSONFeedWriter().render(feed))
        #expect(text.contains(#""title": "a/b \"q\" \\ \t\n\r   \#u{7F} \u2028 \u2029 é 🩺","#))
        #expect(!text.contains("\\/"))
        #expect(!text.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" })
        let parsed = try jsonObject(try JSONFeedWriter().render(feed))["title"] as? String
        #expect(parsed.map(scalars) == expectedBack(feed.title))
    }
}
