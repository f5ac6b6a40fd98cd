import CuratedContent
import FeedpubSystem

/// What the last build read and wrote, kept in `OUT/.feedpub/` so that the next build redoes only what changed.
///
/// `state` holds the build's fingerprint (the whole configuration and the identity of the code), the counts, every content file's size, modification time,
/// content hash and record in the ``ItemLog``, and every output file's size, modification time and the
/// fingerprint of what it was rendered from. A build in which no content and no output file changed reads
/// `state` alone. Other code (any rebuild of feedpub that changed it) or another configuration, a truncated or
/// foreign file, or a log that is not the one `state` names make the state unusable, and the build starts from the
/// content.
struct BuildState {
    /// An output file as last written or found unchanged.
    struct Output: Equatable {
        var size: Int64
        var modified: Int64
        /// The fingerprint of the feed (and format) the bytes were rendered from.
        var fingerprint: UInt64
    }

    static let magic: [UInt8] = Array("feedpub-state\u{3}".utf8)

    var fingerprint: String
    var summary: PublishSummary
    var files: [ContentFile]
    var hashes: [UInt64]
    /// Where each file's record starts in the item log.
    var records: [UInt64]
    var logIdentity: UInt64
    var outputs: [String: Output]

    /// The state in `folder`, when it exists and was written for `fingerprint`.
    static func load(from folder: String, fingerprint: String) -> BuildState? {
        guard let file = MappedFile(folder + "/state"), file.starts(with: magic) else { return nil }
        var reader = BinaryReader(file, offset: magic.count)
        do throws(BinaryReader.Truncated) {
            guard try reader.string() == fingerprint else { return nil }
            let logIdentity = try reader.fixed()
            var summary = PublishSummary()
            summary.read = try reader.integer()
            summary.published = try reader.integer()
            summary.repaired = try reader.integer()
            summary.rejected = try reader.integer()
            summary.feeds = try reader.integer()
            let fileCount = try reader.integer()
            guard fileCount >= 0, fileCount <= file.bytes.count else { return nil }
            var files: [ContentFile] = []
            var hashes: [UInt64] = []
            var records: [UInt64] = []
            files.reserveCapacity(fileCount)
            hashes.reserveCapacity(fileCount)
            records.reserveCapacity(fileCount)
            for _ in 0..<fileCount {
                let path = try reader.string()
                let size = try reader.signed()
                let modified = try reader.signed()
                let refusal = try reader.optionalString()
                files.append(ContentFile(path: path, size: size, modified: modified, refusal: refusal))
                hashes.append(try reader.fixed())
                records.append(try reader.unsigned())
            }
            let outputCount = try reader.integer()
            var outputs: [String: Output] = [:]
            for _ in 0..<max(0, outputCount) {
                let path = try reader.string()
                outputs[path] = Output(
                    size: try reader.signed(),
                    modified: try reader.signed(),
                    fingerprint: try reader.fixed()
                )
            }
            guard reader.atEnd else { return nil }
            return BuildState(
                fingerprint: fingerprint,
                summary: summary,
                files: files,
                hashes: hashes,
                records: records,
                logIdentity: logIdentity,
                outputs: outputs
            )
        } catch {
            return nil
        }
    }

    /// Saves the state of a build: appends the records of `fresh` outcomes to `log` (or writes a compact new log when
    /// `log` is mostly garbage or missing), then replaces `state`.
    ///
    /// `reused[i]` is the offset in `log` of file `i`'s record when its outcome came from there.
    static func save(
        to folder: String,
        fingerprint: String,
        summary: PublishSummary,
        files: [ContentFile],
        outcomes: [FileOutcome],
        reused: [UInt64?],
        log: ItemLog?
    ) throws(OutputError) -> (identity: UInt64, records: [UInt64]) {
        var records = [UInt64](repeating: 0, count: files.count)
        var identity: UInt64
        var liveBytes = 0
        if let log {
            for offset in reused { if let offset, let record = log.record(at: offset) { liveBytes += record.count } }
        }
        let path = folder + "/items"
        if let log, log.bytes.count <= 2 * liveBytes + (4 << 20) {
            // Append the new records; the old ones stay where they are.
            identity = log.identity
            var file = try ChunkedFile(appendingTo: path, expectedSize: log.bytes.count)
            for index in files.indices {
                if let offset = reused[index] {
                    records[index] = offset
                } else {
                    records[index] = file.position
                    try file.write { Self.encode(outcomes[index], into: &$0) }
                }
            }
            try file.close()
        } else {
            // A new, compact log: live records copied, new ones encoded.
            identity = UInt64.random(in: 1...UInt64.max)
            var file = try ChunkedFile(replacing: path)
            try file.write { writer in
                writer.append(ItemLog.magic)
                writer.fixed(identity)
            }
            for index in files.indices {
                records[index] = file.position
                if let offset = reused[index] {
                    guard let record = log?.record(at: offset) else {
                        throw OutputError(
                            path: path,
                            operation: "save",
                            reason: "the item log changed under this build"
                        )
                    }
                    try file.write { $0.append(record) }
                } else {
                    try file.write { Self.encode(outcomes[index], into: &$0) }
                }
            }
            try file.close()
        }
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

    /// Writes the `state` file for a build that ended with `outputs`, after ``save(to:fingerprint:summary:files:outcomes:reused:log:)``.
    static func finish(
        _ partial: (identity: UInt64, records: [UInt64]),
        in folder: String,
        fingerprint: String,
        summary: PublishSummary,
        files: [ContentFile],
        hashes: [UInt64],
        outputs: [String: Output]
    ) throws(OutputError) {
        var file = try ChunkedFile(replacing: folder + "/state")
        try file.write { writer in
            writer.append(magic)
            writer.string(fingerprint)
            writer.fixed(partial.identity)
            writer.integer(summary.read)
            writer.integer(summary.published)
            writer.integer(summary.repaired)
            writer.integer(summary.rejected)
            writer.integer(summary.feeds)
            writer.integer(files.count)
        }
        for (index, record) in files.enumerated() {
            try file.write { writer in
                writer.string(record.path)
                writer.signed(record.size)
                writer.signed(record.modified)
                writer.optional(record.refusal)
                writer.fixed(hashes[index])
                writer.unsigned(partial.records[index])
            }
        }
        try file.write { $0.integer(outputs.count) }
        for path in outputs.keys.sorted() {
            guard let output = outputs[path] else { continue }
            try file.write { writer in
                writer.string(path)
                writer.signed(output.size)
                writer.signed(output.modified)
                writer.fixed(output.fingerprint)
            }
        }
        try file.close()
    }
}
