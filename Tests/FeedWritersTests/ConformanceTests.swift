import FeedModel
import FeedTestSupport
import Foundation
import Testing

@testable import FeedWriters

/// The shared conformance checker (`check-feeds`) judges what the writers produce: the hand-built feed and a
/// hostile one in all three formats, and the OPML index.
@Suite(.enabled(if: Fixtures.checkFeeds != nil, "check-feeds not found")) struct ConformanceTests {
    /// Runs `check-feeds` on `paths`; its exit status and output.
    static func checkFeeds(_ paths: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Fixtures.checkFeeds))
        process.arguments = ["--verbose"] + paths
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    static func write(_ feed: Feed, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for format in FeedFormat.allCases {
            try Data(try format.render(feed)).write(to: folder.appendingPathComponent(format.fileName()))
        }
    }

    @Test func writtenFeedsPassCheckFeeds() throws {
        let folder = try Fixtures.temporaryFolder("feedpub-writers-conformance")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write(SampleFeed.feed, to: folder.appendingPathComponent("all"))
        try Self.write(
            SampleFeed.communityFeed,
            to: folder.appendingPathComponent("communities/chronic-care-management")
        )
        // Every hostile piece at once, in every field a reader shows.
        try Self.write(
            SampleFeed.hostile(" " + HostileStrings.pieces.joined(separator: " ")),
            to: folder.appendingPathComponent("hostile")
        )
        for format in FeedFormat.allCases {
            let opml = try OPMLWriter(format: format).render(
                SampleFeed.feedSet,
                title: "Medigy feeds",
                owner: SampleFeed.publisher
            )
            try Data(opml).write(to: folder.appendingPathComponent("index-\(format.rawValue).opml"))
        }

        let (status, output) = try Self.checkFeeds([folder.path])
        #expect(status == 0, "\(output)")
        #expect(output.contains("12 passed, 0 failed"), "\(output)")
    }

    @Test func goldenFilesPassCheckFeeds() throws {
        let folder = Fixtures.folder.appendingPathComponent("Golden/writers")
        let names = ["rss.xml", "atom.xml", "feed.json", "index.opml"]
        let (status, output) = try Self.checkFeeds(names.map { folder.appendingPathComponent($0).path })
        #expect(status == 0, "\(output)")
        #expect(output.contains("4 passed, 0 failed"), "\(output)")
    }

    @Test func checkFeedsRejectsABrokenFeed() throws {
        // The checker is really judging: a feed with a wrong weekday fails.
        let folder = try Fixtures.temporaryFolder("feedpub-writers-conformance")
        defer { try? FileManager.default.removeItem(at: folder) }
        var rss = utf8(try RSSWriter().render(SampleFeed.feed))
        rss = rss.replacingOccurrences(of: "Thu, 26 Nov 2020", with: "Fri, 26 Nov 2020")
        let file = folder.appendingPathComponent("rss.xml")
        try Data(rss.utf8).write(to: file)
        let (status, output) = try Self.checkFeeds([file.path])
        #expect(status == 1, "\(output)")
    }
}
