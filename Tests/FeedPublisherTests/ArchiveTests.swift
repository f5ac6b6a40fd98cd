import CuratedContent
import FeedModel
import FeedPublisher
import FeedTestSupport
import Foundation
import Synchronization
import Testing

/// Issue 12: the whole history as RFC 5005 archive pages (RSS, Atom) and JSON Feed `next_url` pages.
@Suite("Archives")
struct ArchiveTests {
    static let limit = 10
    static let size = 20

    static func fixture(items: Int = 300) throws -> PublisherFixture {
        var fixture = try PublisherFixture()
        fixture.configuration.limit = .newest(limit)
        fixture.configuration.archive = size
        for n in 1...items { try write(fixture, n) }
        return fixture
    }

    static func write(_ fixture: PublisherFixture, _ n: Int, title: String? = nil, date: String? = nil) throws {
        let day = Date(timeIntervalSince1970: 1_600_000_000 + Double(n) * 43_200)
        try fixture.writeItem(
            "item-\(n).md",
            id: "\(n)",
            title: title ?? "Item \(n)",
            date: date ?? ISO8601DateFormatter().string(from: day),
            community: n % 3 == 0 ? "Gamma" : "Alpha",
            topics: ["Topic \(n % 5)"]
        )
    }

    /// The ids reached from the subscription document at `path` (JSON Feed) following `next_url`, and the pages.
    static func followJSON(_ fixture: PublisherFixture, _ path: String) throws -> (ids: [String], pages: [String]) {
        var ids: [String] = []
        var pages: [String] = []
        var document = try fixture.json(path)
        let base = "https://www.medigy.com/feeds/"
        while true {
            ids += (document["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            guard let next = document["next_url"] as? String else { break }
            #expect(next.hasPrefix(base))
            let page = String(next.dropFirst(base.count))
            #expect(!pages.contains(page), "no loop")
            guard !pages.contains(page) else { break }
            pages.append(page)
            document = try fixture.json(page)
            #expect(document["feed_url"] as? String == base + path, "a page names its feed")
        }
        return (ids, pages)
    }

    /// The guids reached from an RSS subscription document following `prev-archive`, each page checked.
    static func followRSS(_ fixture: PublisherFixture, _ path: String) throws -> [String] {
        let base = "https://www.medigy.com/feeds/"
        var ids: [String] = []
        var next: String? = path
        var newer: String?
        var seen: Set<String> = []
        while let page = next, seen.insert(page).inserted {
            let channel = try #require(
                try XMLElement.parse(Array(Data(contentsOf: fixture.output.appendingPathComponent(page))))
                    .child("channel")
            )
            let items = channel.children("item")
            ids += items.compactMap { $0.text(of: "guid") }
            var links: [String: String] = [:]
            for link in channel.children("atom:link") { links[link.attributes["rel"] ?? ""] = link.attributes["href"] }
            if page != path {
                #expect(items.count <= size, "\(page) holds at most \(size)")
                #expect(channel.child("fh:archive") != nil, "\(page) says it is an archive")
                #expect(links["current"] == base + path)
                #expect(links["next-archive"] == newer.map { base + $0 }, "\(page) links the page it came from")
            }
            newer = page == path ? nil : page
            next = links["prev-archive"].map { String($0.dropFirst(base.count)) }
        }
        return ids
    }

    /// Every item of every feed is reached exactly once from its subscription document, in RSS and JSON Feed, and
    /// matches a `--limit 0` build of the same content.
    static func expectEveryItemReachedOnce(_ fixture: PublisherFixture) throws -> Int {
        var full = fixture
        full.configuration.limit = .all
        full.configuration.archive = nil
        var options = full.options()
        options.outputFolder = try Fixtures.temporaryFolder("full").path
        _ = try Publisher(options: options).run()
        let fullFolder = URL(fileURLWithPath: options.outputFolder)
        var pages = 0
        for file in fixture.outputFiles() where file.hasSuffix("/feed.json") && !file.contains("/archive/") {
            let reached = try followJSON(fixture, file)
            pages += reached.pages.count
            let expected = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: fullFolder.appendingPathComponent(file)))
                    as? [String: Any]
            )
            let all = (expected["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(reached.ids.count == Set(reached.ids).count, "\(file): an item reached twice")
            #expect(Set(reached.ids) == Set(all), "\(file): every item, once")
            let rss = try followRSS(fixture, file.replacingOccurrences(of: "feed.json", with: "rss.xml"))
            #expect(rss.count == all.count && Set(rss) == Set(all), "\(file): RSS reaches the same items")
        }
        return pages
    }

    static func hashes(_ fixture: PublisherFixture) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for file in fixture.outputFiles() where file.contains("/archive/") {
            result[file] = try Data(contentsOf: fixture.output.appendingPathComponent(file))
        }
        return result
    }

    @Test func case1EveryFeedIsASubscriptionDocumentAndPagesReachingEveryItemOnce() throws {
        let fixture = try Self.fixture()
        let result = try fixture.build()
        #expect(result.summary.archivePages > 10)
        #expect(
            result.summary.line.contains("\(result.summary.feeds) feeds + \(result.summary.archivePages) archive pages")
        )
        let pages = try Self.expectEveryItemReachedOnce(fixture)
        #expect(pages == result.summary.archivePages, "every page is reached from its feed")
        let opml = try String(contentsOf: fixture.output.appendingPathComponent("index.opml"), encoding: .utf8)
        #expect(!opml.contains("/archive/"), "archives are not subscriptions")
        let site = try fixture.json("all/feed.json")
        #expect((site["items"] as? [Any])?.count ?? 0 >= Self.limit)
        #expect((site["items"] as? [Any])?.count ?? 0 < Self.limit + Self.size)
    }

    @Test func case2ANewItemLeavesEveryPageWithANewerOneByteIdentical() throws {
        let fixture = try Self.fixture()
        _ = try fixture.build()
        var pagesBefore = try Self.hashes(fixture)
        var pageAdded = false
        for n in 301...340 {
            try Self.write(fixture, n)
            let result = try fixture.build()
            let after = try Self.hashes(fixture)
            let written = Set(result.written)
            for (file, bytes) in pagesBefore where after[file] != bytes {
                // Only the newest page of a feed changes, when a newer one is published: it gains `next-archive`.
                let old = String(decoding: bytes, as: UTF8.self).split(separator: "\n").filter {
                    !$0.contains("next-archive")
                }
                let new = String(decoding: after[file] ?? Data(), as: UTF8.self).split(separator: "\n").filter {
                    !$0.contains("next-archive")
                }
                #expect(old == new, "\(file) changed more than its next-archive link")
                #expect(!file.hasSuffix(".json"), "JSON pages link older pages only: never rewritten")
            }
            let newPages = after.keys.filter { pagesBefore[$0] == nil }
            if !newPages.isEmpty { pageAdded = true }
            #expect(
                written.allSatisfy {
                    !$0.contains("/archive/") || newPages.contains($0) || pagesBefore[$0] != after[$0]
                }
            )
            pagesBefore = after
        }
        #expect(pageAdded, "40 new items publish pages")
        try fixture.expectSameAsColdBuild()
    }

    @Test func case2AnEditOrDeletionChangesOnePagePerFeedAndABackfillOnlyItsPlace() throws {
        let fixture = try Self.fixture()
        _ = try fixture.build()
        let before = try Self.hashes(fixture)
        try Self.write(fixture, 40, title: "Item 40, corrected")
        _ = try fixture.build()
        let edited = try Self.hashes(fixture)
        let changed = Set(
            before.keys.filter { before[$0] != edited[$0] }.map { ($0 as NSString).deletingLastPathComponent }
        )
        // Item 40 is in the site feed, Alpha and Topic 0: one page in each, three formats each.
        #expect(changed.count == 3, "\(changed.sorted())")
        #expect(edited.keys.sorted() == before.keys.sorted())
        try fixture.expectSameAsColdBuild()
        // Deleted: its pages change (or merge with the next), nothing else.
        try FileManager.default.removeItem(at: fixture.content.appendingPathComponent("item-41.md"))
        _ = try fixture.build()
        let deleted = try Self.hashes(fixture)
        let touched = Set(
            Set(edited.keys).symmetricDifference(deleted.keys).union(
                edited.keys.filter { deleted[$0] != nil && deleted[$0] != edited[$0] }
            ).map { ($0 as NSString).deletingLastPathComponent }
        )
        #expect(touched.count <= 9, "\(touched.sorted())")
        try fixture.expectSameAsColdBuild()
        _ = try Self.expectEveryItemReachedOnce(fixture)
        // Backfilled: an old date arriving late joins the page its date belongs to.
        try fixture.writeItem(
            "late.md",
            id: "late",
            title: "Late",
            date: "2020-10-01T00:00:00Z",
            community: "Alpha",
            topics: ["Topic 1"]
        )
        _ = try fixture.build()
        let backfilled = try Self.hashes(fixture)
        let moved = Set(
            Set(deleted.keys).symmetricDifference(backfilled.keys).union(
                deleted.keys.filter { backfilled[$0] != nil && backfilled[$0] != deleted[$0] }
            ).map { ($0 as NSString).deletingLastPathComponent }
        )
        #expect(moved.count >= 3 && moved.count <= 9, "\(moved.sorted())")
        try fixture.expectSameAsColdBuild()
        _ = try Self.expectEveryItemReachedOnce(fixture)
    }

    @Test func case1ArchivesNeedALimitAndAreCheckedWithTheirLine() throws {
        #expect {
            try ConfigurationFile.parse("feeds:\n  limit: 0\n  archive: 100\n", source: "feedpub.yml")
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.key == "feeds.archive" && error.line == 3
        }
        #expect(throws: ConfigurationError.self) {
            try ConfigurationFile.parse("feeds:\n  archive: -1\n", source: "feedpub.yml")
        }
        #expect(try ConfigurationFile.parse("feeds:\n  archive: 0\n", source: "feedpub.yml").archive == nil)
        #expect(try ConfigurationFile.parse("feeds:\n  archive: 50\n", source: "feedpub.yml").archive == 50)
    }

    @Test func case4ALargeFeedFileIsNamedWithAPointerToArchives() throws {
        var fixture = try PublisherFixture()
        fixture.configuration.limit = .all
        let body = "<p>" + String(repeating: "Long curated text. ", count: 20_000) + "</p>"
        for n in 1...16 {
            try fixture.writeItem(
                "big-\(n).md",
                id: "\(n)",
                title: "Big \(n)",
                date: "2024-01-\(String(format: "%02d", n))T10:00:00Z",
                body: body
            )
        }
        var notices: [String] = []
        _ = try Publisher(options: fixture.options()).run(notice: { notices.append($0) })
        let large = notices.filter { $0.contains("MiB: readers refuse feeds this large") }
        #expect(
            large.contains { $0.contains("/all/rss.xml") } && large.allSatisfy { $0.contains("feeds.archive") },
            "\(notices)"
        )
    }

    @Test func aLinkWhereArchivePagesBelongIsNeverWrittenThrough() throws {
        let fixture = try Self.fixture(items: 120)
        let elsewhere = try Fixtures.temporaryFolder("elsewhere")
        try FileManager.default.createDirectory(
            at: fixture.output.appendingPathComponent("all"),
            withIntermediateDirectories: true
        )
        try FileManager.default.createSymbolicLink(
            at: fixture.output.appendingPathComponent("all/archive"),
            withDestinationURL: elsewhere
        )
        #expect(throws: PublishError.self) { _ = try fixture.build() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
        #expect(fixture.outputFiles().isEmpty, "nothing is renamed into place when a file cannot be written")
    }

    /// Pages are written a wave of documents at a time, their items completed just before: a body that can no longer
    /// be read when a later wave needs it (the oldest item's, on the last page of every feed that holds it) rejects
    /// its item, and what the first waves staged is discarded — the feeds are planned again and the build publishes
    /// exactly what a cold build of the remaining content does, with no temporary file left behind.
    @Test func item5AnItemThatCannotBeCompletedInALaterWaveIsRejectedAndNothingHalfWrittenStays() throws {
        let fixture = try Self.fixture(items: 600)
        let victim = fixture.content.appendingPathComponent("item-1.md")
        let waves = Atomic(0)
        let progress: @Sendable (String, Int, Int) -> Void = { phase, done, total in
            guard phase == "writing", done < total, waves.add(1, ordering: .relaxed).oldValue == 0 else { return }
            try? FileManager.default.removeItem(at: victim)
        }
        let result = try Publisher(options: fixture.options()).run(progress: progress)
        #expect(waves.load(ordering: .relaxed) > 2, "the documents are rendered in more than one wave")
        #expect(result.summary.rejected == 1)
        let issue = try #require(result.files.first { $0.path == "item-1.md" }?.issues.first)
        #expect(issue.severity == .error && issue.message.contains("when read again"), "\(issue)")
        let reached = try Self.followRSS(fixture, "all/rss.xml")
        #expect(reached.count == 599 && !reached.contains("tag:medigy.com,2020:items/1"))
        let leftovers = FileManager.default.enumerator(atPath: fixture.output.path)?.compactMap { $0 as? String }
            .filter { $0.contains(".feedpub-tmp-") && !$0.hasPrefix(".feedpub/") }
        #expect(leftovers == [])
        try fixture.expectSameAsColdBuild()
    }
}
