import FeedpubSystem
import Synchronization

/// The records of the files a build reads (``RecordCoding``), written to a temporary file in `.feedpub/` as they are
/// read, so that an item's text — title, summary, authors, links: most of its bytes — waits on disk, not in memory,
/// until a feed that is rendered needs it.
///
/// The item log of the build is then the last log's live records and this file's, copied in chunks
/// (``copy(into:)``): the records never sit in memory whole. Measured at 100,000 items: the text kept in memory was
/// 114 MiB of the 252 MiB the read step held.
///
/// The file's name carries ``StagedFile/temporaryMarker``: a build that is killed leaves it to the next one's clean-up.
final class RecordSpool: @unchecked Sendable {  // the file is only written at offsets reserved under `size`
    private let folder: Directory
    private let name: String
    private let file: OpenFile
    private let size = Mutex(0)

    /// A new, empty spool in `folder` (`.feedpub/`).
    init(in folder: Directory) throws(OutputError) {
        self.folder = folder
        name = "items" + StagedFile.temporaryMarker + "\(RunningProcess.id)-spool"
        do {
            try? folder.removeFile(name)
            file = try folder.openFile(name, .updating)  // read back by `details(ofRecordAt:)`; never through a link
        } catch {
            throw OutputError(error)
        }
    }

    /// Appends `bytes` (whole records); returns the offset they start at.
    func append(_ bytes: [UInt8]) throws(OutputError) -> Int {
        let offset = size.withLock { size in
            defer { size += bytes.count }
            return size
        }
        do {
            try file.write(bytes, at: offset)
        } catch {
            throw OutputError(error)
        }
        return offset
    }

    /// The bytes written so far.
    var count: Int { size.withLock { $0 } }

    /// The details of the record that starts at `record`, read back with `pread` — not through a mapping, whose
    /// pages (and the kernel's fault-around of 16 pages) would stay resident: at 100,000 items, decoding the feeds'
    /// items from a mapped spool cost 105 MiB of resident memory.
    func details(ofRecordAt record: Int) throws(BinaryReader.Truncated) -> ItemDetails {
        var head = [UInt8](repeating: 0, count: 10)
        let got = (try? head.withUnsafeMutableBytes { try file.read(into: $0, at: record) }) ?? 0
        var prefixReader = BinaryReader(OwnedBytes(Array(head[..<max(0, got)])))
        let length = Int(clamping: try prefixReader.unsigned())
        let prefix = prefixReader.offset
        guard length > 8, length < 64 << 20 else { throw BinaryReader.Truncated() }
        var bytes = [UInt8](repeating: 0, count: prefix + length)
        let read = (try? bytes.withUnsafeMutableBytes { try file.read(into: $0, at: record) }) ?? 0
        guard read == bytes.count else { throw BinaryReader.Truncated() }
        var reader = BinaryReader(OwnedBytes(bytes))
        var strings = StringTable()
        let grouping = try RecordCoding.decodeGrouping(from: &reader, path: "", strings: &strings)
        reader.skip(to: grouping.detailsOffset)
        return try RecordCoding.decodeDetails(from: &reader)
    }

    /// Appends every byte of the spool to `target`, a megabyte at a time.
    ///
    /// The disk space of each megabyte copied is given back (where the file system can), so that the records are on
    /// disk about once, not twice, at any moment: a disk with room for the new log also has room for the copy. The
    /// spool cannot be read afterwards.
    func copy(into target: inout ChunkedFile) throws(OutputError) {
        let total = count
        guard total > 0 else { return }
        let reader: OpenFile
        do {
            reader = try folder.openFile(name, .reading(followingLinks: false))
        } catch {
            throw OutputError(error)
        }
        defer { try? reader.close() }
        var chunk = [UInt8](repeating: 0, count: min(total, 1 << 20))
        var offset = 0
        while offset < total {
            let wanted = min(chunk.count, total - offset)
            let read: Result<Int, SystemError> = chunk.withUnsafeMutableBytes { buffer in
                Result { () throws(SystemError) in
                    try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<wanted]), at: offset)
                }
            }
            let got: Int
            switch read {
            case .success(let count): got = count
            case .failure(let error): throw OutputError(error)
            }
            guard got == wanted else {
                throw OutputError(path: name, operation: "copy the record spool", reason: "it is shorter than written")
            }
            try target.write { $0.append(got == chunk.count ? chunk : Array(chunk[..<got])) }
            // Not every file system can: then the space is given back when the spool is removed.
            try? file.punchHole(at: offset, count: got)
            offset += got
        }
    }

    /// Removes the file.
    func remove() {
        try? file.close()
        try? folder.removeFile(name)
    }
}
