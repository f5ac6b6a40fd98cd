import FeedPublisher
import FeedpubSystem
import Foundation
import Testing

/// The state's table of published files, as `feedpub serve` reads it: every file feedpub wrote with the content hash
/// of its bytes (kept by a build that does not render it), and reads that give only the bytes recorded.
@Suite struct PublishedFilesTests {
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var stream = StableHash.Stream()
        bytes.withUnsafeBytes { stream.update($0) }
        return stream.value
    }

    func published(_ fixture: PublisherFixture) -> PublishedFiles {
        PublishedFiles.load(root: fixture.output.path, layout: fixture.configuration.layout)
    }

    @Test func everyFileWrittenIsListedWithTheHashOfItsBytes() throws {
        let fixture = try PublisherFixture.withItems(12)
        _ = try fixture.build()
        let table = published(fixture)
        #expect(table.problem == nil)
        #expect(table.files.keys.sorted() == fixture.outputFiles().sorted())
        for (path, file) in table.files {
            let bytes = Array(try Data(contentsOf: fixture.output.appendingPathComponent(path)))
            #expect(file.size == Int64(bytes.count), "\(path)")
            #expect(file.contentHash == Self.hash(bytes), "\(path)")
            #expect(file.contentHash != 0)
            let read = try table.read(file)
            #expect(read.bytes == bytes && read.contentHash == file.contentHash)
        }
        #expect(table.files["all/rss.xml"]?.contentType == "application/rss+xml; charset=utf-8")
        #expect(table.files["all/atom.xml"]?.isFeed == true)
        #expect(table.files["index.opml"]?.contentType == "text/x-opml; charset=utf-8")
        #expect(table.files["index.opml"]?.isFeed == false)
    }

    @Test func anIncrementalBuildKeepsTheHashOfWhatItDoesNotRender() throws {
        var fixture = try PublisherFixture.withItems(12)
        _ = try fixture.build()
        let before = published(fixture)
        try fixture.writeItem(
            "item-3.md",
            id: "3",
            title: "Item 3, edited",
            date: "2024-01-03T10:00:00Z",
            community: "Gamma",
            topics: ["Topic 3", "Shared"]
        )
        let result = try fixture.build()
        #expect(!result.written.isEmpty)
        let after = published(fixture)
        #expect(after.stateVersion != before.stateVersion)
        for (path, file) in after.files {
            let bytes = Array(try Data(contentsOf: fixture.output.appendingPathComponent(path)))
            #expect(file.contentHash == Self.hash(bytes), "\(path)")
            if result.written.contains(path) {
                #expect(file.contentHash != before.files[path]?.contentHash, "\(path)")
            } else {
                #expect(file.contentHash == before.files[path]?.contentHash, "\(path)")
            }
        }
        // Nothing changed: nothing rendered, every hash kept.
        fixture.configuration.cacheControl = "no-cache"  // what the server sends rebuilds nothing
        #expect(try fixture.build().written.isEmpty)
        #expect(published(fixture).files == after.files)
    }

    @Test func aFileChangedByHandOrReplacedByALinkIsNotGiven() throws {
        let fixture = try PublisherFixture.withItems(6)
        _ = try fixture.build()
        let table = published(fixture)
        let atom = fixture.output.appendingPathComponent("all/atom.xml")
        var bytes = Array(try Data(contentsOf: atom))
        bytes[bytes.count / 2] ^= 0x20
        try Data(bytes).write(to: atom)
        let atomFile = try #require(table.files["all/atom.xml"])
        #expect(throws: PublishedFiles.ReadError.changed("all/atom.xml")) { try table.read(atomFile) }
        let json = fixture.output.appendingPathComponent("all/feed.json")
        let copy = fixture.output.appendingPathComponent("copy.json")
        try FileManager.default.moveItem(at: json, to: copy)
        try FileManager.default.createSymbolicLink(at: json, withDestinationURL: copy)
        let jsonFile = try #require(table.files["all/feed.json"])
        #expect(throws: PublishedFiles.ReadError.self) { try table.read(jsonFile) }
        #expect(table.files["copy.json"] == nil)
        // A copy with other stamps (rsync) but the same bytes is given: its bytes are hashed and match.
        let rss = fixture.output.appendingPathComponent("all/rss.xml")
        let rssBytes = try Data(contentsOf: rss)
        try FileManager.default.removeItem(at: rss)
        try rssBytes.write(to: rss)
        let rssFile = try #require(table.files["all/rss.xml"])
        #expect(try table.read(rssFile).bytes == Array(rssBytes))
    }

    @Test func noStateGivesAnEmptyTable() throws {
        let fixture = try PublisherFixture()
        #expect(published(fixture).files.isEmpty)
    }
}
