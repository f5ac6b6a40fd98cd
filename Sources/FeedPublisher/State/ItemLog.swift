import FeedpubSystem

/// The item log, `OUT/.feedpub/items`: a record per content file (``RecordCoding``), appended build after build.
///
/// A build that reads a few changed files appends their records and leaves the others where they are; the state
/// names, for each file, where its current record starts. When more than half of the log is records nobody
/// names any more, the next save writes a compact log instead.
struct ItemLog: Sendable {
    static let magic: [UInt8] = Array("feedpub-items\u{3}".utf8)

    /// Tells this log from another one (a state names the log it was saved with).
    let identity: UInt64
    /// The whole file, mapped.
    let file: MappedFile
    var bytes: UnsafeRawBufferPointer { file.bytes }

    /// The log in `folder`, when it is the one with `identity`.
    static func open(in folder: String, identity: UInt64) -> ItemLog? {
        guard let file = MappedFile(folder + "/items"), file.starts(with: magic) else { return nil }
        var reader = BinaryReader(file, offset: magic.count)
        guard let found = try? reader.fixed(), found == identity else { return nil }
        return ItemLog(identity: identity, file: file)
    }

    /// The grouping part of the record at `offset` (issues carry `path`), and where its details start.
    func grouping(at offset: UInt64, path: String, strings: inout StringTable)
        throws(BinaryReader.Truncated) -> RecordCoding.Grouping
    {
        guard offset >= UInt64(Self.magic.count + 8), offset < UInt64(bytes.count) else {
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
