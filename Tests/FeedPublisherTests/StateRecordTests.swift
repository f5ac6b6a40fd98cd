import CuratedContent
import FeedModel
import FeedTestSupport
import FeedpubSystem
import Foundation
import PropertyBased
import Testing

@testable import FeedPublisher

/// The item log's records and the state file read back exactly what was written.
@Suite struct StateRecordTests {
    /// Any text, `nil` a third of the time.
    static var optionalText: PropertyBased.Generator<String?, some SendableSequenceType> {
        zip(Gen.int(in: 0...2), HostileGen.string).map { kind, text in kind == 0 ? nil : text }
    }

    static var timestamp: PropertyBased.Generator<Timestamp, some SendableSequenceType> {
        zip(Gen.int64(in: -5_000_000_000...50_000_000_000), Gen.int32(in: 0...999_999_999)).map {
            Timestamp(seconds: $0, nanoseconds: $1)
        }
    }

    static var record: PropertyBased.Generator<ItemRecord, some SendableSequenceType> {
        zip(
            HostileGen.string,
            HostileGen.string,
            timestamp,
            timestamp,
            optionalText,
            HostileGen.string.array(of: 0...4)
        )
        .map { id, sourceID, published, updated, community, names in
            ItemRecord(
                id: id,
                sourceID: sourceID,
                published: published,
                updated: updated,
                community: community.map {
                    Community(name: $0, slug: Slug($0.lowercased()) ?? Slug(making: $0), title: names.first)
                },
                topics: names.map { Topic(name: $0) },
                tags: names.reversed()
            )
        }
    }

    static var details: PropertyBased.Generator<ItemDetails, some SendableSequenceType> {
        zip(HostileGen.string, optionalText, HostileGen.string.array(of: 0...3), optionalText, Gen.int(in: -1...4000))
            .map { title, summary, authors, other, size in
                ItemDetails(
                    title: title,
                    summary: summary,
                    authors: authors.map { Person(name: $0, url: other, email: summary) },
                    image: other.map {
                        FeedImage(
                            url: $0,
                            width: size,
                            height: size < 0 ? nil : size + 1,
                            alt: summary,
                            mimeType: other
                        )
                    },
                    url: title + "/",
                    externalURL: other,
                    sourceName: summary
                )
            }
    }

    static var issues: PropertyBased.Generator<[ContentIssue], some SendableSequenceType> {
        zip(Gen.int(in: -1...500), HostileGen.string, HostileGen.string, Gen.bool).map { line, field, message, error in
            ContentIssue(
                path: "a/b.md",
                line: line < 0 ? nil : line,
                field: field,
                message: message,
                severity: error ? .error : .warning
            )
        }.array(of: 0...3)
    }

    /// Writes `bytes` to a file and maps it, as the item log is read.
    static func mapped(_ bytes: [UInt8]) throws -> MappedFile {
        let path = try Fixtures.temporaryFolder("records").path + "/items"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try #require(MappedFile(path))
    }

    @Test func aRecordReadsBackAsWritten() async throws {
        await propertyCheck(count: 300, input: Self.record, Self.details, Self.issues, Gen.bool) {
            record,
            details,
            issues,
            published in
            var writer = BinaryWriter()
            writer.append([7, 7, 7])  // records start anywhere in the log
            RecordCoding.encode(issues: issues, item: published ? (record, details) : nil, into: &writer)
            RecordCoding.encode(issues: [], item: nil, into: &writer)
            guard let file = try? Self.mapped(writer.bytes) else {
                Issue.record("cannot map the record")
                return
            }
            var reader = BinaryReader(file, offset: 3)
            var strings = StringTable()
            guard let grouping = try? RecordCoding.decodeGrouping(from: &reader, path: "a/b.md", strings: &strings)
            else {
                Issue.record("the record does not decode")
                return
            }
            #expect(grouping.issues == issues)
            #expect(grouping.item == (published ? record : nil))
            let next = reader.offset
            if published {
                var detailsReader = BinaryReader(file, offset: grouping.detailsOffset)
                #expect((try? RecordCoding.decodeDetails(from: &detailsReader)) == details)
            }
            // The reader ends after the record: the next one decodes.
            var second = BinaryReader(file, offset: next)
            let empty = try? RecordCoding.decodeGrouping(from: &second, path: "c.md", strings: &strings)
            #expect(empty?.issues.isEmpty == true && empty?.item == nil)
            #expect(second.atEnd)
        }
    }

    @Test func aCutRecordIsRefusedNotMisread() throws {
        let record = ItemRecord(
            id: "tag:x,2020:items/1",
            sourceID: "1",
            published: Timestamp(seconds: 1),
            updated: Timestamp(seconds: 2),
            community: Community(name: "C", slug: Slug("c")),
            topics: [Topic(name: "T")],
            tags: ["t"]
        )
        let details = ItemDetails(
            title: "Title",
            summary: nil,
            authors: [],
            image: nil,
            url: "https://x/1/",
            externalURL: nil,
            sourceName: nil
        )
        var writer = BinaryWriter()
        RecordCoding.encode(issues: [], item: (record, details), into: &writer)
        for length in 1..<writer.bytes.count {
            let file = try Self.mapped(Array(writer.bytes.prefix(length)))
            var reader = BinaryReader(file)
            var strings = StringTable()
            #expect((try? RecordCoding.decodeGrouping(from: &reader, path: "x.md", strings: &strings)) == nil)
        }
    }

    @Test func theStateReadsBackAsSavedAndOnlyForItsFingerprint() throws {
        let folder = try Fixtures.temporaryFolder("state").path
        let files = (0..<300).map {
            ContentFile(path: "f\($0).md", size: Int64($0), modified: Int64($0) * 1_000_000_007)
        }
        let outcomes = files.map { file in
            FileOutcome(
                ReadOutcome(path: file.path, item: nil, issues: [], contentHash: UInt64(file.size) &* 31),
                keepingBody: false
            )
        }
        var summary = PublishSummary()
        summary.read = 300
        summary.rejected = 300
        summary.feeds = 1
        let outputs = ["all/rss.xml": BuildState.Output(size: 10, modified: 20, fingerprint: 30)]
        let records = try BuildState.save(
            to: folder,
            fingerprint: "f1",
            summary: summary,
            files: files,
            outcomes: outcomes,
            reused: Array(repeating: nil, count: files.count),
            log: nil
        )
        try BuildState.finish(
            records,
            in: folder,
            fingerprint: "f1",
            summary: summary,
            files: files,
            hashes: outcomes.map(\.contentHash),
            outputs: outputs
        )
        let state = try #require(BuildState.load(from: folder, fingerprint: "f1"))
        #expect(state.files == files)
        #expect(state.hashes == outcomes.map(\.contentHash))
        #expect(state.records == records.records && state.logIdentity == records.identity)
        #expect(state.outputs == outputs)
        #expect(state.summary.read == 300 && state.summary.rejected == 300 && state.summary.feeds == 1)
        #expect(BuildState.load(from: folder, fingerprint: "f2") == nil, "another configuration or build")
        let log = try #require(ItemLog.open(in: folder, identity: state.logIdentity))
        var strings = StringTable()
        let grouping = try log.grouping(at: state.records[7], path: files[7].path, strings: &strings)
        #expect(grouping.item == nil && grouping.issues.isEmpty)
        #expect(ItemLog.open(in: folder, identity: state.logIdentity &+ 1) == nil, "a log another state names")
        let path = folder + "/state"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count - 1).write(to: URL(fileURLWithPath: path))
        #expect(BuildState.load(from: folder, fingerprint: "f1") == nil, "a cut state")
    }
}
