import FeedpubSystem

/// Writes a large file in chunks of about a megabyte, so that the item log or the state of 100,000 files never sits
/// in memory whole.
///
/// Either appends to an existing file or writes a new one that replaces the old on ``close()``.
struct ChunkedFile {
    private let path: String
    private let temporary: String?
    private let file: OpenFile
    private var buffer = BinaryWriter(capacity: Self.chunk + (64 << 10))
    private var flushed: UInt64

    private static let chunk = 1 << 20

    /// Appends to the file at `path`, which must still be `expectedSize` bytes long (else another writer was here).
    init(appendingTo path: String, expectedSize: Int) throws(OutputError) {
        self.path = path
        temporary = nil
        let size: Int64
        do {
            file = try OpenFile(path, .appending)
            size = try file.stamp().size
        } catch {
            throw OutputError(error)
        }
        guard size == Int64(expectedSize) else {
            throw OutputError(path: path, operation: "append", reason: "the file changed under this build")
        }
        flushed = UInt64(expectedSize)
    }

    /// Writes a new file that replaces the one at `path` when closed.
    init(replacing path: String) throws(OutputError) {
        self.path = path
        let temporary = path + StagedFile.temporaryMarker + "\(RunningProcess.id)"
        self.temporary = temporary
        do {
            file = try OpenFile(temporary, .replacing)
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
        do {
            try file.write(buffer.bytes)
        } catch {
            try? file.close()
            if let temporary { try? FileSystem.removeFile(temporary) }
            throw OutputError(error)
        }
        flushed += UInt64(buffer.bytes.count)
        buffer.removeAll()
    }

    /// Writes what is left and closes; a new file is renamed over the old one.
    mutating func close() throws(OutputError) {
        try flush()
        do {
            try file.close()
            if let temporary { try FileSystem.rename(temporary, to: path) }
        } catch {
            throw OutputError(error)
        }
    }
}
