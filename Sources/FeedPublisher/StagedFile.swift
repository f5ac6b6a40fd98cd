import CuratedContent

#if canImport(Glibc)
    import Glibc
#endif

/// Writes one output file so that readers only ever see its complete old or complete new version, and so
/// that a file whose bytes would not change is not touched at all (its mtime stays).
///
/// Bytes arrive in chunks and are compared with the existing file as they come. Only at the first difference is
/// a temporary file opened in the same folder — the bytes matched so far are copied into it from the old file —
/// and everything after goes there. ``finish()`` flushes it (`fsync`) and leaves it for ``commit()``, which
/// renames it over the old file. Memory use is one chunk, whatever the file's size. Durability is the
/// caller's: it flushes all staged files at once (``OutputFolder/flush()``) before committing any.
final class StagedFile: @unchecked Sendable {  // used by one thread at a time, then handed over
    /// What happened to a file.
    enum Result: Equatable {
        /// Same bytes as before: nothing written.
        case unchanged
        /// New or different bytes, in a temporary file waiting for ``StagedFile/commit()``.
        case staged
    }

    let finalPath: String
    /// The folder the file is in.
    let folder: String
    private let temporaryPath: String
    private var existing: Int32 = -1
    private var temporary: Int32 = -1
    private var matched = 0
    private var diverged = false
    private var scratch: [UInt8] = []
    private var pending: [UInt8] = []
    private var finished = false

    /// Bytes are gathered into chunks of this size before they are compared or written (fewer system calls).
    static let chunkSize = 256 << 10

    /// The prefix of temporary files, so that a later build can find and remove the leftovers of a killed one.
    static let temporaryMarker = ".feedpub-tmp-"

    init(folder: String, fileName: String, serial: Int) throws(OutputError) {
        finalPath = folder + "/" + fileName
        self.folder = folder
        temporaryPath = folder + "/." + fileName + Self.temporaryMarker + "\(getpid())-\(serial)"
        // A missing file, a symbolic link (O_NOFOLLOW) or an unreadable one: a new file replaces it.
        existing = open(finalPath, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    }

    deinit {
        if existing >= 0 { close(existing) }
        if temporary >= 0 {
            close(temporary)
            unlink(temporaryPath)
        }
    }

    /// Takes the next bytes of the new content.
    func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        guard !bytes.isEmpty else { return }
        if pending.isEmpty && bytes.count >= Self.chunkSize {
            try process(bytes)
            return
        }
        if pending.capacity < Self.chunkSize { pending.reserveCapacity(Self.chunkSize) }
        pending.append(contentsOf: bytes)
        if pending.count >= Self.chunkSize { try processPending() }
    }

    private func processPending() throws(OutputError) {
        guard !pending.isEmpty else { return }
        let result = pending.withUnsafeBytes { chunk in
            Swift.Result { () throws(OutputError) in try process(chunk) }
        }
        pending.removeAll(keepingCapacity: true)
        try result.get()
    }

    /// Compares a chunk with the old file, or writes it to the temporary file once the contents differ.
    private func process(_ chunk: UnsafeRawBufferPointer) throws(OutputError) {
        if !diverged {
            if existing >= 0 && matchesExisting(chunk) {
                matched += chunk.count
                return
            }
            try diverge()
        }
        try writeAll(chunk)
    }

    /// Ends the content: unchanged, or staged in a temporary file.
    func finish() throws(OutputError) -> Result {
        try processPending()
        // A staged file waits for all the others; its buffers must not (1,000 files × 256 KiB add up).
        pending = []
        scratch = []
        finished = true
        if !diverged {
            if existing >= 0 && atEndOfExisting() { return .unchanged }
            try diverge()
        }
        guard close(temporary) == 0 else {
            temporary = -1
            throw .system(temporaryPath, "close")
        }
        temporary = -2  // closed, file kept for commit
        return .staged
    }

    /// Flushes the staged temporary file to disk (`fsync`).
    func sync() throws(OutputError) {
        guard temporary == -2 else { return }
        let descriptor = open(temporaryPath, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { throw .system(temporaryPath, "open") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw .system(temporaryPath, "fsync") }
    }

    /// Renames the staged temporary file over the final path.
    func commit() throws(OutputError) {
        guard temporary == -2 else { return }
        guard rename(temporaryPath, finalPath) == 0 else { throw .system(finalPath, "rename") }
        temporary = -1
    }

    /// Removes the staged temporary file without touching the final path.
    func discard() {
        if temporary == -2 { unlink(temporaryPath) }
        temporary = -1
    }

    private func matchesExisting(_ chunk: UnsafeRawBufferPointer) -> Bool {
        if scratch.count < chunk.count { scratch = [UInt8](repeating: 0, count: max(chunk.count, 65_536)) }
        let count = scratch.withUnsafeMutableBytes { buffer in
            FileReading.readFully(
                existing,
                into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<chunk.count]),
                at: matched
            )
        }
        guard count == chunk.count else { return false }
        return scratch.withUnsafeBytes { old in
            guard let oldBase = old.baseAddress, let newBase = chunk.baseAddress else { return false }
            return memcmp(oldBase, newBase, chunk.count) == 0
        }
    }

    private func atEndOfExisting() -> Bool {
        var byte: UInt8 = 0
        return pread(existing, &byte, 1, off_t(matched)) == 0
    }

    /// Opens the temporary file and copies into it the bytes matched so far (they are the old file's).
    private func diverge() throws(OutputError) {
        diverged = true
        unlink(temporaryPath)
        temporary = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard temporary >= 0 else { throw .system(temporaryPath, "create") }
        var copied = 0
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while copied < matched {
            let want = min(buffer.count, matched - copied)
            let count = buffer.withUnsafeMutableBytes { raw in
                FileReading.readFully(
                    existing,
                    into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<want]),
                    at: copied
                )
            }
            guard count == want else { throw .system(finalPath, "read") }
            let result = buffer.withUnsafeBytes { raw in
                Swift.Result { () throws(OutputError) in try writeAll(UnsafeRawBufferPointer(rebasing: raw[0..<want])) }
            }
            try result.get()
            copied += want
        }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        try FileWriting.writeAll(temporary, bytes, path: temporaryPath)
    }
}
