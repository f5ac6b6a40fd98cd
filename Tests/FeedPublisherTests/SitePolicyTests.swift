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
            topicFiles == [
                "topics/telehealth/atom.xml", "topics/telehealth/feed.json", "topics/telehealth/links.html",
                "topics/telehealth/rss.xml",
            ]
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

/// Issue 11, item 9: feed paths a site moving from Hugo keeps.
@Suite("Feed paths")
struct FeedPathTests {
    static let hugo = """
        site:
          title: Medigy
          url: https://www.medigy.com
        feeds:
          url: https://www.medigy.com/
          folders:
            site: ""
            community: communities/{slug}
            topic: tags/{slug}
          files:
            rss: index.xml
            atom: atom.xml
            json: feed.json
        """

    @Test func case9WithHugosLayoutEverySelfLinkMatchesItsFile() throws {
        var fixture = try PublisherFixture.withItems(6)
        fixture.configuration = try ConfigurationFile.parse(Self.hugo, source: "feedpub.yml")
        _ = try fixture.build()
        let files = fixture.outputFiles()
        #expect(
            files.contains("index.xml") && files.contains("communities/beta/index.xml")
                && files.contains("tags/shared/feed.json"),
            "\(files)"
        )
        #expect(!files.contains { $0.hasPrefix("all/") || $0.hasSuffix("rss.xml") })
        try Self.expectSelfLinksMatch(fixture, base: "https://www.medigy.com/")
        try fixture.expectSameAsColdBuild()
    }

    /// Every feed file names itself at `base` + its path, and the OPML index lists only files that exist.
    static func expectSelfLinksMatch(_ fixture: PublisherFixture, base: String) throws {
        let files = fixture.outputFiles()
        var checked = 0
        for file in files {
            let bytes = Array(try Data(contentsOf: fixture.output.appendingPathComponent(file)))
            let selfLink: String?
            if file.hasSuffix(".html") {
                // The feeds page (relative links) and the discovery snippets (absolute): every link to a feed file
                // names one that exists. Both parse as XML, the snippet once wrapped.
                let root = try XMLElement.parse(
                    file == "index.html" ? bytes : Array("<x>".utf8) + bytes + Array("</x>".utf8)
                )
                var elements = [root]
                var hrefs: [String] = []
                while let element = elements.popLast() {
                    if element.name == "link" || element.name == "a", let href = element.attributes["href"] {
                        hrefs.append(href)
                    }
                    elements += element.children
                }
                let feedLinks = hrefs.filter {
                    (!$0.hasPrefix("http") || $0.hasPrefix(base)) && !$0.hasSuffix("/") && !$0.hasPrefix("#")
                }
                #expect(!feedLinks.isEmpty, "\(file)")
                for href in feedLinks {
                    let path = href.hasPrefix(base) ? String(href.dropFirst(base.count)) : href
                    #expect(files.contains(path), "\(file) links \(href)")
                    #expect(file == "index.html" || href.hasPrefix(base), "a snippet's links are absolute")
                }
                continue
            }
            if file.hasSuffix(".json") {
                selfLink = try fixture.json(file)["feed_url"] as? String
            } else if file == "index.opml" {
                let root = try XMLElement.parse(bytes)
                var outlines = root.at("body")?.children("outline") ?? []
                var urls: [String] = []
                while let outline = outlines.popLast() {
                    if let url = outline.attributes["xmlUrl"] { urls.append(url) }
                    outlines += outline.children("outline")
                }
                #expect(!urls.isEmpty)
                for url in urls {
                    #expect(url.hasPrefix(base) && files.contains(String(url.dropFirst(base.count))), "\(url)")
                }
                continue
            } else {
                let root = try XMLElement.parse(bytes)
                let links = root.name == "rss" ? root.child("channel")?.children("atom:link") : root.children("link")
                selfLink = links?.first { $0.attributes["rel"] == "self" }?.attributes["href"]
            }
            #expect(selfLink == base + file, "\(file)")
            checked += 1
        }
        #expect(checked >= 3)
    }

    @Test func case9MovingToAnotherLayoutIsARemovalTheOperatorConfirms() throws {
        var fixture = try PublisherFixture.withItems(6)
        _ = try fixture.build()
        let before = fixture.outputFiles()
        fixture.configuration = try ConfigurationFile.parse(Self.hugo, source: "feedpub.yml")
        #expect {
            try fixture.build()
        } throws: { error in
            guard let error = error as? PublishError, case .removalRefused(let refusal) = error.reason else {
                return false
            }
            return refusal.movedByLayout == refusal.removing && "\(error)".contains("moves those feeds' URLs")
        }
        #expect(fixture.outputFiles() == before, "nothing changed")
        var options = fixture.options()
        options.allowsRemoval = true
        let result = try Publisher(options: options).run()
        #expect(!fixture.outputFiles().contains { $0.hasPrefix("all/") || $0.hasSuffix("rss.xml") })
        let after = fixture.outputFiles()
        #expect(result.removed.sorted() == before.filter { !after.contains($0) }.sorted(), "every old feed file")
        #expect(before.contains("communities/beta/atom.xml") && after.contains("communities/beta/atom.xml"))
        #expect(after.contains("index.xml") && !after.contains("all/rss.xml"))
        try Self.expectSelfLinksMatch(fixture, base: "https://www.medigy.com/")
    }

    @Test func case9ABadLayoutIsRefusedWithItsLine() throws {
        for (yaml, key, line) in [
            ("feeds:\n  folders:\n    community: ../{slug}\n", "feeds.folders.community", 3),
            ("feeds:\n  files:\n    rss: ../../etc/passwd\n", "feeds.files.rss", 3),
            ("feeds:\n  folders:\n    topic: communities/{slug}\n", "feeds.folders.topic", 3),
            ("feeds:\n  folders:\n    feed: x\n", "feeds.folders.feed", 3),
            ("feeds:\n  files:\n    opml: x.opml\n", "feeds.files.opml", 3),
        ] {
            #expect {
                try ConfigurationFile.parse(yaml, source: "feedpub.yml")
            } throws: { error in
                guard let error = error as? ConfigurationError else { return false }
                return error.key == key && error.line == line && "\(error)".hasPrefix("feedpub.yml:\(line): \(key): ")
            }
        }
    }

    @Test func case9TheTrustChecksFollowTheLayout() throws {
        var fixture = try PublisherFixture.withItems(6)
        fixture.configuration = try ConfigurationFile.parse(Self.hugo, source: "feedpub.yml")
        _ = try fixture.build()
        // Temporaries a killed build left at the top (the site's folder here) and in a topic's (tags/ here) are removed.
        let leftovers = [".index.xml.feedpub-tmp-1-1", "tags/shared/.index.xml.feedpub-tmp-1-2"]
        for leftover in leftovers {
            try Data("x".utf8).write(to: fixture.output.appendingPathComponent(leftover))
        }
        fixture.configuration.siteDescription = "changed"
        _ = try fixture.build()
        for leftover in leftovers {
            #expect(!FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent(leftover).path))
        }
        // A link where this layout's topic folders belong stops the build before anything changes.
        let elsewhere = try Fixtures.temporaryFolder("elsewhere")
        let tags = fixture.output.appendingPathComponent("tags")
        try FileManager.default.removeItem(at: tags)
        try FileManager.default.createSymbolicLink(at: tags, withDestinationURL: elsewhere)
        fixture.configuration.siteDescription = "changed again"
        #expect(throws: PublishError.self) { _ = try fixture.build() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }
}
