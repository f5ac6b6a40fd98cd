import CuratedContent
import FeedModel
import FeedTestSupport
import FeedpubSystem
import Foundation
import Synchronization
import Testing

@testable import FeedPublisher

/// Issue 9, "Trust on disk": each numbered case of the issue, as a test named after it.
///
/// feedpub never deletes or reads outside its folders, never wipes feeds by accident, never misses an edit and never
/// trusts damaged state; after every case, an incremental build equals a cold build of the same tree.
///
/// The cases that need file modes to bite (a folder without its x bit, a file made unreadable) run in
/// `.ci/trust-cases`, under `setpriv` without the capabilities that let root ignore modes.
@Suite struct TrustOnDiskTests {
    // MARK: Output folder

    @Test func case1_aLinkWhereAFeedFolderBelongsStopsTheBuildAndNothingIsRemovedThroughIt() throws {
        let fixture = try PublisherFixture.withItems(12)
        _ = try fixture.build()
        let outside = try Fixtures.temporaryFolder("outside")
        let victim = outside.appendingPathComponent("victim")
        try FileManager.default.createDirectory(at: victim, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: victim.appendingPathComponent("rss.xml"))
        try Data("keep".utf8).write(to: outside.appendingPathComponent(".rss.xml.feedpub-tmp-1-2"))
        let outsideBefore = Self.contents(of: outside)
        // Something changed, so that the build would write and remove.
        try fixture.writeItem(
            "item-13.md",
            id: "13",
            title: "Item 13",
            date: "2024-02-01T10:00:00Z",
            topics: ["Topic 1"]
        )
        let before = Self.contents(of: fixture.output)
        let links: [(path: String, target: String)] = [
            ("topics/evil-slug", victim.path),  // out of the folder
            ("topics/old-alias", "topic-1"),  // an alias of a real feed folder
            ("communities/zz-link", outside.path),
        ]
        for link in links {
            let url = fixture.output.appendingPathComponent(link.path)
            try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: link.target)
            let error = try #require(Self.failure { try fixture.build() })
            #expect(error.step == .lock)
            #expect(error.description.contains(link.path) && error.description.contains("symbolic link"), "\(error)")
            try FileManager.default.removeItem(at: url)
            #expect(Self.contents(of: fixture.output) == before, "\(link.path): nothing in the output changed")
            #expect(Self.contents(of: outside) == outsideBefore, "\(link.path): nothing outside changed")
        }
        // The top folders themselves: `all`, `communities`, `topics` replaced by links out.
        for top in ["all", "communities", "topics"] {
            let real = fixture.output.appendingPathComponent(top)
            let aside = fixture.output.deletingLastPathComponent().appendingPathComponent("aside-\(top)")
            try FileManager.default.moveItem(at: real, to: aside)
            try FileManager.default.createSymbolicLink(atPath: real.path, withDestinationPath: outside.path)
            let error = try #require(Self.failure { try fixture.build() })
            #expect(error.description.contains("\(top)") && error.description.contains("symbolic link"), "\(error)")
            #expect(Self.contents(of: outside) == outsideBefore, "\(top) → outside: its temporaries are not cleaned")
            try FileManager.default.removeItem(at: real)
            try FileManager.default.moveItem(at: aside, to: real)
        }
        #expect(Self.contents(of: fixture.output) == before)
        let result = try fixture.build()
        #expect(result.summary.filesWritten > 0)
        try fixture.expectSameAsColdBuild()
        #expect(try fixture.build().inputsUnchanged)
    }

    @Test func case2_filesFeedpubNeverWroteAreNeverRemoved() throws {
        let fixture = try PublisherFixture.withItems(12)
        _ = try fixture.build()
        let handMade = ["topics/mine/rss.xml", "all/index.opml", "all/notes.txt", "topics/topic-1/extra.html"]
        for path in handMade {
            let url = fixture.output.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data("mine".utf8).write(to: url)
        }
        // A feed feedpub wrote, edited by hand since: when its topic goes, it stays, and the build says so.
        let edited = fixture.output.appendingPathComponent("topics/topic-1/atom.xml")
        try Data("edited by hand".utf8).write(to: edited)
        // Topic 1 loses its items (1, 5, 9): its feeds are stale.
        for n in [1, 5, 9] {
            try fixture.writeItem("item-\(n).md", id: "\(n)", title: "Item \(n)", date: "2024-01-0\(n)T10:00:00Z")
        }
        var notices: [String] = []
        let result = try Publisher(options: fixture.options()).run(notice: { notices.append($0) })
        #expect(
            result.removed.sorted() == [
                "topics/topic-1/feed.json", "topics/topic-1/links.html", "topics/topic-1/rss.xml",
            ]
        )
        for path in handMade {
            #expect(try Data(contentsOf: fixture.output.appendingPathComponent(path)) == Data("mine".utf8), "\(path)")
        }
        #expect(try Data(contentsOf: edited) == Data("edited by hand".utf8))
        #expect(
            notices.contains { $0.contains("left in place") && $0.contains("topics/topic-1/atom.xml") },
            "\(notices)"
        )
        // No longer its own: later builds leave it too, and say nothing more.
        try fixture.writeItem("item-2.md", id: "2", title: "Item 2, again", date: "2024-01-02T10:00:00Z")
        notices = []
        #expect(try Publisher(options: fixture.options()).run(notice: { notices.append($0) }).removed.isEmpty)
        #expect(notices.isEmpty, "\(notices)")
        for path in handMade + ["topics/topic-1/atom.xml"] {
            try FileManager.default.removeItem(at: fixture.output.appendingPathComponent(path))
        }
        try FileManager.default.removeItem(at: fixture.output.appendingPathComponent("topics/mine"))
        try FileManager.default.removeItem(at: fixture.output.appendingPathComponent("topics/topic-1"))
        try fixture.expectSameAsColdBuild()
    }

    @Test func case3_everyTemporaryFeedpubCanLeaveIsRemovedByTheNextBuild() throws {
        let fixture = try PublisherFixture.withItems(12)
        _ = try fixture.build()
        let leftovers = [
            ".feedpub/state.feedpub-tmp-4242", ".feedpub/items.feedpub-tmp-4242", ".index.opml.feedpub-tmp-4242-0",
            "all/.rss.xml.feedpub-tmp-4242-1", "topics/topic-1/.atom.xml.feedpub-tmp-4242-2",
            "communities/alpha/.feed.json.feedpub-tmp-4242-3",
        ]
        for unchanged in [true, false] {
            for path in leftovers { try Data("partial".utf8).write(to: fixture.output.appendingPathComponent(path)) }
            if !unchanged {
                try fixture.writeItem("item-2.md", id: "2", title: "Item 2 \(unchanged)", date: "2024-01-02T10:00:00Z")
            }
            let result = try fixture.build()
            #expect(result.inputsUnchanged == unchanged)
            #expect(result.summary.leftoversRemoved == leftovers.count)
            #expect(Self.temporaries(under: fixture.output).isEmpty)
        }
        try fixture.expectSameAsColdBuild()
    }

    /// A stop request (what SIGINT, SIGTERM and SIGHUP become) at every safe point of a build in turn: before the
    /// commit, the build stops with the published feeds and the state as they were and no temporary file left; once
    /// renaming has begun, it finishes.
    @Test func case3_aStopRequestAtAnySafePointLeavesNoTemporaryAndTheFeedsAsTheyWere() throws {
        let fixture = try PublisherFixture.withItems(12)
        _ = try fixture.build()
        try fixture.writeItem("item-2.md", id: "2", title: "Item 2, edited", date: "2024-01-02T10:00:00Z")
        try fixture.writeItem("item-13.md", id: "13", title: "Item 13", date: "2024-02-01T10:00:00Z")
        let before = Self.contents(of: fixture.output)
        let stateBefore = Self.contents(of: fixture.output.appendingPathComponent(".feedpub"))
        var stoppedIn: Set<BuildStep> = []
        var completed = false
        for point in 1...400 {
            let asked = Atomic(0)
            var options = fixture.options()
            options.durable = true
            options.stopRequest = { asked.add(1, ordering: .relaxed).newValue >= point ? Signals.terminate : nil }
            do {
                _ = try Publisher(options: options).run()
                completed = true
                break
            } catch {
                guard case .interrupted(let signal) = error.reason else {
                    Issue.record("stop at point \(point): \(error)")
                    return
                }
                #expect(signal == Signals.terminate)
                stoppedIn.insert(error.step)
                #expect(Self.contents(of: fixture.output) == before, "stopped in \(error.step)")
                #expect(Self.contents(of: fixture.output.appendingPathComponent(".feedpub")) == stateBefore)
                #expect(Self.temporaries(under: fixture.output).isEmpty, "stopped in \(error.step)")
            }
        }
        #expect(completed)
        #expect(stoppedIn.isSuperset(of: [.lock, .scan, .loadState, .read, .render, .stage]), "\(stoppedIn)")
        #expect(Self.temporaries(under: fixture.output).isEmpty)
        try fixture.expectSameAsColdBuild()
    }

    @Test func case4_aRenameFailingMidCommitSaysWhatIsNewAndWhatIsOldAndTheNextBuildHealsIt() throws {
        let fixture = try PublisherFixture.withItems(12)
        _ = try fixture.build()
        // Item 1 is in all/, communities/alpha/, topics/topic-1/ and topics/shared/: all four change.
        try fixture.writeItem(
            "item-1.md",
            id: "1",
            title: "Item 1, edited",
            date: "2024-01-01T10:00:00Z",
            community: "Alpha",
            topics: ["Topic 1", "Shared"]
        )
        // A rename over a folder that is not empty fails, as over an immutable file (.ci/disk-faults does that).
        let blocker = fixture.output.appendingPathComponent("communities/alpha/rss.xml")
        try FileManager.default.removeItem(at: blocker)
        try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: false)
        try Data("x".utf8).write(to: blocker.appendingPathComponent("keep"))
        let error = try #require(Self.failure { try fixture.build() })
        guard case .commitIncomplete(_, let renamed, let notRenamed) = error.reason else {
            Issue.record("not a commit failure: \(error)")
            return
        }
        #expect(error.step == .commit && error.publishedSome)
        #expect(renamed.contains("all/rss.xml") && renamed.contains("all/atom.xml"), "\(renamed)")
        #expect(notRenamed.contains("communities/alpha/rss.xml") && notRenamed.contains("topics/shared/rss.xml"))
        #expect(Set(renamed).isDisjoint(with: notRenamed))
        #expect(error.description.contains("new (") && error.description.contains("still old ("), "\(error)")
        #expect(try fixture.itemIDs("all/feed.json").count == 12)
        #expect(Self.temporaries(under: fixture.output).isEmpty)
        try FileManager.default.removeItem(at: blocker)
        let healed = try fixture.build()
        #expect(healed.summary.filesWritten == notRenamed.count, "the rest, the blocked file among them")
        try fixture.expectSameAsColdBuild()
    }

    @Test func case4_feedsPublishedButTheStateNotSavedIsItsOwnFailureAndTheNextBuildHealsIt() throws {
        let fixture = try PublisherFixture.withItems(12)
        _ = try fixture.build()
        try fixture.writeItem("item-2.md", id: "2", title: "Item 2, edited", date: "2024-01-02T10:00:00Z")
        // The state cannot be renamed into place (a disk full does the same: .ci/disk-faults).
        let state = fixture.output.appendingPathComponent(".feedpub/state")
        let saved = try Data(contentsOf: state)
        try FileManager.default.removeItem(at: state)
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: false)
        try Data("x".utf8).write(to: state.appendingPathComponent("keep"))
        let error = try #require(Self.failure { try fixture.build() })
        guard case .stateNotSaved(_, let published) = error.reason else {
            Issue.record("not a state failure: \(error)")
            return
        }
        #expect(error.step == .saveState && error.publishedSome && published > 0)
        #expect(error.description.contains("the feeds were published"), "\(error)")
        let titles = try fixture.json("all/feed.json")["items"] as? [[String: Any]] ?? []
        #expect(titles.contains { $0["title"] as? String == "Item 2, edited" }, "the feeds are the new ones")
        #expect(Self.temporaries(under: fixture.output).isEmpty)
        try FileManager.default.removeItem(at: state)
        try saved.write(to: state)
        #expect(try fixture.build().summary.filesWritten == 0, "the feeds were right: only the state is saved")
        #expect(try fixture.build().inputsUnchanged)
        try fixture.expectSameAsColdBuild()
    }

    @Test func case5_anEmptyContentFolderPublishesNothingUnlessRemovalIsAllowed() throws {
        let fixture = try PublisherFixture.withItems(12)
        _ = try fixture.build()
        let before = Self.contents(of: fixture.output)
        let aside = fixture.content.deletingLastPathComponent().appendingPathComponent("content-aside")
        try FileManager.default.moveItem(at: fixture.content, to: aside)
        try FileManager.default.createDirectory(at: fixture.content, withIntermediateDirectories: false)
        let error = try #require(Self.failure { try fixture.build() })
        guard case .removalRefused(let refusal) = error.reason else {
            Issue.record("not refused: \(error)")
            return
        }
        #expect(refusal.noReadableItem && refusal.published == 9 && refusal.found.read == 0)
        #expect(error.description.contains("nothing was published"), "\(error)")
        #expect(Self.contents(of: fixture.output) == before)
        // Every file unreadable (links out of the folder, refused) is no better than none.
        for n in 1...12 {
            try FileManager.default.createSymbolicLink(
                atPath: fixture.content.appendingPathComponent("item-\(n).md").path,
                withDestinationPath: aside.appendingPathComponent("item-\(n).md").path
            )
        }
        let unreadable = try #require(Self.failure { try fixture.build() })
        guard case .removalRefused(let all) = unreadable.reason, all.noReadableItem else {
            Issue.record("not refused: \(unreadable)")
            return
        }
        #expect(all.found.read == 12 && all.found.rejected == 12)
        #expect(all.files.count == 12 && all.files.allSatisfy { $0.issues.first?.message.contains("outside") == true })
        #expect(Self.contents(of: fixture.output) == before)
        // --allow-removal: the empty site is published, and every feed of the last build removed.
        var options = fixture.options()
        options.allowsRemoval = true
        let allowed = try Publisher(options: options).run()
        #expect(allowed.summary.filesRemoved > 0)
        try fixture.expectSameAsColdBuild()
    }

    @Test func case5_removingMoreThanTheSetShareOfTheFeedsIsRefused() throws {
        let fixture = try PublisherFixture.withItems(12)
        _ = try fixture.build()
        let before = Self.contents(of: fixture.output)
        // Only items in Alpha (1, 5, 7, 11) stay: all, alpha, topic-1, topic-3, shared of 9 feeds — 4 removed.
        // Then items 7 and 11 go too: topic-3 goes as well — 5 of 9 removed, more than half.
        for n in [2, 3, 4, 6, 8, 9, 10, 12, 7, 11] {
            try FileManager.default.removeItem(at: fixture.content.appendingPathComponent("item-\(n).md"))
        }
        let error = try #require(Self.failure { try fixture.build() })
        guard case .removalRefused(let refusal) = error.reason, !refusal.noReadableItem else {
            Issue.record("not refused: \(error)")
            return
        }
        #expect(refusal.removing == 5 && refusal.published == 9 && refusal.limit == 0.5)
        #expect(error.description.contains("more than 50 %"), "\(error)")
        #expect(Self.contents(of: fixture.output) == before)
        var options = fixture.options()
        options.maximumRemovedShare = 0.6
        #expect(
            try Publisher(options: options).run().summary.filesRemoved == 5 * 4,
            "5 feeds, 3 formats and links.html"
        )
        try fixture.expectSameAsColdBuild()
    }

    // MARK: Content folder

    /// The link is resolved once, when the folder is listed, to a file beneath the folder; the read opens that
    /// file, never the link again, and refuses any link on the way.
    @Test func case6_aLinkFlippedAfterTheListingNeverLeadsOutside() throws {
        let root = try Fixtures.temporaryFolder("race")
        let content = root.appendingPathComponent("c")
        let outside = root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(
            at: content.appendingPathComponent("decoy"),
            withIntermediateDirectories: true
        )
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data(PublisherFixture.itemText(id: "decoy", title: "Decoy", date: "2024-03-01T10:00:00Z").utf8)
            .write(to: content.appendingPathComponent("decoy/real.md"))
        try Data(PublisherFixture.itemText(id: "secret", title: "SECRET", date: "2024-03-01T10:00:00Z").utf8)
            .write(to: outside.appendingPathComponent("secret.md"))
        let leak = content.appendingPathComponent("leak.md")
        try FileManager.default.createSymbolicLink(atPath: leak.path, withDestinationPath: "decoy/real.md")
        let scanner = ContentScanner(root: content.path)
        let folder = try scanner.open()
        let files = try scanner.scan(folder)
        let listed = try #require(files.first { $0.path == "leak.md" })
        // Flipped to the outside file after the listing.
        try FileManager.default.removeItem(at: leak)
        try FileManager.default.createSymbolicLink(
            atPath: leak.path,
            withDestinationPath: outside.appendingPathComponent("secret.md").path
        )
        let reader = ContentReader(settings: PublisherFixture.site.contentSettings)
        let outcome = reader.read(listed, in: folder)
        #expect(outcome.item?.title == "Decoy")
        // A folder on the way swapped for a link out: refused, not followed.
        let real = try #require(files.first { $0.path == "decoy/real.md" })
        try FileManager.default.moveItem(
            at: content.appendingPathComponent("decoy"),
            to: root.appendingPathComponent("decoy-moved")
        )
        try FileManager.default.createSymbolicLink(
            atPath: content.appendingPathComponent("decoy").path,
            withDestinationPath: outside.path
        )
        try FileManager.default.moveItem(
            at: outside.appendingPathComponent("secret.md"),
            to: outside.appendingPathComponent("real.md")
        )
        let swapped = reader.read(real, in: folder)
        #expect(swapped.item == nil)
        #expect(swapped.issues.first?.message.contains("symbolic link") == true, "\(swapped.issues)")
    }

    /// The race the issue ran: `c/leak.md` flipped between an inside decoy and an outside file while builds run.
    @Test func case6_aLinkFlippingDuringBuildsNeverPublishesTheOutsideFile() throws {
        var fixture = try PublisherFixture.withItems(4)
        fixture.configuration.limit = .all
        let outside = try Fixtures.temporaryFolder("race-outside")
        try Data(PublisherFixture.itemText(id: "secret", title: "SECRET", date: "2024-03-01T10:00:00Z").utf8)
            .write(to: outside.appendingPathComponent("secret.md"))
        try fixture.writeItem("decoy/real.md", id: "decoy", title: "Decoy", date: "2024-03-01T10:00:00Z")
        let leak = fixture.content.appendingPathComponent("leak.md").path
        let staging = fixture.content.appendingPathComponent(".flip").path
        try FileManager.default.createSymbolicLink(atPath: leak, withDestinationPath: "decoy/real.md")
        let stop = Atomic(false)
        let flipper = Thread {
            var out = false
            while !stop.load(ordering: .relaxed) {
                out.toggle()
                try? FileManager.default.removeItem(atPath: staging)
                try? FileManager.default.createSymbolicLink(
                    atPath: staging,
                    withDestinationPath: out ? outside.appendingPathComponent("secret.md").path : "decoy/real.md"
                )
                _ = rename(staging, leak)
            }
        }
        flipper.start()
        defer { stop.store(true, ordering: .relaxed) }
        for build in 0..<30 {
            try fixture.writeItem("item-1.md", id: "1", title: "Item 1 \(build)", date: "2024-01-01T10:00:00Z")
            _ = try? fixture.build()
            for file in fixture.outputFiles() {
                let bytes = try Data(contentsOf: fixture.output.appendingPathComponent(file))
                #expect(!String(decoding: bytes, as: UTF8.self).contains("SECRET"), "build \(build): \(file)")
            }
        }
    }

    @Test func case7_namesThatAreNotUTF8AreReadAndFIFOsDevicesAndFolderLinksAreCountedAsSkipped() throws {
        let fixture = try PublisherFixture.withItems(3)
        try fixture.writeItem("plain.md", id: "latin1", title: "Latin-1", date: "2024-03-01T10:00:00Z")
        let outside = try Fixtures.temporaryFolder("skipped-outside")
        let script = """
            set -e
            mv plain.md "$(printf 'latin1-\\351.md')"
            mkdir "$(printf 'caf\\351')"
            for n in 1 2 3 4 5; do sed "s/^id: .*/id: cafe-$n/" "$(printf 'latin1-\\351.md')" > "$(printf 'caf\\351')/item-$n.md"; done
            mkfifo pipe.md
            ln -s '\(outside.path)' linked-folder
            if [ "$(id -u)" = 0 ]; then mknod device.md c 1 3; fi
            """
        let made = try ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: fixture.content)
        #expect(made.status == 0, "\(made.stderr)")
        var options = fixture.options()
        options.wantsFilesWhenUnchanged = true
        let result = try Publisher(options: options).run()
        let summary = result.summary
        #expect(summary.read == summary.published + summary.repaired + summary.rejected + summary.skipped)
        #expect(summary.published == 3 + 6)
        let device = FileManager.default.fileExists(atPath: fixture.content.appendingPathComponent("device.md").path)
        #expect(summary.skipped == (device ? 3 : 2))
        let byPath = Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, $0) })
        #expect(byPath["latin1-\\xE9.md"]?.status == .published, "\(byPath.keys.sorted())")
        #expect((1...5).allSatisfy { byPath["caf\\xE9/item-\($0).md"]?.status == .published })
        for skipped in ["pipe.md", "linked-folder"] + (device ? ["device.md"] : []) {
            let file = try #require(byPath[skipped], "\(skipped) is listed")
            #expect(file.status == .skipped && file.issues.first?.severity == .warning, "\(skipped)")
        }
        #expect(try fixture.build().inputsUnchanged, "the state keeps the names' bytes")
        // An edit of a file whose name is not UTF-8 is seen.
        let edit = try ProcessRunner.run(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "sed -i 's/^title: .*/title: Edited/' \"$(printf 'latin1-\\351.md')\""],
            in: fixture.content
        )
        #expect(edit.status == 0)
        #expect(try fixture.build().summary.filesWritten > 0)
        try fixture.expectSameAsColdBuild()
    }

    /// What happens between the read and the body read: the file removed, changed, or no longer an item.
    @Test(arguments: ["removed", "changed", "no front matter", "a link out", "a FIFO"])
    func case8_aBodyThatCannotBeReadAgainRejectsItsItemAndIsNeverPublishedEmpty(_ change: String) throws {
        let fixture = try PublisherFixture.withItems(6)
        _ = try fixture.build()
        try fixture.writeItem("item-2.md", id: "2", title: "Item 2, edited", date: "2024-01-02T10:00:00Z")
        let victim = fixture.content.appendingPathComponent("item-4.md")
        let outside = try Fixtures.temporaryFolder("body-outside").appendingPathComponent("x.md")
        let done = Atomic(false)
        let progress: @Sendable (String, Int, Int) -> Void = { phase, count, total in
            guard phase == "reading", count == total, !done.exchange(true, ordering: .relaxed) else { return }
            switch change {
            case "removed":
                try? FileManager.default.removeItem(at: victim)
            case "changed":
                let text = (try? String(contentsOf: victim, encoding: .utf8)) ?? ""
                try? Data(text.replacingOccurrences(of: "Item 4", with: "Item 4, changed").utf8).write(to: victim)
            case "no front matter":
                try? Data("<p>just a body</p>\n".utf8).write(to: victim)
            case "a FIFO":  // opening it must not hang the build
                try? FileManager.default.removeItem(at: victim)
                _ = try? ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/mkfifo"), [victim.path])
            default:
                try? FileManager.default.copyItem(at: victim, to: outside)
                try? FileManager.default.removeItem(at: victim)
                try? FileManager.default.createSymbolicLink(at: victim, withDestinationURL: outside)
            }
        }
        // Item 4 is in Beta, Topic 0 and Shared: Shared changes (item 2 is there too), so item 4's body is read again.
        let result = try Publisher(options: fixture.options()).run(progress: progress)
        let changedInTime = done.load(ordering: .relaxed)
        #expect(changedInTime)
        let items = try fixture.json("topics/shared/feed.json")["items"] as? [[String: Any]] ?? []
        for item in items {
            #expect(
                (item["content_html"] as? String)?.isEmpty == false,
                "\(change): no item goes out with an empty body"
            )
        }
        let titles = items.compactMap { $0["title"] as? String }
        if change == "changed" {
            #expect(titles.contains("Item 4, changed") && result.summary.rejected == 0, "\(titles)")
        } else {
            #expect(!titles.contains { $0.hasPrefix("Item 4") }, "\(change): \(titles)")
            #expect(result.summary.rejected == 1, "\(change)")
            let issue = try #require(result.files.first { $0.path == "item-4.md" }?.issues.first)
            #expect(issue.severity == .error, "\(change): \(issue)")
        }
        try fixture.expectSameAsColdBuild()
    }

    // MARK: Change detection and state

    @Test(arguments: ["touch -r", "copy moved over"])
    func case9_anEditThatKeepsSizeAndModificationTimeIsPublished(_ how: String) throws {
        let fixture = try PublisherFixture.withItems(6)
        _ = try fixture.build()
        let file = fixture.content.appendingPathComponent("item-3.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "title: 'Item 3'", with: "title: 'Item X'")
        #expect(edited.utf8.count == text.utf8.count && edited != text)
        let modified = try #require(FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date)
        if how == "touch -r" {
            try Data(edited.utf8).write(to: file)
        } else {
            let copy = fixture.content.appendingPathComponent(".copy")
            try Data(edited.utf8).write(to: copy)
            try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: copy.path)
            #expect(rename(copy.path, file.path) == 0)
        }
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: file.path)
        let result = try fixture.build()
        #expect(!result.inputsUnchanged && result.summary.filesWritten > 0, "\(how)")
        #expect(try fixture.itemIDs("all/feed.json").count == 6)
        try fixture.expectSameAsColdBuild()
    }

    /// Where a file system's clock is too coarse for the stamp to show an edit (the tar deploy writing v2 in the second
    /// it wrote v1), a file changed at or after the last build's start is compared by content.
    ///
    /// Modelled by a state that records the edited file's stamp with the old content's hash.
    @Test func case9_aRacilyCleanFileIsComparedByItsContent() throws {
        let fixture = try PublisherFixture.withItems(6)
        _ = try fixture.build()
        let file = fixture.content.appendingPathComponent("item-3.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "Item 3", with: "Item X").utf8).write(to: file)
        let status = try #require(FileSystem.status(of: file.path))
        for racy in [false, true] {
            try Self.rewriteState(of: fixture) { state in
                let index = try #require(state.files.firstIndex { $0.path == "item-3.md" })
                state.files[index].size = status.stamp.size
                state.files[index].modified = status.stamp.modified
                state.files[index].changed = status.stamp.changed
                state.files[index].inode = status.stamp.inode
                // Racy: the build that recorded it started no earlier than the change.
                state.startedAt = racy ? status.stamp.changed : status.stamp.changed + 1
            }
            let result = try fixture.build()
            let titles = try (fixture.json("all/feed.json")["items"] as? [[String: Any]] ?? []).compactMap {
                $0["title"] as? String
            }
            if racy {
                #expect(!result.inputsUnchanged && titles.contains("Item X"), "\(titles)")
            } else {
                // The control: a file older than the last build with its stamp as recorded is not read.
                #expect(result.inputsUnchanged && titles.contains("Item 3"), "\(titles)")
            }
        }
        try fixture.expectSameAsColdBuild()
    }

    /// Racily clean files that did not change are read once: the state is saved again with the build's start, so a
    /// whole folder deployed just before a build is not read again by every later one.
    @Test func case9_racilyCleanFilesThatDidNotChangeAreReadOnce() throws {
        let fixture = try PublisherFixture.withItems(6)
        _ = try fixture.build()
        try Self.rewriteState(of: fixture) { $0.startedAt = 0 }  // every file changed after "the last build" began
        let result = try fixture.build()
        #expect(result.inputsUnchanged, "hashed, found unchanged")
        let folder = try Directory(fixture.output.appendingPathComponent(".feedpub").path)
        let options = fixture.options()
        guard
            case .current(let state) = BuildState.load(
                from: folder,
                fingerprint: BuildFingerprint.of(options.configuration, code: options.codeIdentity)
            )
        else {
            Issue.record("no state")
            return
        }
        #expect(state.startedAt > 0, "saved again with this build's start")
    }

    /// An item whose text comes from the item log and whose body from its file never mixes an old title with a new
    /// body: the body read checks the content hash recorded with the text.
    @Test func case9_anItemNeverMixesItsRecordedTextWithANewBody() throws {
        let fixture = try PublisherFixture.withItems(6)
        _ = try fixture.build()
        let file = fixture.content.appendingPathComponent("item-3.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(
            text.replacingOccurrences(of: "Item 3", with: "Item X").replacingOccurrences(of: "Body", with: "Ydob").utf8
        ).write(to: file)
        let status = try #require(FileSystem.status(of: file.path))
        try Self.rewriteState(of: fixture) { state in
            let index = try #require(state.files.firstIndex { $0.path == "item-3.md" })
            state.files[index].size = status.stamp.size
            state.files[index].modified = status.stamp.modified
            state.files[index].changed = status.stamp.changed
            state.files[index].inode = status.stamp.inode
            state.startedAt = status.stamp.changed + 1
        }
        // Another item of the same feeds changes: item 3's body is read for them, from its new bytes.
        try fixture.writeItem("item-6.md", id: "6", title: "Item 6, edited", date: "2024-01-06T10:00:00Z")
        _ = try fixture.build()
        let items = try fixture.json("all/feed.json")["items"] as? [[String: Any]] ?? []
        let three = try #require(items.first { ($0["id"] as? String)?.hasSuffix("3") == true && $0["title"] != nil })
        #expect(three["title"] as? String == "Item X")
        #expect((three["content_html"] as? String)?.contains("Ydob") == true)
        try fixture.expectSameAsColdBuild()
    }

    @Test(arguments: ["items: 30% zeroed", "items: 200 bits flipped", "state: 200 bits flipped", "both: bits flipped"])
    func case10_damagedStateIsSaidOnceAndTheOutputIsThatOfAColdBuild(_ damage: String) throws {
        let fixture = try PublisherFixture.withItems(60)
        _ = try fixture.build()
        try fixture.writeItem("item-2.md", id: "2", title: "Item 2, edited", date: "2024-01-02T10:00:00Z")
        var generator = SplitMix(seed: UInt64(damage.utf8.count))
        for name in ["items", "state"] where damage.hasPrefix(name) || damage.hasPrefix("both") {
            let url = fixture.output.appendingPathComponent(".feedpub/\(name)")
            var bytes = Array(try Data(contentsOf: url))
            if damage.contains("zeroed") {
                let start = bytes.count / 3
                for index in start..<start + bytes.count * 3 / 10 { bytes[index] = 0 }
            } else {
                for _ in 0..<200 {
                    let bit = Int(generator.next() % UInt64(bytes.count * 8))
                    bytes[bit / 8] ^= UInt8(1 << (bit % 8))
                }
            }
            try Data(bytes).write(to: url)
        }
        var notices: [String] = []
        let result = try Publisher(options: fixture.options()).run(notice: { notices.append($0) })
        #expect(notices.count { $0.contains("damaged") } == 1, "\(damage): \(notices)")
        #expect(result.summary.published == 60)
        try fixture.expectSameAsColdBuild()
        #expect(try fixture.build().inputsUnchanged)
    }

    // MARK: Helpers

    /// The error a build throws, if any.
    static func failure(_ build: () throws -> BuildResult) -> PublishError? {
        do {
            _ = try build()
            return nil
        } catch let error as PublishError {
            return error
        } catch {
            Issue.record("not a PublishError: \(error)")
            return nil
        }
    }

    /// Every file under `folder` (hidden ones too, `.feedpub/` excepted) with its bytes, and every folder; links are
    /// listed, not followed.
    static func contents(of folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [:] }
        while let path = enumerator.nextObject() as? String {
            if path.hasPrefix(".feedpub/") { continue }
            let url = folder.appendingPathComponent(path)
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            switch attributes?[.type] as? FileAttributeType {
            case .typeRegular?: result[path] = try? Data(contentsOf: url)
            case .typeDirectory?: result[path + "/"] = Data()
            case .typeSymbolicLink?:
                result[path] = Data(
                    ("-> " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "")).utf8
                )
                enumerator.skipDescendants()
            default: break
            }
        }
        return result
    }

    /// Every temporary file of feedpub's under `folder`, `.feedpub/` included.
    static func temporaries(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var found: [String] = []
        while let path = enumerator.nextObject() as? String {
            if path.contains(".feedpub-tmp-") { found.append(path) }
        }
        return found
    }

    /// Rewrites the fixture's state through `change`, as another build might have left it.
    static func rewriteState(of fixture: PublisherFixture, _ change: (inout BuildState) throws -> Void) throws {
        let folder = try Directory(fixture.output.appendingPathComponent(".feedpub").path)
        let options = fixture.options()
        let fingerprint = BuildFingerprint.of(options.configuration, code: options.codeIdentity)
        guard case .current(var state) = BuildState.load(from: folder, fingerprint: fingerprint) else {
            Issue.record("no state to rewrite")
            return
        }
        try change(&state)
        try state.save(in: folder, durably: false)
    }
}
