import FeedModel
import FeedTestSupport
import Testing

@testable import FeedWriters

/// ``OPMLWriter``: the subscription list of a feed set, grouped, pointing at the chosen format's files.
@Suite struct OPMLWriterTests {
    static let owner = Person(name: "Medigy Editorial Team", email: "editors@medigy.com")

    func render(_ format: FeedFormat, _ feeds: FeedSet = SampleFeed.feedSet, owner: Person = owner) throws
        -> XMLElement
    {
        try XMLElement.parse(try OPMLWriter(format: format).render(feeds, title: "Medigy feeds", owner: owner))
    }

    @Test func head() throws {
        let opml = try render(.rss)
        #expect(opml.name == "opml")
        #expect(opml.attributes == ["version": "2.0"])
        #expect(opml.children.map(\.name) == ["head", "body"])
        let head = try #require(opml.child("head"))
        #expect(
            head.children.map(\.name) == ["title", "dateCreated", "dateModified", "ownerName", "ownerEmail", "docs"]
        )
        #expect(head.text(of: "title") == "Medigy feeds")
        #expect(head.text(of: "dateCreated") == "Sat, 28 Nov 2020 08:15:30 +0000")  // the site feed's updated
        #expect(head.text(of: "dateModified") == "Sat, 28 Nov 2020 08:15:30 +0000")
        #expect(head.text(of: "ownerName") == "Medigy Editorial Team")
        #expect(head.text(of: "ownerEmail") == "editors@medigy.com")
        #expect(head.text(of: "docs") == "http://opml.org/spec2.opml")
    }

    @Test func ownerEmailIsOptional() throws {
        let head = try #require(try render(.rss, owner: Person(name: "Someone")).child("head"))
        #expect(head.child("ownerEmail") == nil)
        #expect(head.text(of: "ownerName") == "Someone")
    }

    @Test(arguments: FeedFormat.allCases)
    func outlinesPointAtTheChosenFormat(format: FeedFormat) throws {
        let body = try #require(try render(format).child("body"))
        // No topic feeds: the Topics group is left out.
        #expect(body.children.map { $0.attributes["text"] } == ["Site", "Communities"])
        #expect(body.children.allSatisfy { $0.name == "outline" && $0.attributes.count == 1 })
        let site = try #require(body.children.first?.children)
        let communities = try #require(body.children.last?.children)
        #expect(site.count == 1 && communities.count == 1)
        for (outline, feed) in zip(site + communities, [SampleFeed.feed, SampleFeed.communityFeed]) {
            #expect(
                outline.attributes == [
                    "type": format == .json ? "json" : "rss",
                    "text": feed.title,
                    "title": feed.title,
                    "description": feed.description,
                    "xmlUrl": feed.folderURL + format.fileName(),
                    "htmlUrl": feed.homePageURL,
                    "language": "en-US",
                ]
            )
            #expect(outline.attributes["xmlUrl"]?.hasPrefix("https://") == true)
            #expect(outline.children.isEmpty)
        }
        #expect(site.first?.attributes["xmlUrl"] == "https://www.medigy.com/feeds/all/\(format.fileName())")
    }

    @Test func everyNonEmptyGroupInOrder() throws {
        var topic = SampleFeed.communityFeed
        topic.location = .topic(Slug("himss-digital-health")!)
        topic.title = "HIMSS: Digital Health · Medigy"
        topic.folderURL = "https://www.medigy.com/feeds/topics/himss-digital-health/"
        let feeds = FeedSet(site: SampleFeed.feed, communities: [], topics: [topic, topic])
        let body = try #require(try render(.atom, feeds).child("body"))
        #expect(body.children.map { $0.attributes["text"] } == ["Site", "Topics"])
        #expect(
            body.children.last?.children.map { $0.attributes["xmlUrl"] } == [
                "https://www.medigy.com/feeds/topics/himss-digital-health/atom.xml",
                "https://www.medigy.com/feeds/topics/himss-digital-health/atom.xml",
            ]
        )
    }
}
