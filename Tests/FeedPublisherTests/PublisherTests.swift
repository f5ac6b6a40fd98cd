import CuratedContent
import FeedModel
import FeedPublisher
import FeedTestSupport
import FeedWriters
import Foundation
import Testing

/// The build: atomic and idempotent writes, removal of empty feeds, locks, strictness, and confinement.
@Suite struct PublisherTests {
    func fixtureWithTwoCommunities() throws -> PublisherFixture {
        let fixture = try PublisherFixture()
        try fixture.writeItem(
            "a.md",
            id: "1",
            title: "First & foremost",
            date: "2024-01-01T10:00:00Z",
            community: "Alpha",
            topics: ["Topic One", "Topic Two"]
        )
        try fixture.writeItem(
            "b.md",
            id: "2",
            title: "Second",
            date: "2024-02-01T10:00:00Z",
            community: "Beta",
            topics: ["Topic Two"]
        )
        return fixture
    }

    @Test func writesEveryFeedInEveryFormatAndAnIndex() throws {
        let fixture = try fixtureWithTwoCommunities()
        let result = try fixture.build()
        #expect(result.summary.read == 2 && result.summary.published == 2)
        #expect(result.summary.feeds == 1 + 2 + 2)
        let expected =
            ["all", "communities/alpha", "communities/beta", "topics/topic-one", "topics/topic-two"]
            .flatMap { folder in ["atom.xml", "feed.json", "links.html", "rss.xml"].map { "\(folder)/\($0)" } }
            + ["index.html", "index.opml"]
        #expect(fixture.outputFiles() == expected.sorted())
        #expect(result.summary.filesWritten == expected.count)
        #expect(
            try fixture.itemIDs("topics/topic-two/feed.json") == [
                "tag:medigy.com,2020:items/2", "tag:medigy.com,2020:items/1",
            ]
        )
    }

    @Test func secondBuildRewritesNothingAndKeepsModificationTimes() throws {
        let fixture = try fixtureWithTwoCommunities()
        _ = try fixture.build()
        let before = try fixture.outputFiles().map { ($0, try fixture.modificationDate($0)) }
        let bytesBefore = try fixture.outputFiles().map {
            try Data(contentsOf: fixture.output.appendingPathComponent($0))
        }
        Thread.sleep(forTimeInterval: 0.02)
        let second = try fixture.build()
        #expect(second.summary.filesWritten == 0)
        #expect(second.summary.filesUnchanged == before.count)
        #expect(!second.summary.changedOutput)
        for (path, date) in before { #expect(try fixture.modificationDate(path) == date, "\(path) was touched") }
        let bytesAfter = try fixture.outputFiles().map {
            try Data(contentsOf: fixture.output.appendingPathComponent($0))
        }
        #expect(bytesAfter == bytesBefore)
    }

    @Test func changingOneItemRewritesOnlyTheFeedsThatHoldIt() throws {
        let fixture = try fixtureWithTwoCommunities()
        _ = try fixture.build()
        try fixture.writeItem(
            "b.md",
            id: "2",
            title: "Second, edited",
            date: "2024-02-01T10:00:00Z",
            community: "Beta",
            topics: ["Topic Two"]
        )
        let result = try fixture.build()
        // all, communities/beta, topics/topic-two: 3 feeds × 3 formats; the OPML index, the feeds page (same counts
        // and dates) and the 5 discovery snippets do not change.
        #expect(result.summary.filesWritten == 9)
        #expect(result.summary.filesUnchanged == 13)
    }

    @Test func feedsOfCommunitiesAndTopicsWithoutItemsAreRemoved() throws {
        let fixture = try fixtureWithTwoCommunities()
        _ = try fixture.build()
        try FileManager.default.removeItem(at: fixture.content.appendingPathComponent("b.md"))
        let result = try fixture.build()
        #expect(result.summary.filesRemoved == 4)
        #expect(
            result.removed == [
                "communities/beta/atom.xml", "communities/beta/feed.json", "communities/beta/links.html",
                "communities/beta/rss.xml",
            ]
        )
        #expect(!FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("communities/beta").path))
        let opml = String(
            decoding: try Data(contentsOf: fixture.output.appendingPathComponent("index.opml")),
            as: UTF8.self
        )
        #expect(!opml.contains("communities/beta"))
        #expect(opml.contains("communities/alpha"))
    }

    @Test func formatsNoLongerWrittenAreRemovedButForeignFilesStay() throws {
        var fixture = try fixtureWithTwoCommunities()
        _ = try fixture.build()
        try Data("keep me".utf8).write(to: fixture.output.appendingPathComponent("communities/beta/notes.txt"))
        fixture.configuration.formats = [.atom]
        let result = try fixture.build()
        #expect(result.summary.filesRemoved == 10)
        #expect(fixture.outputFiles().filter { $0.hasSuffix("rss.xml") || $0.hasSuffix("feed.json") }.isEmpty)
        #expect(fixture.outputFiles().contains("communities/beta/notes.txt"))
    }

    @Test func leftoverTemporaryFilesOfAKilledBuildAreCleanedUp() throws {
        let fixture = try fixtureWithTwoCommunities()
        _ = try fixture.build()
        let leftover = fixture.output.appendingPathComponent("all/.atom.xml.feedpub-tmp-999-1")
        try Data("half a feed".utf8).write(to: leftover)
        let result = try fixture.build()
        #expect(result.summary.leftoversRemoved == 1)
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
    }

    @Test func noTemporaryFilesRemainAfterABuild() throws {
        let fixture = try fixtureWithTwoCommunities()
        _ = try fixture.build()
        let all = FileManager.default.enumerator(atPath: fixture.output.path)?.allObjects as? [String] ?? []
        #expect(all.filter { $0.contains("feedpub-tmp") }.isEmpty)
    }

    @Test func aSecondBuildOnALockedFolderRefusesWithAClearMessage() throws {
        let fixture = try fixtureWithTwoCommunities()
        let folder = try OutputFolder(root: fixture.output.path)
        let lock = try folder.lock(wait: false)
        defer { withExtendedLifetime(lock) {} }
        #expect {
            _ = try fixture.build()
        } throws: { error in
            guard let error = error as? PublishError, case .output(let output) = error.reason else { return false }
            return output.reason.contains("another feedpub build") && output.reason.contains("pid \(getpid())")
        }
        #expect(fixture.outputFiles().isEmpty)
    }

    @Test func strictPublishesNothingWhenAnItemWouldBeRejected() throws {
        let fixture = try fixtureWithTwoCommunities()
        try fixture.write("broken.md", "---\ntitle: 'no date'\n---\n<p>x</p>\n")
        #expect {
            _ = try fixture.build(strict: true)
        } throws: { error in
            guard let error = error as? PublishError, case .strictRejected(let files) = error.reason else {
                return false
            }
            return error.step == .settleDuplicates && files.map(\.path) == ["broken.md"]
                && files[0].issues.map(\.description) == ["broken.md: date: is missing"]
        }
        #expect(fixture.outputFiles().isEmpty)
        let lenient = try fixture.build()
        #expect(lenient.summary.rejected == 1)
        #expect(lenient.summary.read == lenient.summary.published + lenient.summary.repaired + lenient.summary.rejected)
    }

    @Test func checkWritesNothing() throws {
        let fixture = try fixtureWithTwoCommunities()
        let result = try Publisher(options: fixture.options(checkOnly: true)).run()
        #expect(result.summary.published == 2)
        #expect(result.summary.dryRun)
        #expect(!FileManager.default.fileExists(atPath: fixture.output.path))
    }

    @Test func aSymbolicLinkPlantedInTheOutputIsNotWrittenThrough() throws {
        let fixture = try fixtureWithTwoCommunities()
        let elsewhere = try Fixtures.temporaryFolder("elsewhere")
        try FileManager.default.createDirectory(at: fixture.output, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: fixture.output.appendingPathComponent("topics"),
            withDestinationURL: elsewhere
        )
        #expect(throws: PublishError.self) { _ = try fixture.build() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
        // Nothing is renamed into place when any file fails.
        #expect(fixture.outputFiles().isEmpty)
    }

    @Test func outputPathsFoundOnDiskAreOnlyFeedpubsOwn() {
        for unsafe in [
            "topics/../../etc/rss.xml", "topics/../rss.xml", "/etc/rss.xml", "topics/ok/../rss.xml", "topics//rss.xml",
            "topics/.hidden/rss.xml", "topics/ok/.rss.xml", "topics/ok/rss.xml.feedpub-tmp-1", "", "topics/ok/",
            "topics/ok\u{0}/rss.xml", "topics/ök/rss.xml", "topics/a b/rss.xml",
        ] {
            #expect(OutputPath(parsing: unsafe) == nil, "\(unsafe)")
        }
        // Parsed back from their text, whatever their depth (sixteen folders at most).
        for depth in 0...17 {
            let text = (Array(repeating: "a", count: depth) + ["rss.xml"]).joined(separator: "/")
            #expect(OutputPath(parsing: text)?.description == (depth <= 16 ? text : nil), "\(depth) folders")
        }
        #expect(OutputPath(parsing: "topics/ok/rss.xml")?.folders == ["topics", "ok"])
        let layout = FeedLayout.standard
        #expect(OutputPath(parsing: "elsewhere/ok/rss.xml")?.feed(in: layout) == nil, "safe, but no feed's")
        #expect(OutputPath(parsing: "all/x/rss.xml")?.feed(in: layout) == nil)
        #expect(OutputPath(parsing: "topics/Not-A-Slug/rss.xml")?.feed(in: layout) == nil)
        #expect(OutputPath(parsing: "all/index.opml")?.feed(in: layout) == nil, "only feed files live in feed folders")
        #expect(OutputPath(parsing: "rss.xml")?.feed(in: layout) == nil)
        #expect(OutputPath(parsing: "topics/ok/rss.xml")?.description == "topics/ok/rss.xml")
        #expect(OutputPath(parsing: "index.opml") == .index)
    }

    @Test func everyFeedFileIsDerivedFromItsLocation() throws {
        let topic = try #require(Slug("himss-digital-health"))
        let hugo = try FeedLayout(site: "", files: FeedLayout.FileNames(rss: "index.xml"))
        #expect(OutputPath(.site, .rss, in: .standard).description == "all/rss.xml")
        #expect(OutputPath(.site, .rss, in: hugo).description == "index.xml")
        #expect(
            OutputPath(.community(topic), .atom, in: .standard).description
                == "communities/himss-digital-health/atom.xml"
        )
        #expect(OutputPath(.topic(topic), .json, in: .standard).description == "topics/himss-digital-health/feed.json")
        #expect(OutputPath(.topic(topic), .rss, in: hugo).description == "topics/himss-digital-health/index.xml")
        for layout in [FeedLayout.standard, hugo] {
            for location in [FeedLocation.site, .community(topic), .topic(topic)] {
                for format in FeedFormat.allCases {
                    let path = OutputPath(location, format, in: layout)
                    let read = try #require(OutputPath(parsing: path.description), "\(path) reads back")
                    #expect(read == path)
                    #expect(read.feed(in: layout)?.location == location && read.feed(in: layout)?.format == format)
                }
            }
        }
    }

    @Test func sameInputGivesTheSameBytesInAnotherFolder() throws {
        let fixture = try fixtureWithTwoCommunities()
        _ = try fixture.build()
        var copy = fixture.options()
        copy.outputFolder = try Fixtures.temporaryFolder("copy").path
        _ = try Publisher(options: copy).run()
        let other = URL(fileURLWithPath: copy.outputFolder)
        #expect(PublisherFixture.files(under: other) == fixture.outputFiles())
        for file in fixture.outputFiles() {
            #expect(
                try Data(contentsOf: other.appendingPathComponent(file))
                    == Data(contentsOf: fixture.output.appendingPathComponent(file))
            )
        }
    }
}
