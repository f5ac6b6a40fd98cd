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
                topics: names.map { Topic(name: $0) }
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
                    sourceName: summary,
                    tags: authors.reversed()
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
            topics: [Topic(name: "T")]
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
        let path = try Fixtures.temporaryFolder("state").path
        let folder = try Directory(path)
        let files = (0..<300).map { (index: Int) -> ContentFile in
            let kind: ContentFile.Kind =
                switch index {
                case 5: .skipped("a FIFO")
                case 6: .refused("a link leaving the folder")
                default: .file
                }
            let pathBytes: [UInt8]? = index == 3 ? [0x66, 0x33, 0xE9, 0x2E, 0x6D, 0x64] : nil
            let linkTarget: [UInt8]? = index == 8 ? Array("../x/y.md".utf8) : nil
            return ContentFile(
                path: "f\(index).md",
                pathBytes: pathBytes,
                size: Int64(index),
                modified: Int64(index) * 1_000_000_007,
                changed: Int64(index) * 1_000_000_009,
                inode: UInt64(index) + 77,
                kind: kind,
                linkTarget: linkTarget
            )
        }
        let outcomes = files.map { file in
            FileOutcome(
                ReadOutcome(path: file.path, item: nil, issues: [], contentHash: UInt64(file.size) &* 31),
                keepingBody: false
            )
        }
        var summary = PublishSummary()
        summary.read = 300
        summary.rejected = 298
        summary.skipped = 2
        summary.feeds = 1
        let stamp = FileStamp(size: 10, modified: 20, changed: 21, inode: 22)
        let outputs = ["all/rss.xml": BuildState.Output(stamp: stamp, fingerprint: 30)]
        let slugs = PublishedSlugs(
            communities: ["caremanagement": Slug("care-management")!],
            topics: ["himssdigitalhealth": Slug("himss-digital-health")!, "a": Slug("a-1c2d3e4f")!]
        )
        let records = try BuildState.save(
            to: folder,
            outcomes: outcomes,
            reused: Array(repeating: 0, count: files.count),
            log: nil,
            spool: nil,
            durably: true
        )
        try BuildState.finish(
            records,
            in: folder,
            fingerprint: "f1",
            startedAt: 1_234,
            summary: summary,
            nextDue: Int64.max,
            files: files,
            hashes: outcomes.map(\.contentHash),
            outputs: outputs,
            slugs: slugs,
            durably: true
        )
        guard case .current(let state) = BuildState.load(from: folder, fingerprint: "f1") else {
            Issue.record("the state does not read back")
            return
        }
        #expect(state.files == files)
        #expect(state.hashes == outcomes.map(\.contentHash))
        #expect(state.records == records.records && state.logIdentity == records.identity)
        #expect(state.outputs == outputs)
        #expect(state.slugs == slugs)
        #expect(state.startedAt == 1_234)
        #expect(state.summary.read == 300 && state.summary.rejected == 298 && state.summary.skipped == 2)
        #expect(state.summary.feeds == 1)
        guard case .other(let owned, let ownedSlugs) = BuildState.load(from: folder, fingerprint: "f2") else {
            Issue.record("another configuration or build: not the state, but what it owns")
            return
        }
        #expect(owned == outputs)
        #expect(ownedSlugs == slugs, "a slug stays its name's across configurations")
        let log = try #require(ItemLog.open(in: folder, identity: state.logIdentity).log)
        var strings = StringTable()
        let grouping = try log.grouping(at: state.records[7], path: files[7].path, strings: &strings)
        #expect(grouping.item == nil && grouping.issues.isEmpty)
        guard case .other = ItemLog.open(in: folder, identity: state.logIdentity &+ 1) else {
            Issue.record("a log another state names")
            return
        }
        let url = URL(fileURLWithPath: path + "/state")
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count - 1).write(to: url)
        guard case .damaged = BuildState.load(from: folder, fingerprint: "f1") else {
            Issue.record("a cut state is damaged")
            return
        }
    }

    /// Case 10 of issue 9: damage that keeps the structure — any one bit flipped anywhere — is found.
    @Test func case10_aStateWithAnyBitFlippedIsDamaged() throws {
        let path = try Fixtures.temporaryFolder("state-flips").path
        let folder = try Directory(path)
        let files = (0..<20).map { ContentFile(path: "f\($0).md", size: Int64($0), modified: Int64($0)) }
        let outcomes = files.map {
            FileOutcome(ReadOutcome(path: $0.path, item: nil, issues: [], contentHash: 9), keepingBody: false)
        }
        let records = try BuildState.save(
            to: folder,
            outcomes: outcomes,
            reused: Array(repeating: 0, count: files.count),
            log: nil,
            spool: nil,
            durably: false
        )
        try BuildState.finish(
            records,
            in: folder,
            fingerprint: "f",
            startedAt: 0,
            summary: PublishSummary(),
            nextDue: Int64.max,
            files: files,
            hashes: outcomes.map(\.contentHash),
            outputs: [:],
            slugs: PublishedSlugs(),
            durably: false
        )
        let url = URL(fileURLWithPath: path + "/state")
        let original = try Data(contentsOf: url)
        for bit in stride(from: BuildState.magic.count * 8, to: original.count * 8, by: 7) {
            var damaged = original
            damaged[bit / 8] ^= UInt8(1 << (bit % 8))
            try damaged.write(to: url)
            guard case .damaged = BuildState.load(from: folder, fingerprint: "f") else {
                Issue.record("bit \(bit) flipped: not found")
                return
            }
        }
    }
}
