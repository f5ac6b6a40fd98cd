import FeedpubSystem

/// Writes one of feedpub's state files in chunks of about a megabyte, so that the item log or the state of 100,000
/// files never sits in memory whole.
///
/// Either appends to an existing file or writes a new one, as a temporary file beside it that replaces the old one on
/// ``close(durably:)``, after being flushed to disk when asked, so that a crash leaves the old file or the new one,
/// whole. A new file can end with the checksum of everything before it.
struct ChunkedFile {
    private let folder: Directory
    private let name: String
    private let temporary: String?
    private let file: OpenFile
    private var buffer = BinaryWriter(capacity: Self.chunk + (64 << 10))
    private var flushed: UInt64
    private var checksum = StableHash.Stream()

    private static let chunk = 1 << 20

    /// Appends to the file `name` of `folder`, which must still be `expectedSize` bytes long (else another writer
    /// was here).
    init(appendingTo name: String, in folder: Directory, expectedSize: Int) throws(OutputError) {
        self.folder = folder
        self.name = name
        temporary = nil
        let size: Int64
        do {
            file = try folder.openFile(name, .appending)
            size = try file.stamp().size
        } catch {
            throw OutputError(error)
        }
        guard size == Int64(expectedSize) else {
            throw OutputError(path: file.path, operation: "append", reason: "the file changed under this build")
        }
        flushed = UInt64(expectedSize)
    }

    /// Writes a new file that replaces the file `name` of `folder` when closed.
    init(replacing name: String, in folder: Directory) throws(OutputError) {
        self.folder = folder
        self.name = name
        let temporary = name + StagedFile.temporaryMarker + "\(RunningProcess.id)"
        self.temporary = temporary
        do {
            try? folder.removeFile(temporary)
            file = try folder.openFile(temporary, .creatingNew)
        } catch {
            throw OutputError(error)
        }
        flushed = 0
    }

    /// Where the next byte written will be in the file.
    var position: UInt64 { flushed + UInt64(buffer.bytes.count) }

    /// Appends what `encode` writes.
    mutating func write(_ encode: (inout BinaryWriter) -> Void) throws(OutputError) {
        encode(&buffer)
        if buffer.bytes.count >= Self.chunk { try flush() }
    }

    private mutating func flush() throws(OutputError) {
        guard !buffer.bytes.isEmpty else { return }
        checksum.update(buffer.bytes)
        do {
            try file.write(buffer.bytes)
        } catch {
            discard()
            throw OutputError(error)
        }
        flushed += UInt64(buffer.bytes.count)
        buffer.removeAll()
    }

    /// Removes the temporary file of a new file that will not be closed.
    func discard() {
        try? file.close()
        if let temporary { try? folder.removeFile(temporary) }
    }

    /// Writes what is left (then, for a new file with `checksum`, the checksum of all its bytes), flushes it to disk
    /// when `durably`, and closes; a new file is renamed over the old one.
    mutating func close(durably: Bool, checksum appended: Bool = false) throws(OutputError) {
        try flush()
        if appended {
            var last = BinaryWriter(capacity: 8)
            last.fixed(checksum.value)
            buffer = last
            try flush()
        }
        do {
            if durably { try file.sync() }
            try file.close()
            if let temporary { try folder.rename(temporary, to: name) }
        } catch {
            discard()
            throw OutputError(error)
        }
    }
}
