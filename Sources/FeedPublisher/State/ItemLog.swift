import FeedpubSystem

/// The item log, `OUT/.feedpub/items`: a record per content file (``RecordCoding``), appended build after build.
///
/// A build that reads a few changed files appends their records and leaves the others where they are; the state
/// names, for each file, where its current record starts. When more than half of the log is records nobody
/// names any more, the next save writes a compact log instead.
struct ItemLog: Sendable {
    static let magic: [UInt8] = Array("feedpub-items\u{4}".utf8)

    /// Tells this log from another one (a state names the log it was saved with).
    let identity: UInt64
    /// The whole file, mapped.
    let file: MappedFile
    var bytes: UnsafeRawBufferPointer { file.bytes }

    /// What ``open(in:identity:)`` found.
    enum Opened {
        /// No log, or another version's.
        case missing
        /// A log whose header does not verify.
        case damaged
        /// Another build's log (the state names another one).
        case other
        /// The log the state names.
        case log(ItemLog)

        /// The log, when it is the one named.
        var log: ItemLog? {
            if case .log(let log) = self { return log }
            return nil
        }
    }

    /// The header: the magic, the identity and a check of the identity (a flipped bit there reads as damage, not as
    /// another build's log).
    static func header(identity: UInt64, into writer: inout BinaryWriter) {
        writer.append(magic)
        writer.fixed(identity)
        writer.fixed(check(identity))
    }

    /// Where the first record starts.
    static let headerSize = magic.count + 16

    private static func check(_ identity: UInt64) -> UInt64 {
        withUnsafeBytes(of: identity.littleEndian) { StableHash.contentHash($0) }
    }

    /// The log in `folder`, when it is the one with `identity`.
    static func open(in folder: Directory, identity: UInt64) -> Opened {
        guard let file = MappedFile(in: folder, name: "items") else { return .missing }
        guard file.starts(with: magic) else {
            return file.starts(with: Array(magic.dropLast())) ? .missing : .damaged
        }
        var reader = BinaryReader(file, offset: magic.count)
        guard let found = try? reader.fixed(), let check = try? reader.fixed(), check == Self.check(found) else {
            return .damaged
        }
        guard found == identity else { return .other }
        return .log(ItemLog(identity: identity, file: file))
    }

    /// The grouping part of the record at `offset` (issues carry `path`), and where its details start.
    func grouping(at offset: UInt64, path: String, strings: inout StringTable)
        throws(BinaryReader.Truncated) -> RecordCoding.Grouping
    {
        guard offset >= UInt64(Self.headerSize), offset < UInt64(bytes.count) else {
            throw BinaryReader.Truncated()
        }
        var reader = BinaryReader(file, offset: Int(offset))
        return try RecordCoding.decodeGrouping(from: &reader, path: path, strings: &strings)
    }

    /// The details that start at `offset`.
    func details(at offset: Int) throws(BinaryReader.Truncated) -> ItemDetails {
        guard offset >= 0, offset < bytes.count else { throw BinaryReader.Truncated() }
        var reader = BinaryReader(file, offset: offset)
        return try RecordCoding.decodeDetails(from: &reader)
    }

    /// The bytes of the record at `offset`, length prefix included.
    func record(at offset: UInt64) -> UnsafeRawBufferPointer? {
        guard offset < UInt64(bytes.count) else { return nil }
        var reader = BinaryReader(file, offset: Int(offset))
        guard let length = try? reader.unsigned(), reader.offset + Int(length) <= bytes.count else { return nil }
        return UnsafeRawBufferPointer(rebasing: bytes[Int(offset)..<reader.offset + Int(length)])
    }
}
