import CuratedContent
import FeedModel
import FeedTestSupport
import FeedpubSystem
import Foundation
import Testing

@testable import FeedPublisher

/// Incremental builds: what the state lets a build skip, and that skipping never changes a byte of the output.
@Suite struct IncrementalBuildTests {
    func fixture(items: Int = 12) throws -> PublisherFixture {
        try PublisherFixture.withItems(items)
    }

    func expectSameAsColdBuild(_ fixture: PublisherFixture, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try fixture.expectSameAsColdBuild(sourceLocation: sourceLocation)
    }

    /// The text of the files a build reads waits in a spool in `.feedpub/` (not in memory) and the spool is gone
    /// when the build ends: its records are in the item log, from which the next build publishes the same bytes.
    @Test func theRecordSpoolBecomesTheItemLogAndIsRemoved() throws {
        let fixture = try PublisherFixture.withItems(30)
        _ = try fixture.build()
        let state = fixture.output.appendingPathComponent(".feedpub")
        #expect(try FileManager.default.contentsOfDirectory(atPath: state.path).sorted() == ["items", "lock", "state"])
        // Half the items edited: their new text comes from this build's spool, the rest from the log.
        for n in stride(from: 1, through: 30, by: 2) {
            try fixture.writeItem("item-\(n).md", id: "\(n)", title: "Edited \(n)", date: "2024-02-01T10:00:00Z")
        }
        _ = try fixture.build()
        try fixture.expectSameAsColdBuild()
        let titles = try ((fixture.json("all/feed.json")["items"] as? [[String: Any]]) ?? []).compactMap {
            $0["title"] as? String
        }
        #expect(titles.filter { $0.hasPrefix("Edited ") }.count == 15 && titles.count == 30)
        #expect(try FileManager.default.contentsOfDirectory(atPath: state.path).sorted() == ["items", "lock", "state"])
    }

    @Test func nothingChangedReadsNothingAndWritesNothing() throws {
        let fixture = try fixture()
        let first = try fixture.build()
        #expect(!first.inputsUnchanged)
        let second = try fixture.build()
        #expect(second.inputsUnchanged)
        #expect(second.summary.filesWritten == 0 && second.summary.filesUnchanged == first.summary.filesWritten)
        #expect(
            second.summary.read == 12 && second.summary.published == 12 && second.summary.feeds == first.summary.feeds
        )
        #expect(second.files.isEmpty, "no report asked for: the recorded outcomes are not even loaded")
    }

    @Test func aReportStillListsEveryIssueWhenNothingChanged() throws {
        var fixture = try fixture()
        try fixture.write("broken.md", "---\ntitle: 'No date'\n---\n<p>x</p>\n")
        try fixture.writeItem("copy.md", id: "3", title: "An older copy", date: "2023-01-01T10:00:00Z")
        let first = try fixture.build()
        var options = fixture.options()
        options.wantsFilesWhenUnchanged = true
        fixture.configuration = options.configuration
        let again = try Publisher(options: options).run()
        #expect(again.inputsUnchanged)
        #expect(again.files.count == 14)
        #expect(again.summary.rejected == 2)
        #expect(again.files.map(\.status) == first.files.map(\.status), "duplicate ids are settled again")
        #expect(again.issues.map(\.description) == first.issues.map(\.description))
        #expect(again.issues.count == 2 && again.issues.map(\.field) == ["date", "id"])
    }

    @Test func anEditedItemRewritesOnlyItsFeedsAndMatchesAColdBuild() throws {
        let fixture = try fixture()
        _ = try fixture.build()
        try fixture.writeItem(
            "item-5.md",
            id: "5",
            title: "Item 5, edited",
            date: "2024-01-05T10:00:00Z",
            community: "Alpha",
            topics: ["Topic 1", "Shared"]
        )
        let result = try fixture.build()
        #expect(!result.inputsUnchanged)
        // all, communities/alpha, topics/topic-1, topics/shared: 4 feeds × 3 formats.
        #expect(result.summary.filesWritten == 12)
        try expectSameAsColdBuild(fixture)
    }

    @Test func touchingAFileWithoutChangingItWritesNothing() throws {
        let fixture = try fixture()
        _ = try fixture.build()
        let path = fixture.content.appendingPathComponent("item-3.md").path
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: path)
        let result = try fixture.build()
        #expect(!result.inputsUnchanged)
        #expect(result.summary.filesWritten == 0)
        #expect(try fixture.build().inputsUnchanged)
    }

    @Test func addedAndRemovedItemsUpdateTheirFeeds() throws {
        let fixture = try fixture()
        _ = try fixture.build()
        try FileManager.default.removeItem(at: fixture.content.appendingPathComponent("item-3.md"))
        try FileManager.default.removeItem(at: fixture.content.appendingPathComponent("item-6.md"))
        try FileManager.default.removeItem(at: fixture.content.appendingPathComponent("item-9.md"))
        try FileManager.default.removeItem(at: fixture.content.appendingPathComponent("item-12.md"))
        try fixture.writeItem(
            "item-99.md",
            id: "99",
            title: "New",
            date: "2025-01-01T00:00:00Z",
            community: "Delta",
            topics: ["Brand New"]
        )
        let result = try fixture.build()
        #expect(result.removed.contains("communities/gamma/rss.xml"))
        #expect(fixture.outputFiles().contains("communities/delta/atom.xml"))
        try expectSameAsColdBuild(fixture)
    }

    @Test func aDuplicateIdsWinnerRemovedLetsTheOtherFileBePublished() throws {
        let fixture = try fixture(items: 2)
        try fixture.writeItem(
            "copy.md",
            id: "1",
            title: "Later copy",
            date: "2024-01-01T10:00:00Z",
            extra: "lastMod: '2024-06-01T00:00:00Z'"
        )
        let first = try fixture.build()
        #expect(first.summary.rejected == 1)
        try FileManager.default.removeItem(at: fixture.content.appendingPathComponent("copy.md"))
        let second = try fixture.build()
        #expect(second.summary.rejected == 0 && second.summary.published == 2)
        try expectSameAsColdBuild(fixture)
    }

    @Test func aChangedConfigurationRebuildsEverything() throws {
        var fixture = try fixture()
        _ = try fixture.build()
        fixture.configuration.limit = .newest(2)
        let result = try fixture.build()
        #expect(!result.inputsUnchanged)
        #expect(result.summary.filesWritten > 0)
        try expectSameAsColdBuild(fixture)
    }

    @Test(arguments: ["state", "items"])
    func aDamagedStateFileIsIgnored(_ name: String) throws {
        let fixture = try fixture()
        _ = try fixture.build()
        let path = fixture.output.appendingPathComponent(".feedpub/\(name)")
        let bytes = try Data(contentsOf: path)
        try bytes.prefix(bytes.count / 2).write(to: path)
        try fixture.writeItem(
            "item-1.md",
            id: "1",
            title: "Item 1, edited",
            date: "2024-01-01T10:00:00Z",
            community: "Alpha",
            topics: ["Topic 1", "Shared"]
        )
        _ = try fixture.build()
        try expectSameAsColdBuild(fixture)
        try Data("garbage".utf8).write(to: path)
        _ = try fixture.build()
        try expectSameAsColdBuild(fixture)
    }

    @Test func anOutputFileChangedOrDeletedBehindFeedpubsBackIsRestored() throws {
        let fixture = try fixture()
        _ = try fixture.build()
        try Data("<rss>tampered".utf8).write(to: fixture.output.appendingPathComponent("all/rss.xml"))
        try FileManager.default.removeItem(at: fixture.output.appendingPathComponent("topics/shared/feed.json"))
        let result = try fixture.build()
        #expect(result.summary.filesWritten == 2)
        try expectSameAsColdBuild(fixture)
    }

    /// The files about the feeds are restored too when no feed changed: then no document is rendered at all.
    @Test(arguments: [["index.opml"], ["index.html"], ["topics/shared/links.html"], ["index.opml", "all/links.html"]])
    func aFileAboutTheFeedsChangedOrDeletedIsRestoredWhenNoFeedChanged(_ paths: [String]) throws {
        let fixture = try fixture()
        _ = try fixture.build()
        for (number, path) in paths.enumerated() {
            let url = fixture.output.appendingPathComponent(path)
            if number == 0 { try FileManager.default.removeItem(at: url) } else { try Data("x".utf8).write(to: url) }
        }
        let result = try fixture.build()
        #expect(result.summary.filesWritten == paths.count, "\(paths)")
        try expectSameAsColdBuild(fixture)
    }

    @Test func manyEditsKeepTheStateUsableAndTheOutputExact() throws {
        let fixture = try fixture()
        _ = try fixture.build()
        for round in 1...15 {
            let n = round % 12 + 1
            try fixture.writeItem(
                "item-\(n).md",
                id: "\(n)",
                title: "Item \(n), round \(round)",
                date: String(format: "2024-01-%02dT10:00:00Z", n),
                community: "Alpha",
                topics: ["Topic \(round % 5)"]
            )
            let result = try fixture.build()
            #expect(!result.inputsUnchanged)
        }
        try expectSameAsColdBuild(fixture)
        #expect(try fixture.build().inputsUnchanged)
    }

    /// Another build of feedpub whose writers print other bytes: modelled by an output whose bytes differ from what
    /// this code renders while its stamp is the one the state recorded (the state is rewritten to record it), as the
    /// old code left it.
    @Test func anotherBuildOfTheCodeRewritesWhatItsWritersChanged() throws {
        let fixture = try fixture()
        var options = fixture.options()
        options.codeIdentity = "build-id:old"
        _ = try Publisher(options: options).run()
        let file = fixture.output.appendingPathComponent("all/rss.xml")
        let rendered = try Data(contentsOf: file)
        let old = Data(
            String(decoding: rendered, as: UTF8.self).replacingOccurrences(of: "rssboard", with: "RSSBOARD").utf8
        )
        #expect(old != rendered && old.count == rendered.count)
        try old.write(to: file)
        let stateFolder = try Directory(fixture.output.appendingPathComponent(".feedpub").path)
        let fingerprint = BuildFingerprint.of(options.configuration, code: options.codeIdentity)
        guard case .current(var state) = BuildState.load(from: stateFolder, fingerprint: fingerprint),
            let status = FileSystem.status(of: file.path)
        else {
            Issue.record("no state to rewrite")
            return
        }
        state.outputs["all/rss.xml"]?.stamp = status.stamp
        try state.save(in: stateFolder, durably: false)

        // Control: for the code that wrote it, the file is as written (same size, same time to the nanosecond).
        #expect(try Publisher(options: options).run().inputsUnchanged)
        #expect(try Data(contentsOf: file) == old)

        options.codeIdentity = "build-id:new"
        let result = try Publisher(options: options).run()
        #expect(!result.inputsUnchanged)
        #expect(result.summary.filesWritten == 1, "only the file whose bytes differ is written")
        #expect(try Data(contentsOf: file) == rendered)
        try expectSameAsColdBuild(fixture)
    }
}
