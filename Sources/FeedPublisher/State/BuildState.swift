import CuratedContent
import FeedModel
import FeedpubSystem

/// What the last build read and wrote, kept in `OUT/.feedpub/` so that the next build redoes only what changed and
/// removes only what feedpub itself wrote.
///
/// `state` holds, first, the files this output folder holds because feedpub wrote them (path and stamp) and the slug
/// each community and topic name was published under: valid whatever the configuration, so that a feed that goes
/// away is removed even after a configuration change, a file feedpub never wrote is never removed, and a feed's URL
/// stays its name's. Then the build's fingerprint (the whole configuration and the identity
/// of the code), when it started, the counts, every content file's stamp, content hash and record in the ``ItemLog``,
/// and the fingerprint each output was rendered from. It ends with a checksum of all of it: damage shows, and the
/// build starts from the content. A state of other code or another configuration gives the list of outputs only.
struct BuildState {
    /// An output file as last written or found unchanged.
    struct Output: Equatable {
        var stamp: FileStamp
        /// The fingerprint of the feed (and format) the bytes were rendered from.
        var fingerprint: UInt64
        /// ``StableHash/Stream`` of the file's bytes, as written or compared (0: unknown, from an older state).
        var contentHash: UInt64 = 0
    }

    /// What a state file gives.
    enum Loaded {
        /// There is none.
        case none
        /// It does not verify (cut, changed, foreign): why. Nothing in it is used.
        case damaged(String)
        /// It was written by other code or for another configuration: only its outputs and slugs are used.
        case other(outputs: [String: Output], slugs: PublishedSlugs)
        /// It is this build's to use.
        case current(BuildState)
    }

    static let magic: [UInt8] = Array("feedpub-state\u{6}".utf8)
    /// The format before outputs had a content hash: its outputs (without hash) and slugs are still read.
    static let unhashedMagic: [UInt8] = Array("feedpub-state\u{5}".utf8)
    /// The format before slugs were kept: its outputs are still read (the files it wrote stay feedpub's).
    static let previousMagic: [UInt8] = Array("feedpub-state\u{4}".utf8)

    var fingerprint: String
    /// When the build that wrote it started (nanoseconds, wall clock): a file changed at or after this time may have
    /// changed after it was read, within the same clock tick ("racily clean"), and is compared by its content.
    var startedAt: Int64
    var summary: PublishSummary
    /// When the first scheduled item comes due (seconds since the epoch; `Int64.max` when none is scheduled): from
    /// then on, the build is not "unchanged" even if no file changed.
    var nextDue: Int64
    var files: [ContentFile]
    var hashes: [UInt64]
    /// Where each file's record starts in the item log.
    var records: [UInt64]
    var logIdentity: UInt64
    /// The files feedpub wrote into the output folder, by path relative to it.
    var outputs: [String: Output]
    /// The slug of every community and topic name published so far.
    var slugs: PublishedSlugs

    /// The state in `folder`, for a build whose fingerprint is `fingerprint`.
    static func load(from folder: Directory, fingerprint: String) -> Loaded {
        guard let file = MappedFile(in: folder, name: "state") else { return .none }
        let previous = file.starts(with: previousMagic)
        let unhashed = file.starts(with: unhashedMagic)
        guard file.starts(with: magic) || previous || unhashed else {
            // Another version's state (its format changed) is not damage: the build reads everything, quietly.
            return file.starts(with: Array(magic.dropLast())) ? .none : .damaged("it is not a state file of feedpub")
        }
        guard file.bytes.count >= magic.count + 8 else { return .damaged("it is cut short") }
        let body = UnsafeRawBufferPointer(rebasing: file.bytes[0..<file.bytes.count - 8])
        var checksum = StableHash.Stream()
        checksum.update(body)
        var tail = BinaryReader(file, offset: body.count)
        guard (try? tail.fixed()) == checksum.value else { return .damaged("its checksum does not match") }
        var reader = BinaryReader(file, offset: magic.count)
        do throws(BinaryReader.Truncated) {
            let outputs = try readOutputs(&reader, hashed: !previous && !unhashed)
            if previous { return .other(outputs: outputs, slugs: PublishedSlugs()) }
            let slugs = PublishedSlugs(communities: try readSlugs(&reader), topics: try readSlugs(&reader))
            guard !unhashed, try reader.string() == fingerprint else { return .other(outputs: outputs, slugs: slugs) }
            let startedAt = try reader.signed()
            let logIdentity = try reader.fixed()
            var summary = PublishSummary()
            summary.read = try reader.integer()
            summary.published = try reader.integer()
            summary.repaired = try reader.integer()
            summary.rejected = try reader.integer()
            summary.skipped = try reader.integer()
            summary.scheduled = try reader.integer()
            summary.drafts = try reader.integer()
            summary.expired = try reader.integer()
            summary.feeds = try reader.integer()
            summary.archivePages = try reader.integer()
            let nextDue = try reader.signed()
            let fileCount = try reader.integer()
            guard fileCount >= 0, fileCount <= file.bytes.count else { return .damaged("it is inconsistent") }
            var files: [ContentFile] = []
            var hashes: [UInt64] = []
            var records: [UInt64] = []
            files.reserveCapacity(fileCount)
            hashes.reserveCapacity(fileCount)
            records.reserveCapacity(fileCount)
            for _ in 0..<fileCount {
                files.append(try readFile(&reader))
                hashes.append(try reader.fixed())
                records.append(try reader.unsigned())
            }
            guard reader.offset == body.count else { return .damaged("it is inconsistent") }
            return .current(
                BuildState(
                    fingerprint: fingerprint,
                    startedAt: startedAt,
                    summary: summary,
                    nextDue: nextDue,
                    files: files,
                    hashes: hashes,
                    records: records,
                    logIdentity: logIdentity,
                    outputs: outputs,
                    slugs: slugs
                )
            )
        } catch {
            return .damaged("it is inconsistent")
        }
    }

    private static func readOutputs(
        _ reader: inout BinaryReader,
        hashed: Bool
    ) throws(BinaryReader.Truncated) -> [String: Output] {
        let count = try reader.integer()
        guard count >= 0, count <= reader.bytes.count else { throw BinaryReader.Truncated() }
        var outputs: [String: Output] = [:]
        for _ in 0..<count {
            let path = try reader.string()
            var output = Output(stamp: try readStamp(&reader), fingerprint: try reader.fixed())
            if hashed { output.contentHash = try reader.fixed() }
            outputs[path] = output
        }
        return outputs
    }

    private static func readSlugs(_ reader: inout BinaryReader) throws(BinaryReader.Truncated) -> [String: Slug] {
        let count = try reader.integer()
        guard count >= 0, count <= reader.bytes.count else { throw BinaryReader.Truncated() }
        var slugs: [String: Slug] = [:]
        slugs.reserveCapacity(count)
        for _ in 0..<count {
            let name = try reader.string()
            guard let slug = Slug(try reader.string()) else { throw BinaryReader.Truncated() }
            slugs[name] = slug
        }
        return slugs
    }

    private static func writeSlugs(_ slugs: [String: Slug], _ writer: inout BinaryWriter) {
        writer.integer(slugs.count)
        for name in slugs.keys.sorted() {
            writer.string(name)
            writer.string(slugs[name]?.text ?? "")
        }
    }

    private static func readStamp(_ reader: inout BinaryReader) throws(BinaryReader.Truncated) -> FileStamp {
        FileStamp(
            size: try reader.signed(),
            modified: try reader.signed(),
            changed: try reader.signed(),
            inode: try reader.unsigned()
        )
    }

    private static func readFile(_ reader: inout BinaryReader) throws(BinaryReader.Truncated) -> ContentFile {
        let path = try reader.string()
        let pathBytes = try reader.byte() == 1 ? try reader.byteArray() : nil
        let stamp = try readStamp(&reader)
        let kind: ContentFile.Kind
        switch try reader.byte() {
        case 0: kind = .file
        case 1: kind = .refused(try reader.string())
        case 2: kind = .skipped(try reader.string())
        default: throw BinaryReader.Truncated()
        }
        let linkTarget = try reader.byte() == 1 ? try reader.byteArray() : nil
        return ContentFile(
            path: path,
            pathBytes: pathBytes,
            size: stamp.size,
            modified: stamp.modified,
            changed: stamp.changed,
            inode: stamp.inode,
            kind: kind,
            linkTarget: linkTarget
        )
    }

    /// Saves the records of a build: appends those of `fresh` outcomes to `log` (or writes a compact new log when
    /// `log` is mostly garbage or missing), flushed to disk when `durably`.
    ///
    /// `reused[i]` is the offset in `log` of file `i`'s record when its outcome came from there (0: none); an outcome whose
    /// record is in `spool` gets the place the spool's bytes are copied to (the spool is copied whole, a megabyte at a
    /// time: records of files read again later in the build are left as garbage for the next compaction).
    static func save(
        to folder: Directory,
        outcomes: [FileOutcome],
        reused: [UInt64],
        log: ItemLog?,
        spool: RecordSpool?,
        durably: Bool
    ) throws(OutputError) -> (identity: UInt64, records: [UInt64]) {
        var records = [UInt64](repeating: 0, count: outcomes.count)
        var identity: UInt64
        var liveBytes = 0
        if let log {
            for offset in reused where offset != 0 {
                if let record = log.record(at: offset) { liveBytes += record.count }
            }
        }
        var file: ChunkedFile
        if let log, log.bytes.count <= 2 * liveBytes + (4 << 20) {
            // Append the new records; the old ones stay where they are.
            identity = log.identity
            file = try ChunkedFile(appendingTo: "items", in: folder, expectedSize: log.bytes.count)
            for index in outcomes.indices {
                if reused[index] != 0 { records[index] = reused[index] }
            }
        } else {
            // A new, compact log: live records copied, new ones encoded.
            identity = UInt64.random(in: 1...UInt64.max)
            file = try ChunkedFile(replacing: "items", in: folder)
            try file.write { writer in
                ItemLog.header(identity: identity, into: &writer)
            }
            for index in outcomes.indices {
                let offset = reused[index]
                guard offset != 0 else { continue }
                records[index] = file.position
                guard let record = log?.record(at: offset) else {
                    file.discard()
                    throw OutputError(path: "items", operation: "save", reason: "the item log changed under this build")
                }
                try file.write { $0.append(record) }
            }
        }
        let spoolStart = file.position
        try spool?.copy(into: &file)
        for index in outcomes.indices where reused[index] == 0 {
            if let item = outcomes[index].item, case .spooled(let record) = item.text {
                records[index] = spoolStart + UInt64(record)
            } else {
                records[index] = file.position
                try file.write { Self.encode(outcomes[index], into: &$0) }
            }
        }
        try file.close(durably: durably)
        return (identity, records)
    }

    /// The record of an outcome read by this build.
    private static func encode(_ outcome: FileOutcome, into writer: inout BinaryWriter) {
        var item: (ItemRecord, ItemDetails)?
        if let published = outcome.item, case .known(let details, _) = published.text {
            item = (published.record, details)
        }
        RecordCoding.encode(issues: outcome.issues, item: item, into: &writer)
    }

    /// Writes this state again as it is, over the same item log (a build that only moves its start, a test that
    /// changes one field).
    func save(in folder: Directory, durably: Bool) throws(OutputError) {
        try Self.finish(
            (logIdentity, records),
            in: folder,
            fingerprint: fingerprint,
            startedAt: startedAt,
            summary: summary,
            nextDue: nextDue,
            files: files,
            hashes: hashes,
            outputs: outputs,
            slugs: slugs,
            durably: durably
        )
    }

    /// Writes `state`, after the item log (``save(to:outcomes:reused:log:durably:)``) that `partial` names.
    @discardableResult
    static func finish(
        _ partial: (identity: UInt64, records: [UInt64]),
        in folder: Directory,
        fingerprint: String,
        startedAt: Int64,
        summary: PublishSummary,
        nextDue: Int64,
        files: [ContentFile],
        hashes: [UInt64],
        outputs: [String: Output],
        slugs: PublishedSlugs,
        durably: Bool
    ) throws(OutputError) -> BuildState {
        var file = try ChunkedFile(replacing: "state", in: folder)
        try file.write { writer in
            writer.append(magic)
            writer.integer(outputs.count)
        }
        for path in outputs.keys.sorted() {
            guard let output = outputs[path] else { continue }
            try file.write { writer in
                writer.string(path)
                Self.write(output.stamp, &writer)
                writer.fixed(output.fingerprint)
                writer.fixed(output.contentHash)
            }
        }
        try file.write { writer in
            writeSlugs(slugs.communities, &writer)
            writeSlugs(slugs.topics, &writer)
            writer.string(fingerprint)
            writer.signed(startedAt)
            writer.fixed(partial.identity)
            writer.integer(summary.read)
            writer.integer(summary.published)
            writer.integer(summary.repaired)
            writer.integer(summary.rejected)
            writer.integer(summary.skipped)
            writer.integer(summary.scheduled)
            writer.integer(summary.drafts)
            writer.integer(summary.expired)
            writer.integer(summary.feeds)
            writer.integer(summary.archivePages)
            writer.signed(nextDue)
            writer.integer(files.count)
        }
        for (index, record) in files.enumerated() {
            try file.write { writer in
                writer.string(record.path)
                if let bytes = record.pathBytes {
                    writer.bool(true)
                    writer.byteArray(bytes)
                } else {
                    writer.bool(false)
                }
                Self.write(
                    FileStamp(
                        size: record.size,
                        modified: record.modified,
                        changed: record.changed,
                        inode: record.inode
                    ),
                    &writer
                )
                switch record.kind {
                case .file: writer.append([0])
                case .refused(let reason):
                    writer.append([1])
                    writer.string(reason)
                case .skipped(let reason):
                    writer.append([2])
                    writer.string(reason)
                }
                if let target = record.linkTarget {
                    writer.bool(true)
                    writer.byteArray(target)
                } else {
                    writer.bool(false)
                }
                writer.fixed(hashes[index])
                writer.unsigned(partial.records[index])
            }
        }
        try file.close(durably: durably, checksum: true)
        if durably {
            do {
                try folder.sync()
            } catch {
                throw OutputError(error)
            }
        }
        return BuildState(
            fingerprint: fingerprint,
            startedAt: startedAt,
            summary: summary,
            nextDue: nextDue,
            files: files,
            hashes: hashes,
            records: partial.records,
            logIdentity: partial.identity,
            outputs: outputs,
            slugs: slugs
        )
    }

    private static func write(_ stamp: FileStamp, _ writer: inout BinaryWriter) {
        writer.signed(stamp.size)
        writer.signed(stamp.modified)
        writer.signed(stamp.changed)
        writer.unsigned(stamp.inode)
    }
}
