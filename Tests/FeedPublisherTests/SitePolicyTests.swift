import CuratedContent
import FeedModel
import FeedPublisher
import FeedTestSupport
import Foundation
import Testing

/// Issue 11: a site's own publishing policy.
@Suite("Site policy")
struct SitePolicyTests {
    @Test func case6SummaryFeedsCarryNoBody() throws {
        var fixture = try PublisherFixture()
        fixture.configuration = try ConfigurationFile.parse(
            "site:\n  title: Medigy\n  url: https://www.medigy.com\nfeeds:\n  content: summary\n",
            source: "feedpub.yml"
        )
        #expect(fixture.configuration.content == .summary)
        try fixture.writeItem(
            "a.md",
            id: "1",
            title: "Curated",
            date: "2024-01-01T10:00:00Z",
            body: "<p>Third-party text BODYMARKER that must not be republished.</p>"
        )
        _ = try fixture.build()
        for file in fixture.outputFiles() {
            let text = try String(contentsOf: fixture.output.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("BODYMARKER"), "\(file) holds the body")
            #expect(!text.contains("content:encoded>") && !text.contains("<content "), "\(file)")
        }
        let item = try #require((try fixture.json("all/feed.json")["items"] as? [[String: Any]])?.first)
        #expect(item["content_html"] == nil)
        #expect(item["content_text"] as? String == "About Curated")
        #expect(item["summary"] as? String == "About Curated")
        #expect(throws: ConfigurationError.self) {
            try ConfigurationFile.parse("feeds:\n  content: excerpt\n", source: "feedpub.yml")
        }
    }

    @Test func case7AnItemWithoutDescriptionGetsOneFromItsBody() throws {
        let fixture = try PublisherFixture()
        let words = (1...400).map { "word\($0)" }.joined(separator: " ")
        try fixture.write(
            "a.md",
            """
            ---
            id: 1
            title: No description
            date: '2024-01-01T10:00:00Z'
            lastMod: '2024-01-01T10:00:00Z'
            identifier: Chronic Care
            ---

            <h2>Heading</h2><p>First&nbsp;para<em>graph</em> &amp; more.</p><ul><li>one</li><li>two</li></ul><p>\(words)</p>

            """
        )
        let result = try fixture.build()
        let warning = try #require(result.files.first?.issues.first { $0.field == "description" })
        #expect(warning.message.hasPrefix("is missing; derived from the body"))
        let item = try #require((try fixture.json("all/feed.json")["items"] as? [[String: Any]])?.first)
        let summary = try #require(item["summary"] as? String)
        #expect(summary.hasPrefix("Heading First paragraph & more. one two word1 word2"))
        #expect(summary.count <= ContentLimits().summary && summary.hasSuffix("…"))
        let rss = try String(contentsOf: fixture.output.appendingPathComponent("all/rss.xml"), encoding: .utf8)
        #expect(rss.contains("<description>Heading First paragraph &amp;amp; more."))
        try fixture.expectSameAsColdBuild()
    }

    @Test func case8DraftsAndExpiredItemsAreNotPublishedAndAreCounted() throws {
        let fixture = try PublisherFixture.withItems(2)
        try fixture.writeItem("d1.md", id: "d1", title: "Draft 1", date: "2024-02-01T10:00:00Z", extra: "status: draft")
        try fixture.writeItem("d2.md", id: "d2", title: "Draft 2", date: "2024-02-01T10:00:00Z", extra: "draft: true")
        try fixture.writeItem(
            "e.md",
            id: "e",
            title: "Expires",
            date: "2024-02-01T10:00:00Z",
            extra: "expiryDate: '2025-06-01T00:00:00Z'"
        )
        var options = fixture.options()
        options.now = Timestamp(year: 2025, month: 1, day: 1)
        let first = try Publisher(options: options).run()
        #expect(first.summary.drafts == 2 && first.summary.expired == 0)
        var ids = try fixture.itemIDs("all/feed.json")
        #expect(!ids.contains { $0.hasSuffix("items/d1") || $0.hasSuffix("items/d2") })
        #expect(ids.contains { $0.hasSuffix("items/e") })
        let report = BuildReport(result: first, options: options, version: "test")
        #expect(report.drafts == ["d1.md", "d2.md"])
        #expect(first.summary.line.contains("+ 2 drafts + 0 expired"))
        #expect(try Publisher(options: options).run().inputsUnchanged)
        // Past its expiry, with no file changed: the first build after it takes it out.
        options.now = Timestamp(year: 2025, month: 7, day: 1)
        let expired = try Publisher(options: options).run()
        #expect(!expired.inputsUnchanged && expired.summary.expired == 1)
        ids = try fixture.itemIDs("all/feed.json")
        #expect(!ids.contains { $0.hasSuffix("items/e") })
        #expect(BuildReport(result: expired, options: options, version: "test").expired == ["e.md"])
        #expect(try Publisher(options: options).run().inputsUnchanged)
    }

    @Test func case9TopicsGetOverridesAndARenamedTopicKeepsItsURL() throws {
        var fixture = try PublisherFixture()
        try fixture.writeItem("a.md", id: "1", title: "A", date: "2024-01-01T10:00:00Z", topics: ["Telehealth"])
        _ = try fixture.build()
        #expect(fixture.outputFiles().contains("topics/telehealth/atom.xml"))
        // The site renames the topic: new items say "Virtual Care", the old name is an alias of it.
        try fixture.writeItem("b.md", id: "2", title: "B", date: "2024-02-01T10:00:00Z", topics: ["Virtual Care"])
        fixture.configuration = try ConfigurationFile.parse(
            """
            site:
              title: Medigy
              url: https://www.medigy.com
            topics:
              aliases:
                Telehealth: Virtual Care
              Virtual Care:
                title: Virtual care, curated
                description: Telehealth and virtual care.
            """,
            source: "feedpub.yml"
        )
        _ = try fixture.build()
        let topicFiles = fixture.outputFiles().filter { $0.hasPrefix("topics/") }
        #expect(
            topicFiles == ["topics/telehealth/atom.xml", "topics/telehealth/feed.json", "topics/telehealth/rss.xml"]
        )
        let json = try fixture.json("topics/telehealth/feed.json")
        #expect((json["items"] as? [Any])?.count == 2, "one feed: both items")
        #expect(((json["_feedpub"] as? [String: Any])?["name"] as? String) == "Virtual Care")
        // An override by the topic's name (or its slug) gives the feed its title and description.
        let atom = try String(
            contentsOf: fixture.output.appendingPathComponent("topics/telehealth/atom.xml"),
            encoding: .utf8
        )
        #expect(atom.contains("<title type=\"text\">Virtual care, curated</title>"))
        #expect(atom.contains("Telehealth and virtual care."))
    }

    @Test func item4APublisherWithoutASiteRefusesAndCreatesNothing() throws {
        var fixture = try PublisherFixture.withItems(2)
        fixture.configuration = PublishConfiguration()  // no built-in site
        #expect {
            try fixture.build()
        } throws: { error in
            guard let error = error as? PublishError, case .configuration(let why) = error.reason else { return false }
            return why.key == "site.url" && why.message.hasPrefix("is not set")
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.output.path), "nothing created")
    }
}
