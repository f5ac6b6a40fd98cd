import FeedModel
import FeedTestSupport
import Testing

@testable import FeedWriters

/// ``AtomWriter``: the hand-built feed parsed back and checked element by element.
@Suite struct AtomWriterTests {
    let feed: XMLElement

    init() throws {
        feed = try XMLElement.parse(try AtomWriter().render(SampleFeed.feed))
    }

    @Test func feedHead() throws {
        #expect(feed.name == "feed")
        #expect(feed.attributes == ["xmlns": "http://www.w3.org/2005/Atom", "xml:lang": "en-US"])
        #expect(
            feed.children.map(\.name) == [
                "id", "title", "subtitle", "updated", "link", "link", "author", "generator", "icon", "logo", "rights",
                "entry", "entry", "entry",
            ]
        )
        #expect(feed.text(of: "id") == "tag:medigy.com,2020:feeds/all")
        #expect(feed.child("title")?.attributes == ["type": "text"])
        #expect(feed.text(of: "title") == "Medigy")
        #expect(feed.child("subtitle")?.attributes == ["type": "text"])
        #expect(feed.text(of: "subtitle") == "Curated healthcare content from Medigy's communities of practice")
        // The newest `updated` of the items: the partial item's, with its fraction.
        #expect(feed.text(of: "updated") == "2020-11-28T08:15:30.5Z")
        #expect(
            feed.children("link").map(\.attributes) == [
                ["rel": "self", "type": "application/atom+xml", "href": "https://www.medigy.com/feeds/all/atom.xml"],
                ["rel": "alternate", "type": "text/html", "href": "https://www.medigy.com/"],
            ]
        )
        let author = try #require(feed.child("author"))
        #expect(author.children.map(\.name) == ["name", "uri", "email"])
        #expect(author.text(of: "name") == "Medigy Editorial Team")
        #expect(author.text(of: "uri") == "https://www.medigy.com")
        #expect(author.text(of: "email") == "editors@medigy.com")
        let generator = try #require(feed.child("generator"))
        #expect(generator.attributes == ["uri": "https://github.com/feedpub/feedpub", "version": "0.1.0"])
        #expect(generator.text == "feedpub")
        #expect(feed.text(of: "icon") == "https://www.medigy.com/favicon.ico")
        #expect(feed.text(of: "logo") == "https://www.medigy.com/logo.png")
        #expect(feed.child("rights")?.attributes == ["type": "text"])
        #expect(feed.text(of: "rights") == "© Medigy. Curated summaries link to their original publishers.")
    }

    @Test func iconIsTheFaviconElseTheIcon() throws {
        var source = SampleFeed.feed
        source.favicon = nil
        #expect(
            try XMLElement.parse(try AtomWriter().render(source)).text(of: "icon")
                == "https://www.medigy.com/icon-512.png"
        )
        source.icon = nil
        source.logo = nil
        source.copyright = nil
        let parsed = try XMLElement.parse(try AtomWriter().render(source))
        #expect(parsed.child("icon") == nil)
        #expect(parsed.child("logo") == nil)
        #expect(parsed.child("rights") == nil)
    }

    @Test func entryWithEveryField() throws {
        let entry = try #require(feed.children("entry").first)
        let full = SampleFeed.full
        #expect(
            entry.children.map(\.name) == [
                "id", "title", "link", "link", "link", "published", "updated", "author", "author", "category",
                "category", "summary", "content",
            ]
        )
        #expect(entry.text(of: "id") == "tag:medigy.com,2020:items/3826")
        #expect(entry.child("title")?.attributes == ["type": "text"])
        #expect(entry.text(of: "title") == full.title)
        #expect(
            entry.children("link").map(\.attributes) == [
                ["rel": "alternate", "type": "text/html", "href": full.url],
                [
                    "rel": "related", "type": "text/html", "href": full.externalURL!,
                    "title": "healthcarebusinesstoday.com",
                ],
                [
                    "rel": "enclosure", "type": "image/jpeg", "href": "https://www.medigy.com/media/3826/hero.jpg",
                    "title": "A clinician reviewing records on a tablet",
                ],
            ]
        )
        #expect(entry.text(of: "published") == "2020-11-26T09:08:19.821451Z")
        #expect(entry.text(of: "updated") == "2020-11-27T10:00:00Z")
        let authors = entry.children("author")
        #expect(authors.map { $0.children.map(\.name) } == [["name", "uri"], ["name"]])
        #expect(authors.map { $0.text(of: "name") } == ["Sonalika Ghosh", "Shahid N. Shah"])
        #expect(authors.first?.text(of: "uri") == "https://www.medigy.com/people/sonalika-ghosh/")
        #expect(
            entry.children("category").map(\.attributes) == [
                ["term": "himss-digital-health", "scheme": SampleFeed.topicScheme, "label": "HIMSS: Digital Health"],
                ["term": "interoperability", "scheme": SampleFeed.tagScheme, "label": "Interoperability"],
            ]
        )
        #expect(entry.child("summary")?.attributes == ["type": "text"])
        #expect(entry.text(of: "summary") == full.summary)
        let content = try #require(entry.child("content"))
        #expect(content.attributes == ["type": "html"])
        #expect(content.children.isEmpty)  // escaped, not embedded markup
        #expect(content.text == full.contentHTML)
    }

    @Test func entryWithSomeFields() throws {
        let entry = try #require(feed.children("entry").dropFirst().first)
        #expect(
            entry.children("link").map(\.attributes) == [
                ["rel": "alternate", "type": "text/html", "href": "https://www.medigy.com/curated-content/3801/"],
                ["rel": "related", "type": "text/html", "href": "https://www.cms.gov/newsroom/rpm-2021"],
                ["rel": "enclosure", "href": "https://www.medigy.com/media/3801/chart.png"],
            ]
        )
        #expect(entry.text(of: "updated") == "2020-11-28T08:15:30.5Z")
        #expect(entry.children("author").map { $0.children.map(\.name) } == [["name"]])
        #expect(entry.child("category")?.attributes == ["term": "rpm", "label": "RPM"])
    }

    @Test func entryWithNoOptionalFields() throws {
        let entry = try #require(feed.children("entry").last)
        #expect(entry.children.map(\.name) == ["id", "title", "link", "published", "updated", "content"])
        #expect(entry.text(of: "id") == "tag:medigy.com,2020:items/3790")
        #expect(
            entry.child("link")?.attributes
                == ["rel": "alternate", "type": "text/html", "href": "https://www.medigy.com/curated-content/3790/"]
        )
        // `updated` defaults to `published`.
        #expect(entry.text(of: "published") == "2020-11-20T00:00:00Z")
        #expect(entry.text(of: "updated") == "2020-11-20T00:00:00Z")
        #expect(entry.text(of: "content") == "<p>Short body.</p>")
    }

    @Test func streamsEntryByEntry() throws {
        var chunks: [[UInt8]] = []
        try AtomWriter().write(SampleFeed.feed) { chunks.append(Array($0)) }
        #expect(chunks.count == SampleFeed.items.count + 2)  // head, each item, tail
        #expect(Array(chunks.joined()) == (try AtomWriter().render(SampleFeed.feed)))
        let compact = try XMLElement.parse(try AtomWriter(indent: false).render(SampleFeed.feed))
        #expect(compact.children.map(\.name) == feed.children.map(\.name))
        #expect(
            compact.children("entry").map { $0.text(of: "content") }
                == feed.children("entry").map { $0.text(of: "content") }
        )
    }
}
