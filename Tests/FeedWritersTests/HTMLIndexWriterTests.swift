import FeedModel
import FeedTestSupport
import Foundation
import Testing

@testable import FeedWriters

/// ``HTMLIndexWriter``: the feeds page (`index.html`) and a feed's discovery snippet (`links.html`).
@Suite struct HTMLIndexWriterTests {
    static let writer = HTMLIndexWriter(formats: FeedFormat.allCases, feedsURL: "https://www.medigy.com/feeds/")

    static func page(_ feeds: FeedSet = SampleFeed.feedSet) throws -> (bytes: [UInt8], root: XMLElement) {
        let bytes = try writer.render(feeds, title: "Medigy feeds", opmlPath: "index.opml")
        return (bytes, try XMLElement.parse(bytes))
    }

    static func all(_ name: String, in root: XMLElement) -> [XMLElement] {
        var found: [XMLElement] = []
        var stack = [root]
        while let element = stack.popLast() {
            if element.name == name { found.append(element) }
            stack += element.children.reversed()
        }
        return found
    }

    @Test func thePageListsEveryFeedWithItsCountDateAndFormats() throws {
        var feeds = SampleFeed.feedSet
        var page = feeds.communities[0]
        page.archive = Feed.ArchiveLinks(
            page: "2020-01-01-0000000000000000",
            currentFolderURL: page.folderURL,
            olderFolderURL: nil,
            newerFolderURL: nil
        )
        feeds.archives = [page]  // its items count once more: they are the community's older items
        let (bytes, root) = try Self.page(feeds)
        #expect(String(decoding: bytes.prefix(16), as: UTF8.self) == "<!DOCTYPE html>\n")
        #expect(root.name == "html" && root.attributes["lang"] == feeds.site.language)
        let items = Self.all("li", in: root)
        #expect(items.count == feeds.all.count)
        for (item, feed) in zip(items, feeds.all) {
            let text = Self.all("p", in: item).map(\.text).joined(separator: "|")
            #expect(Self.all("a", in: item).first?.text == feed.title, "\(text)")
            let count = feed.items.count + (feed.location == page.location ? page.items.count : 0)
            let meta = Self.all("span", in: item).first?.text
            #expect(meta == (count == 1 ? "1 item ·" : "\(count) items ·"))
            #expect(Self.all("time", in: item).first?.attributes["datetime"] == feed.updated.rfc3339)
            let formats = Self.all("a", in: item).dropFirst().map { $0.attributes["href"] ?? "" }
            #expect(
                formats == FeedFormat.allCases.map { String($0.url(of: feed).dropFirst(Self.writer.feedsURL.count)) }
            )
        }
        let opml = Self.all("a", in: root).first { $0.attributes["href"] == "index.opml" }
        #expect(opml?.attributes["type"] == "text/x-opml")
        let anchors = Self.all("a", in: root).compactMap { $0.attributes["href"] }.filter { $0.hasPrefix("#") }
        let ids = Self.all("section", in: root).compactMap { $0.attributes["id"] }
        #expect(anchors == ["#site", "#communities"] && ids == ["site", "communities"], "the menu names its sections")
    }

    @Test func theHeadNamesTheSiteAndCommunityFeedsForDiscovery() throws {
        let (_, root) = try Self.page()
        let head = try #require(root.child("head"))
        #expect(head.children("meta").contains { $0.attributes["charset"] == "utf-8" })
        #expect(head.children("meta").contains { $0.attributes["name"] == "viewport" })
        let alternates = head.children("link").filter { $0.attributes["rel"] == "alternate" }
        let feeds = SampleFeed.feedSet
        let expected =
            ([feeds.site] + feeds.communities).flatMap { feed in
                FeedFormat.allCases.map { String($0.url(of: feed).dropFirst(Self.writer.feedsURL.count)) }
            } + ["index.opml"]
        #expect(alternates.map { $0.attributes["href"] ?? "" } == expected)
        #expect(alternates.map { $0.attributes["type"] ?? "" }.prefix(3) == FeedFormat.allCases.map(\.mediaType)[...])
    }

    @Test func aSnippetIsTheFeedsAlternateLinksWithAbsoluteURLs() throws {
        let feed = SampleFeed.communityFeed
        let bytes = try Self.writer.links(of: feed)
        let root = try XMLElement.parse(Array("<x>".utf8) + bytes + Array("</x>".utf8))
        #expect(root.children.map(\.name) == ["link", "link", "link"])
        #expect(root.children.map { $0.attributes["href"] ?? "" } == FeedFormat.allCases.map { $0.url(of: feed) })
        #expect(root.children.allSatisfy { $0.attributes["rel"] == "alternate" })
        #expect(!String(decoding: bytes, as: UTF8.self).hasPrefix("<?xml"), "a fragment, with no prolog")
    }

    @Test(arguments: [
        "<script>alert(1)</script>", "\" onmouseover=\"alert(1)", "</title><script>x</script>", "a & b < c > d",
    ])
    func hostileNamesAreTextAndNeverMarkup(_ hostile: String) throws {
        var feeds = SampleFeed.feedSet
        feeds.site = SampleFeed.hostile(hostile)
        feeds.communities[0].title = hostile
        feeds.communities[0].homePageURL = "javascript:alert(1)"
        let (bytes, root) = try Self.page(feeds)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("<script"), "no element made of a name")
        #expect(!text.contains("javascript:"), "a page that is no web address is not linked")
        #expect(Self.all("script", in: root).isEmpty)
        #expect(Self.all("p", in: root).contains { $0.text.contains(hostile) }, "shown as written")
        let snippet = String(decoding: try Self.writer.links(of: feeds.communities[0]), as: UTF8.self)
        #expect(!snippet.contains("<script") && !snippet.contains("\" onmouseover"))
    }

    @Test func elementsThatAreNotVoidInHTMLAlwaysHaveAnEndTag() throws {
        var feeds = SampleFeed.feedSet
        feeds.communities[0].description = ""
        let text = String(decoding: try Self.page(feeds).bytes, as: UTF8.self)
        for match in text.matches(of: /<([a-z0-9]+)[^<>]*\/>/) {
            #expect(["meta", "link"].contains(String(match.1)), "<\(match.1)/> is not void")
        }
        #expect(text.contains("</style>") && text.contains("</main>"))
    }
}
