import FeedModel
import FeedTestSupport
import Testing

@testable import FeedWriters

/// ``RSSWriter``: the hand-built feed parsed back and checked element by element.
@Suite struct RSSWriterTests {
    let rss: XMLElement
    let channel: XMLElement

    init() throws {
        rss = try XMLElement.parse(try RSSWriter().render(SampleFeed.feed))
        channel = try #require(rss.child("channel"))
    }

    @Test func rootDeclaresVersionAndNamespaces() {
        #expect(rss.name == "rss")
        #expect(rss.attributes["version"] == "2.0")
        #expect(rss.attributes["xmlns:atom"] == "http://www.w3.org/2005/Atom")
        #expect(rss.attributes["xmlns:content"] == "http://purl.org/rss/1.0/modules/content/")
        #expect(rss.attributes["xmlns:dc"] == "http://purl.org/dc/elements/1.1/")
        #expect(rss.attributes["xmlns:media"] == "http://search.yahoo.com/mrss/")
        #expect(rss.children.map(\.name) == ["channel"])
    }

    @Test func channelHead() throws {
        #expect(
            channel.children.map(\.name) == [
                "title", "link", "description", "language", "copyright", "managingEditor", "lastBuildDate",
                "generator", "docs", "atom:link", "image", "item", "item", "item",
            ]
        )
        #expect(channel.text(of: "title") == "Medigy")
        #expect(channel.text(of: "link") == "https://www.medigy.com/")
        #expect(channel.text(of: "description") == "Curated healthcare content from Medigy's communities of practice")
        #expect(channel.text(of: "language") == "en-US")
        #expect(channel.text(of: "copyright") == "© Medigy. Curated summaries link to their original publishers.")
        #expect(channel.text(of: "managingEditor") == "editors@medigy.com (Medigy Editorial Team)")
        // The newest `updated` of the items (the partial item), fraction dropped.
        #expect(channel.text(of: "lastBuildDate") == "Sat, 28 Nov 2020 08:15:30 +0000")
        #expect(channel.text(of: "generator") == "feedpub 0.1.0")
        #expect(channel.text(of: "docs") == "https://www.rssboard.org/rss-specification")
        let selfLink = try #require(channel.child("atom:link"))
        #expect(
            selfLink.attributes == [
                "href": "https://www.medigy.com/feeds/all/rss.xml", "rel": "self", "type": "application/rss+xml",
            ]
        )
        let image = try #require(channel.child("image"))
        #expect(image.children.map(\.name) == ["url", "title", "link"])
        #expect(image.text(of: "url") == "https://www.medigy.com/logo.png")
        #expect(image.text(of: "title") == "Medigy")
        #expect(image.text(of: "link") == "https://www.medigy.com/")
    }

    @Test func itemWithEveryField() throws {
        let item = try #require(channel.children("item").first)
        #expect(
            item.children.map(\.name) == [
                "title", "link", "description", "content:encoded", "pubDate", "guid", "dc:creator", "dc:creator",
                "dc:source", "category", "category", "media:content",
            ]
        )
        let full = SampleFeed.full
        #expect(item.text(of: "title") == "Healthcare Information Systems: Next Steps for the New Year")
        #expect(item.text(of: "link") == full.url)
        #expect(item.text(of: "description") == full.summary)
        // The HTML is escaped text: a parser gives back exactly the markup that was written.
        #expect(item.text(of: "content:encoded") == full.contentHTML)
        #expect(item.child("content:encoded")?.children.isEmpty == true)
        #expect(item.text(of: "pubDate") == "Thu, 26 Nov 2020 09:08:19 +0000")
        let guid = try #require(item.child("guid"))
        #expect(guid.attributes == ["isPermaLink": "false"])
        #expect(guid.text == "tag:medigy.com,2020:items/3826")
        #expect(item.children("dc:creator").map(\.text) == ["Sonalika Ghosh", "Shahid N. Shah"])
        #expect(item.text(of: "dc:source") == full.externalURL)
        let categories = item.children("category")
        #expect(categories.map(\.text) == ["HIMSS: Digital Health", "Interoperability"])
        #expect(categories.map { $0.attributes["domain"] } == [SampleFeed.topicScheme, SampleFeed.tagScheme])
        let media = try #require(item.child("media:content"))
        #expect(
            media.attributes == [
                "url": "https://www.medigy.com/media/3826/hero.jpg", "medium": "image", "type": "image/jpeg",
                "width": "1200", "height": "630",
            ]
        )
        let description = try #require(media.child("media:description"))
        #expect(description.attributes == ["type": "plain"])
        #expect(description.text == "A clinician reviewing records on a tablet")
    }

    @Test func itemWithSomeFieldsLeavesOutWhatIsMissing() throws {
        let item = try #require(channel.children("item").dropFirst().first)
        #expect(
            item.children.map(\.name) == [
                "title", "link", "description", "content:encoded", "pubDate", "guid", "dc:creator", "dc:source",
                "category", "media:content",
            ]
        )
        #expect(item.text(of: "guid") == "tag:medigy.com,2020:items/3801")
        #expect(item.text(of: "pubDate") == "Mon, 23 Nov 2020 14:30:00 +0000")
        #expect(item.child("category")?.attributes == [:])  // no scheme, no domain
        #expect(item.text(of: "category") == "RPM")
        let media = try #require(item.child("media:content"))
        #expect(media.attributes == ["url": "https://www.medigy.com/media/3801/chart.png", "medium": "image"])
        #expect(media.children.isEmpty)
    }

    @Test func itemWithNoOptionalFields() throws {
        let item = try #require(channel.children("item").last)
        #expect(item.children.map(\.name) == ["title", "link", "content:encoded", "pubDate", "guid"])
        #expect(item.text(of: "title") == "Nurse Call Systems")
        #expect(item.text(of: "link") == "https://www.medigy.com/curated-content/3790/")
        #expect(item.text(of: "content:encoded") == "<p>Short body.</p>")
        #expect(item.text(of: "pubDate") == "Fri, 20 Nov 2020 00:00:00 +0000")
        #expect(item.text(of: "guid") == "tag:medigy.com,2020:items/3790")
    }

    @Test func optionalChannelElements() throws {
        var feed = SampleFeed.feed
        feed.copyright = nil
        feed.authors = [Person(name: "No Mail")]
        feed.logo = nil
        var channel = try #require(try XMLElement.parse(try RSSWriter().render(feed)).child("channel"))
        #expect(channel.child("copyright") == nil)
        #expect(channel.child("managingEditor") == nil)
        #expect(channel.at("image/url")?.text == "https://www.medigy.com/icon-512.png")  // logo, else icon
        feed.icon = nil
        feed.authors = []
        feed.items = []
        channel = try #require(try XMLElement.parse(try RSSWriter().render(feed)).child("channel"))
        #expect(channel.child("image") == nil)
        #expect(channel.child("managingEditor") == nil)
        #expect(channel.children("item").isEmpty)
        #expect(channel.text(of: "title") == "Medigy")
    }

    @Test func streamsItemByItemAndIndentationChangesNoValue() throws {
        var chunks: [[UInt8]] = []
        try RSSWriter().write(SampleFeed.feed) { chunks.append(Array($0)) }
        let whole = try RSSWriter().render(SampleFeed.feed)
        #expect(chunks.count == SampleFeed.items.count + 2)  // head, each item, tail
        #expect(Array(chunks.joined()) == whole)

        let compact = try RSSWriter(indent: false).render(SampleFeed.feed)
        #expect(compact.count < whole.count)
        #expect(!utf8(compact).contains("\n "))  // no indentation
        let parsed = try XMLElement.parse(compact)
        #expect(parsed.at("channel")?.children.map(\.name) == channel.children.map(\.name))
        // The text of every leaf element (a parent's text is the indentation between its children).
        let texts = { (root: XMLElement) in
            root.at("channel")?.children("item").map { $0.children.filter(\.children.isEmpty).map(\.text) }
        }
        #expect(texts(parsed) == texts(rss))
    }
}
