import CuratedContent
import FeedModel
import FeedTestSupport
import FeedpubSystem
import Foundation
import Synchronization
import Testing

@testable import FeedPublisher

/// Builds that keep ``BuildMemory`` between them (`feedpub serve --watch`) publish the bytes of builds from the disk.
@Suite struct BuildMemoryTests {
    /// Builds with `memory` after each change it was told of.
    private func build(_ fixture: PublisherFixture, memory: BuildMemory) throws -> BuildResult {
        var options = fixture.options()
        options.memory = memory
        return try Publisher(options: options).run()
    }

    /// One random change to the fixture's content: the names a watcher would give.
    private func change(_ fixture: PublisherFixture, round: Int, using random: inout SplitMix) throws -> Set<String> {
        let n = Int.random(in: 1...50, using: &random)
        let name = "item-\(n).md"
        let path = fixture.content.appendingPathComponent(name).path
        switch Int.random(in: 0..<8, using: &random) {
        case 6, 7:
            // A title (and now and then lastMod) edited, the rest as the fixture wrote it: when it was not changed
            // before, the same plan; the feeds are made again from the last ones, their `updated` from their items.
            let date = String(format: "2024-01-%02dT10:00:00Z", (n - 1) % 28 + 1)
            var text = PublisherFixture.itemText(
                id: "\(n)",
                title: "Item \(n), retitled in round \(round)",
                date: date,
                community: n % 3 == 0 ? "Gamma" : (n % 2 == 0 ? "Beta" : "Alpha"),
                topics: ["Topic \(n % 4)", "Shared"]
            )
            if Bool.random(using: &random) {
                text = text.replacingOccurrences(
                    of: "lastMod: '\(date)'",
                    with: "lastMod: '2024-06-0\(round % 9 + 1)T10:00:00Z'"
                )
            }
            try fixture.write(name, text)
        case 0, 1:
            try fixture.writeItem(
                name,
                id: "\(n)",
                title: "Item \(n), round \(round)",
                date: String(format: "2024-02-%02dT10:00:00Z", Int.random(in: 1...28, using: &random)),
                community: ["Alpha", "Beta", "Delta"].randomElement(using: &random)!,
                topics: ["Topic \(Int.random(in: 0..<6, using: &random))"]
            )
        case 2:
            try? FileManager.default.removeItem(atPath: path)
        case 3:
            // Another file with the same id: one of the two is rejected.
            let copy = "copy-\(n).md"
            try fixture.writeItem(copy, id: "\(n)", title: "Copy \(n)", date: "2024-03-01T10:00:00Z")
            return [copy]
        case 4:
            let moved = "moved/item-\(n).md"
            guard FileManager.default.fileExists(atPath: path) else { return [] }
            try FileManager.default.createDirectory(
                at: fixture.content.appendingPathComponent("moved"),
                withIntermediateDirectories: true
            )
            try? FileManager.default.removeItem(atPath: fixture.content.appendingPathComponent(moved).path)
            try FileManager.default.moveItem(atPath: path, toPath: fixture.content.appendingPathComponent(moved).path)
            return [name, moved]
        default:
            try fixture.write(name, "---\ntitle: 'No date'\n---\n<p>broken</p>\n")
        }
        return [name]
    }

    @Test func buildsWithMemoryPublishWhatColdBuildsDo() throws {
        let fixture = try PublisherFixture.withItems(40)
        // The folder a change makes, before the watcher starts: it scans anyway.
        try FileManager.default.createDirectory(
            at: fixture.content.appendingPathComponent("moved"),
            withIntermediateDirectories: true
        )
        let memory = BuildMemory(watched: true)
        memory.forgetListing()
        _ = try build(fixture, memory: memory)
        var random = SplitMix(seed: 7)
        for round in 0..<16 {
            var changes = FileChanges()
            for _ in 0...Int.random(in: 0..<3, using: &random) {
                changes.paths.formUnion(try change(fixture, round: round, using: &random))
            }
            memory.note(changes)
            let result = try build(fixture, memory: memory)
            try fixture.expectSameAsColdBuild()
            // The state saved is the disk's: a build from the disk finds nothing changed (now and then only: it may
            // save the state again, and the next build then loads it instead of using what it kept).
            guard round % 5 == 4 else { continue }
            let again = try fixture.build()
            #expect(again.inputsUnchanged, "round \(round)")
            #expect(again.summary.rejected == result.summary.rejected && again.summary.read == result.summary.read)
        }
    }

    /// An edit that plans the same feeds (a title, a lastMod) makes them again from the last ones: the same bytes
    /// as a cold build, each feed's `updated` from its items — and each archive page's, with archives.
    @Test(arguments: [nil, 3])
    func editsThatKeepThePlanPublishWhatColdBuildsDo(archive: Int?) throws {
        var fixture = try PublisherFixture.withItems(20)
        if let archive {
            fixture.configuration.limit = .newest(2)
            fixture.configuration.archive = archive
        }
        let memory = BuildMemory(watched: true)
        memory.forgetListing()
        _ = try build(fixture, memory: memory)
        for (round, n) in [5, 6, 5, 12].enumerated() {
            let date = String(format: "2024-01-%02dT10:00:00Z", (n - 1) % 28 + 1)
            let text = PublisherFixture.itemText(
                id: "\(n)",
                title: "Item \(n), retitled in round \(round)",
                date: date,
                community: n % 3 == 0 ? "Gamma" : (n % 2 == 0 ? "Beta" : "Alpha"),
                topics: ["Topic \(n % 4)", "Shared"]
            )
            // Rounds 1 and 3 also move lastMod past every other item's: the feeds' updated follow.
            let lastMod = round % 2 == 1 ? "2024-06-0\(round)T10:00:00Z" : date
            try fixture.write(
                "item-\(n).md",
                text.replacingOccurrences(of: "lastMod: '\(date)'", with: "lastMod: '\(lastMod)'")
            )
            var changes = FileChanges()
            changes.paths = ["item-\(n).md"]
            memory.note(changes)
            _ = try build(fixture, memory: memory)
            try fixture.expectSameAsColdBuild()
        }
    }

    /// An edit that moves an item (its date, its community, its topics) with no file added or removed plans the
    /// feeds again: the same bytes as a cold build.
    @Test func editsThatMoveAnItemPlanAgain() throws {
        let fixture = try PublisherFixture.withItems(20)
        let memory = BuildMemory(watched: true)
        memory.forgetListing()
        _ = try build(fixture, memory: memory)
        let edits: [(date: String, community: String, topics: [String])] = [
            ("2024-05-01T10:00:00Z", "Alpha", ["Topic 1", "Shared"]),  // newest now: first in every feed
            ("2024-05-01T10:00:00Z", "Delta", ["Topic 1", "Shared"]),  // a community of its own
            ("2024-05-01T10:00:00Z", "Delta", ["Topic 9"]),  // a topic of its own
        ]
        for edit in edits {
            try fixture.writeItem(
                "item-7.md",
                id: "7",
                title: "Item 7",
                date: edit.date,
                community: edit.community,
                topics: edit.topics
            )
            var changes = FileChanges()
            changes.paths = ["item-7.md"]
            memory.note(changes)
            _ = try build(fixture, memory: memory)
            try fixture.expectSameAsColdBuild()
        }
    }

    /// Which of two files with one id wins depends on their dates: an edit of one of them settles them again.
    @Test func anEditOfAFileSharingItsIdSettlesTheIdAgain() throws {
        let fixture = try PublisherFixture.withItems(10)
        try fixture.writeItem("copy.md", id: "3", title: "Item 3", date: "2024-03-01T10:00:00Z")
        let memory = BuildMemory(watched: true)
        memory.forgetListing()
        let first = try build(fixture, memory: memory)
        #expect(first.files.first { $0.path == "item-3.md" }?.status == .rejected)
        // Now item-3.md is the later version of the article: it holds the id, and copy.md loses it.
        try fixture.writeItem("item-3.md", id: "3", title: "Item 3", date: "2024-04-01T10:00:00Z")
        var changes = FileChanges()
        changes.paths = ["item-3.md"]
        memory.note(changes)
        let second = try build(fixture, memory: memory)
        #expect(second.files.first { $0.path == "copy.md" }?.status == .rejected)
        try fixture.expectSameAsColdBuild()
    }

    @Test func aBuildOfAnotherProcessIsLoadedNotRemembered() throws {
        let fixture = try PublisherFixture.withItems(20)
        let memory = BuildMemory(watched: true)
        memory.forgetListing()
        _ = try build(fixture, memory: memory)
        // Another process edits and builds: this one's kept state is no longer the file's.
        try fixture.writeItem("item-3.md", id: "3", title: "Edited elsewhere", date: "2024-02-03T10:00:00Z")
        _ = try fixture.build()
        try fixture.writeItem("item-4.md", id: "4", title: "Edited here", date: "2024-02-04T10:00:00Z")
        var changes = FileChanges()
        changes.paths = ["item-3.md", "item-4.md"]
        memory.note(changes)
        _ = try build(fixture, memory: memory)
        try fixture.expectSameAsColdBuild()
        let titles = try ((fixture.json("all/feed.json")["items"] as? [[String: Any]]) ?? []).compactMap {
            $0["title"] as? String
        }
        #expect(titles.contains("Edited elsewhere") && titles.contains("Edited here"))
    }

    /// `feedpub serve` serves a build's files as soon as they are committed: they are the ones its state then names.
    @Test func theFilesToldBeforeTheStateIsSavedAreTheOnesItNames() throws {
        let fixture = try PublisherFixture.withItems(10)
        let told = Mutex<[PublishedFiles]>([])
        var options = fixture.options()
        options.onPublished = { files in told.withLock { $0.append(files) } }
        _ = try Publisher(options: options).run()
        try fixture.writeItem("item-3.md", id: "3", title: "Edited", date: "2024-02-03T10:00:00Z")
        _ = try Publisher(options: options).run()
        _ = try Publisher(options: options).run()  // nothing changed: nothing told
        let published = told.withLock { $0 }
        #expect(published.count == 2)
        let saved = PublishedFiles.load(root: fixture.output.path, layout: fixture.configuration.layout)
        #expect(published.last?.files == saved.files)
        #expect(published.last?.stateVersion != saved.stateVersion, "told before the state was replaced")
    }

    @Test func withoutAWatcherEveryBuildScans() throws {
        let fixture = try PublisherFixture.withItems(10)
        let memory = BuildMemory(watched: false)
        _ = try build(fixture, memory: memory)
        // Nobody notes this change: the scan finds it.
        try fixture.writeItem("item-11.md", id: "11", title: "Unannounced", date: "2024-02-11T10:00:00Z")
        let result = try build(fixture, memory: memory)
        #expect(result.summary.read == 11)
        try fixture.expectSameAsColdBuild()
    }

    /// The digests of the last build's items are used for the same boxes only: a digest known for an item stands
    /// for it (here a wrong one, to see it used), an item changed since is digested again.
    @Test func anItemDigestIsKnownByItsBoxOnly() {
        let kept = FeedItem(
            id: "1",
            title: "One",
            url: "https://example.org/1/",
            published: Timestamp(seconds: 1),
            contentHTML: "<p>1</p>"
        )
        var changed = kept
        changed.title = "Changed"
        var feed = Feed(
            title: "Site",
            description: "",
            homePageURL: "https://example.org/",
            folderURL: "https://example.org/all/"
        )
        feed.addItem(kept)
        var other = Feed(
            title: "Other",
            description: "",
            homePageURL: "https://example.org/",
            folderURL: "https://example.org/other/"
        )
        other.addItem(changed)
        let feeds = FeedSet(site: feed, communities: [other], topics: [])
        let elsewhere = FeedItem(
            id: "2",
            title: "Two",
            url: "https://example.org/2/",
            published: Timestamp(seconds: 2),
            contentHTML: "<p>2</p>"
        )
        let table = FeedFingerprint.itemDigests(feeds, known: [kept.identity: 42, elsewhere.identity: 7])
        #expect(table.count == 2)  // the feeds' items only
        #expect(table[kept.identity] == 42)
        #expect(table[changed.identity] == FeedFingerprint.digest(of: changed))
    }
}
