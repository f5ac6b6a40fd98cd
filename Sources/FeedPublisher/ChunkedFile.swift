import CuratedContent

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a large file in chunks of about a megabyte, so that the item log or the state of 100,000 files never sits
/// in memory whole.
///
/// Either appends to an existing file or writes a new one that replaces the old on ``close()``.
struct ChunkedFile {
    private let path: String
    private let temporary: String?
    private let descriptor: Int32
    private var buffer = BinaryWriter(capacity: Self.chunk + (64 << 10))
    private var flushed: UInt64

    private static let chunk = 1 << 20

    /// Appends to the file at `path`, which must still be `expectedSize` bytes long (else another writer was here).
    init(appendingTo path: String, expectedSize: Int) throws(OutputError) {
        self.path = path
        temporary = nil
        descriptor = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { throw .system(path, "open") }
        guard lseek(descriptor, 0, SEEK_END) == off_t(expectedSize) else {
            Glibc.close(descriptor)
            throw OutputError(path: path, operation: "append", reason: "the file changed under this build")
        }
        flushed = UInt64(expectedSize)
    }

    /// Writes a new file that replaces the one at `path` when closed.
    init(replacing path: String) throws(OutputError) {
        self.path = path
        let temporary = path + StagedFile.temporaryMarker + "\(getpid())"
        self.temporary = temporary
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw .system(temporary, "create") }
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
        do throws(OutputError) {
            try FileWriting.writeAll(descriptor, buffer.bytes, path: temporary ?? path)
        } catch {
            Glibc.close(descriptor)
            if let temporary { unlink(temporary) }
            throw error
        }
        flushed += UInt64(buffer.bytes.count)
        buffer.removeAll()
    }

    /// Writes what is left and closes; a new file is renamed over the old one.
    mutating func close() throws(OutputError) {
        try flush()
        Glibc.close(descriptor)
        if let temporary, rename(temporary, path) != 0 { throw .system(path, "rename") }
    }
}
