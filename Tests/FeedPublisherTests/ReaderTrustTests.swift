import CuratedContent
import FeedModel
import FeedPublisher
import FeedTestSupport
import Foundation
import Testing

/// Issue 10: what readers see — each case as the issue reproduced it on 0faa778.
@Suite("Trust in what readers see")
struct ReaderTrustTests {
    /// Each feed's name → its path and Atom id.
    private static func feedMap(_ fixture: PublisherFixture) throws -> [String: String] {
        var map: [String: String] = [:]
        for file in fixture.outputFiles() where file.hasSuffix("feed.json") && !file.hasPrefix("all/") {
            let json = try fixture.json(file)
            let name = (json["_feedpub"] as? [String: Any])?["name"] as? String ?? "?"
            let atom = try String(
                contentsOf: fixture.output.appendingPathComponent(file).deletingLastPathComponent()
                    .appendingPathComponent("atom.xml"),
                encoding: .utf8
            )
            let id = atom.components(separatedBy: "<id>").dropFirst().first?.components(separatedBy: "</id>").first
            map[name] = file.replacingOccurrences(of: "/feed.json", with: "") + " " + (id ?? "?")
        }
        return map
    }

    @Test func case1ActiveHTMLIsRemovedFromEveryFormatWithWarnings() throws {
        let fixture = try PublisherFixture()
        try fixture.writeItem(
            "active.md",
            id: "1",
            title: "Active",
            date: "2024-01-01T10:00:00Z",
            body: "<p>Read <a href=\"/more\" onclick=\"steal()\">more</a></p><script>alert(1)</script>"
                + "<iframe src=\"https://evil.example/\"></iframe><!-- note --><img srcset=\"/a.png 2x\" src=x.png>"
        )
        let result = try fixture.build()
        let messages = result.files.flatMap(\.issues).map(\.message)
        #expect(messages.contains("removed <script> (1)"))
        #expect(messages.contains("removed <iframe> (1)"))
        #expect(messages.contains("removed <!-- comment --> (1)"))
        #expect(messages.contains("removed onclick= attribute(s) (1)"))
        for file in fixture.outputFiles() {
            let text = try String(contentsOf: fixture.output.appendingPathComponent(file), encoding: .utf8)
            for needle in ["<script", "script&gt;", "alert(", "iframe", "onclick", "note", "\"/more\"", "\"x.png\""] {
                #expect(!text.contains(needle), "\(file) holds \(needle)")
            }
        }
        let item = try #require((try fixture.json("all/feed.json")["items"] as? [[String: Any]])?.first)
        let html = try #require(item["content_html"] as? String)
        #expect(html.contains("href=\"https://www.medigy.com/more\""))
        #expect(html.contains("srcset=\"https://www.medigy.com/a.png 2x\""))
        try fixture.expectSameAsColdBuild()
    }

    @Test func case2SpellingsThatDifferInCasePunctuationOrSpacingAreOneTopic() throws {
        let fixture = try PublisherFixture()
        for n in 1...2 {
            try fixture.writeItem(
                "himss-\(n).md",
                id: "\(n)",
                title: "Item \(n)",
                date: "2024-01-0\(n)T10:00:00Z",
                topics: ["HIMSS: Digital Health"]
            )
        }
        _ = try fixture.build()
        let before = try Self.feedMap(fixture)
        #expect(before["HIMSS: Digital Health"]?.hasPrefix("topics/himss-digital-health ") == true)
        // Sorts before "HIMSS: Digital Health", and would have taken its slug; and a near-identical spelling.
        try fixture.writeItem(
            "v1.md",
            id: "3",
            title: "V1",
            date: "2024-02-01T10:00:00Z",
            topics: ["HIMSS Digital Health"]
        )
        try fixture.writeItem(
            "v2.md",
            id: "4",
            title: "V2",
            date: "2024-02-02T10:00:00Z",
            topics: ["himss: digital-health"]
        )
        var notices: [String] = []
        _ = try Publisher(options: fixture.options()).run(notice: { notices.append($0) })
        let after = try Self.feedMap(fixture)
        #expect(after == before, "one topic, under the same path and id, shown as most items spell it")
        let json = try fixture.json("topics/himss-digital-health/feed.json")
        #expect((json["items"] as? [Any])?.count == 4)
        #expect(
            notices.contains {
                $0.contains("'HIMSS: Digital Health'") && $0.contains("'HIMSS Digital Health' (1 item)")
            }
        )
        try fixture.expectSameAsColdBuild()
    }

    @Test func case2APublishedSlugStaysWithItsNameWhateverArrivesOrGoes() throws {
        let fixture = try PublisherFixture()
        try fixture.writeItem("a.md", id: "1", title: "A", date: "2024-01-01T10:00:00Z", topics: ["Médecine"])
        _ = try fixture.build()
        let before = try Self.feedMap(fixture)
        #expect(before["Médecine"]?.hasPrefix("topics/medecine ") == true)
        // Same slug, another name (an accent is not folded), and an older item: a cold build would give it the slug.
        try fixture.writeItem("b.md", id: "2", title: "B", date: "2019-01-01T10:00:00Z", topics: ["Medecine"])
        _ = try fixture.build()
        let after = try Self.feedMap(fixture)
        #expect(after["Médecine"] == before["Médecine"])
        #expect(after["Medecine"]?.hasPrefix("topics/medecine-") == true)
        // The name goes away and comes back: its slug was kept for it.
        try FileManager.default.removeItem(at: fixture.content.appendingPathComponent("a.md"))
        _ = try fixture.build()
        try fixture.writeItem("a.md", id: "1", title: "A", date: "2024-01-01T10:00:00Z", topics: ["Médecine"])
        _ = try fixture.build()
        #expect(try Self.feedMap(fixture) == after)
    }

    @Test func case3OneItemCannotMultiplyTheOutput() throws {
        let fixture = try PublisherFixture.withItems(6)
        _ = try fixture.build()
        let before = fixture.outputFiles().count
        let topics = (1...1_000).map { "Bomb Topic \($0)" }
        let title = String(repeating: "Endless title words ", count: 50_000)  // 1,000,000 characters
        try fixture.writeItem(
            "bomb.md",
            id: "bomb",
            title: title,
            date: "2024-03-01T10:00:00Z",
            community: "Alpha",
            topics: topics
        )
        let result = try fixture.build()
        let added = (fixture.outputFiles().count - before) / 4  // 3 formats and links.html
        #expect(added <= 20, "the 1,000-topic item adds at most 20 feeds (it added \(added))")
        let messages = result.files.flatMap(\.issues).map(\.message)
        #expect(messages.contains("has 1000 entries; the first 20 are kept (limits.topics)"))
        #expect(messages.contains { $0.hasPrefix("is 999999 characters; cut to 300 at a word boundary") })
        let items = try #require(try fixture.json("all/feed.json")["items"] as? [[String: Any]])
        let bomb = try #require(items.first { ($0["id"] as? String)?.hasSuffix("items/bomb") == true })
        let published = try #require(bomb["title"] as? String)
        #expect(published.count <= 300 && published.hasSuffix("…") && published.hasPrefix("Endless title words"))
        #expect((bomb["tags"] as? [String])?.count == 20)
        try fixture.expectSameAsColdBuild()
    }

    @Test func case3LimitsAreConfigurable() throws {
        let configuration = try ConfigurationFile.parse(
            "site:\n  title: Medigy\n  url: https://www.medigy.com\n"
                + "limits:\n  topics: 2\n  title: 10\n  summary: 40\n  authors: 1\n  tags: 3\n  oldest: 2000-01-01\n",
            source: "limits.yml"
        )
        #expect(configuration.limits.topics == 2 && configuration.limits.title == 10)
        #expect(
            configuration.limits.summary == 40 && configuration.limits.authors == 1 && configuration.limits.tags == 3
        )
        #expect(configuration.limits.oldest == Timestamp(year: 2000, month: 1, day: 1))
        var fixture = try PublisherFixture()
        fixture.configuration = configuration
        try fixture.writeItem(
            "a.md",
            id: "1",
            title: "A title that is long",
            date: "2024-01-01T10:00:00Z",
            topics: ["One", "Two", "Three"]
        )
        _ = try fixture.build()
        #expect(fixture.outputFiles().filter { $0.hasPrefix("topics/") }.count == 2 * 4, "3 formats and links.html")
        for bad in ["limits:\n  topics: 0\n", "limits:\n  oldest: yesterday\n", "limits:\n  pages: 3\n"] {
            #expect(throws: ConfigurationError.self) { try ConfigurationFile.parse(bad, source: "bad.yml") }
        }
    }

    @Test func case4AnItemDatedAfterNowIsScheduledAndPublishedWhenDue() throws {
        var fixture = try PublisherFixture.withItems(3)
        try fixture.writeItem("future.md", id: "future", title: "Future", date: "2999-01-01T00:00:00Z")
        var options = fixture.options()
        options.now = Timestamp(year: 2026, month: 12, day: 1)
        let first = try Publisher(options: options).run()
        #expect(first.summary.scheduled == 1)
        #expect(first.summary.read == first.summary.published + first.summary.repaired + first.summary.scheduled)
        #expect(first.files.first { $0.path == "future.md" }?.due == Timestamp(year: 2999, month: 1, day: 1))
        for file in fixture.outputFiles() {
            let text = try String(contentsOf: fixture.output.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("2999"), "\(file): a scheduled item sets no date and is in no feed")
            #expect(!text.contains("items/future"), "\(file)")
        }
        let report = BuildReport(result: first, options: options, version: "test")
        #expect(report.scheduled.map(\.path) == ["future.md"] && report.scheduled.first?.due == "2999-01-01T00:00:00Z")
        // Nothing changed on disk, and it is not yet due: unchanged.
        #expect(try Publisher(options: options).run().inputsUnchanged)
        // Due now, though no file changed: the first build after it comes due publishes it.
        options.now = Timestamp(year: 2999, month: 1, day: 2)
        let due = try Publisher(options: options).run()
        #expect(!due.inputsUnchanged && due.summary.scheduled == 0)
        #expect(try fixture.itemIDs("all/feed.json").contains { $0.hasSuffix("items/future") })
        #expect(try Publisher(options: options).run().inputsUnchanged)
        // --include-future publishes at once.
        fixture.configuration.includeFuture = true
        var later = fixture.options()
        later.now = Timestamp(year: 2026, month: 12, day: 1)
        let included = try Publisher(options: later).run()
        #expect(included.summary.scheduled == 0)
        #expect(try fixture.itemIDs("all/feed.json").contains { $0.hasSuffix("items/future") })
    }

    @Test func case4ADateBeforeTheFloorIsPublishedWithAWarning() throws {
        let fixture = try PublisherFixture()
        try fixture.writeItem("old.md", id: "old", title: "Old", date: "1969-12-31T00:00:00Z")
        let result = try fixture.build()
        let file = try #require(result.files.first)
        #expect(file.status == .repaired)
        #expect(file.issues.contains { $0.field == "date" && $0.message.contains("limits.oldest") })
        #expect(try fixture.itemIDs("all/feed.json").count == 1)
    }

    @Test func case5TheGuidKeepsTheArticlePublishedFirst() throws {
        let fixture = try PublisherFixture()
        try fixture.writeItem("old.md", id: "1433", title: "Telehealth in 2018", date: "2018-05-01T10:00:00Z")
        _ = try fixture.build()
        // A different article under the same id, with a later lastMod.
        try fixture.writeItem("new.md", id: "1433", title: "AI scribes in 2024", date: "2024-05-01T10:00:00Z")
        let result = try fixture.build()
        let lost = try #require(result.files.first { $0.path == "new.md" })
        #expect(lost.status == .rejected)
        #expect(lost.issues.contains { $0.field == "id" && $0.message.contains("of old.md, a different article") })
        let items = try #require(try fixture.json("all/feed.json")["items"] as? [[String: Any]])
        #expect(items.map { $0["title"] as? String } == ["Telehealth in 2018"])
        // Decided the same from the item log when neither file is read again, and in a cold build.
        try fixture.writeItem("other.md", id: "9", title: "Other", date: "2020-01-01T10:00:00Z")
        let again = try fixture.build()
        #expect(again.files.first { $0.path == "new.md" }?.status == .rejected)
        try fixture.expectSameAsColdBuild()
        // An update of the same article (same title) does win by its later lastMod.
        try fixture.writeItem(
            "new.md",
            id: "1433",
            title: "Telehealth in 2018",
            date: "2018-05-01T10:00:00Z",
            extra: "lastMod: '2024-06-01T10:00:00Z'"
        )
        let updated = try fixture.build()
        #expect(updated.files.first { $0.path == "new.md" }?.status != .rejected)
        #expect(updated.files.first { $0.path == "old.md" }?.status == .rejected)
    }

    @Test(arguments: ["/", "/communities/curated-content/", "/communities//curated-content/"])
    func case6ABasePathOutsideTheCommunitysPathWarnsAndFallsBack(_ basePath: String) throws {
        let fixture = try PublisherFixture()
        try fixture.writeItem(
            "slash.md",
            id: "s",
            title: "Slash",
            date: "2024-01-01T10:00:00Z",
            community: "/",
            extra: "basePath: '\(basePath)'"
        )
        let result = try fixture.build()
        let warning = try #require(result.files.first?.issues.first { $0.field == "basePath" })
        #expect(warning.message.contains("is outside the community's own path"))
        let item = try #require((try fixture.json("all/feed.json")["items"] as? [[String: Any]])?.first)
        let url = try #require(item["url"] as? String)
        let community = try #require(fixture.outputFiles().first { $0.hasPrefix("communities/") })
        let slug = community.split(separator: "/")[1]
        #expect(slug.hasPrefix("community-"), "the name '/' has no letters: a hashed slug, not 'curated-content'")
        // The page slug is the file name.
        #expect(url == "https://www.medigy.com/communities/\(slug)/curated-content/slash/")
    }
}
