import FeedpubSystem

/// Writes one output file so that readers only ever see its complete old or complete new version, and so
/// that a file whose bytes would not change is not touched at all (its mtime stays).
///
/// Bytes arrive in chunks and are compared with the existing file as they come. Only at the first difference is
/// a temporary file opened in the same folder — the bytes matched so far are copied into it from the old file —
/// and everything after goes there. ``finish()`` closes both files and leaves the temporary one for ``commit()``,
/// which renames it over the old file. Memory use is one chunk, whatever the file's size, and no descriptor stays
/// open once a file is finished, however many files a build stages. Every operation works in the file's folder as a
/// descriptor, opened again without following links. Durability is the caller's: it flushes the staged files
/// (``sync()`` each, or ``OutputFolder/flush()`` for all) before committing any.
final class StagedFile: @unchecked Sendable {  // used by one thread at a time, then handed over
    /// What happened to a file.
    enum Result: Equatable {
        /// Same bytes as before: nothing written.
        case unchanged
        /// New or different bytes, in a temporary file waiting for ``StagedFile/commit()``.
        case staged
    }

    private enum Temporary {
        /// Not opened: the bytes so far match the old file.
        case none
        /// Open for writing.
        case open(OpenFile)
        /// Written and closed, waiting to be renamed.
        case staged
        /// Renamed into place or discarded.
        case done
    }

    /// Where the file goes.
    let path: OutputPath
    private let output: OutputFolder
    private let temporaryName: String
    /// The file's folder while the file is being written.
    private var folder: Directory?
    /// The file as it is now (`nil`: missing, a symbolic link or unreadable — a new file replaces it).
    private var existing: OpenFile?
    private var temporary = Temporary.none
    private var matched = 0
    private var diverged = false
    private var scratch: [UInt8] = []
    private var pending: [UInt8] = []
    private var hash = StableHash.Stream()

    /// Bytes are gathered into chunks of this size before they are compared or written (fewer system calls).
    static let chunkSize = 256 << 10

    /// The prefix of temporary files, so that a later build can find and remove the leftovers of a killed one.
    static let temporaryMarker = ".feedpub-tmp-"

    /// A file to stage at `path`, in `folder` (its folder, open), of `output`; `serial` tells it from others.
    init(_ path: OutputPath, in folder: Directory, of output: OutputFolder, serial: Int) {
        self.path = path
        self.output = output
        self.folder = folder
        temporaryName = "." + path.fileName + Self.temporaryMarker + "\(RunningProcess.id)-\(serial)"
        // Compared only with a regular file: anything else there (a FIFO, a folder) is replaced.
        let file = try? folder.openFile(path.fileName, .reading(followingLinks: false))
        existing = (try? file?.status().kind) == .regular ? file : nil
    }

    deinit {
        removeTemporary()
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
        hash.update(chunk)
        if !diverged {
            if matchesExisting(chunk) {
                matched += chunk.count
                return
            }
            try diverge()
        }
        try writeTemporary(chunk)
    }

    /// Ends the content: unchanged, or staged in a temporary file.
    ///
    /// Both files are closed.
    func finish() throws(OutputError) -> Result {
        try processPending()
        // A staged file waits for all the others; its buffers and descriptors must not (1,000 files add up).
        pending = []
        scratch = []
        defer {
            existing = nil
            folder = nil
        }
        if !diverged {
            if atEndOfExisting() { return .unchanged }
            try diverge()
        }
        guard case .open(let file) = temporary else { return .staged }
        temporary = .staged
        do {
            try file.close()
        } catch {
            throw OutputError(error)
        }
        return .staged
    }

    /// Flushes the staged temporary file to disk (`fsync`).
    func sync() throws(OutputError) {
        guard case .staged = temporary else { return }
        let folder = try output.folder(for: path, creating: false)
        do {
            try folder.openFile(temporaryName, .reading(followingLinks: false)).sync()
        } catch {
            throw OutputError(error)
        }
    }

    /// Renames the staged temporary file over the final path, in `folder` (its folder, open).
    func commit(in folder: Directory) throws(OutputError) {
        guard case .staged = temporary else { return }
        do {
            try folder.rename(temporaryName, to: path.fileName)
        } catch {
            throw OutputError(error)
        }
        temporary = .done
    }

    /// The ``StableHash/Stream`` checksum of every byte given so far: after ``finish()``, the file's content hash,
    /// whether its bytes changed or not (the server's ETag; the same for the same bytes in every process).
    var contentHash: UInt64 { hash.value }

    /// Whether the file waits to be renamed into place.
    var isStaged: Bool {
        if case .staged = temporary { return true }
        return false
    }

    /// Removes the staged temporary file without touching the final path.
    func discard() {
        removeTemporary()
        temporary = .done
    }

    private func removeTemporary() {
        switch temporary {
        case .open(let file):
            try? file.close()
            fallthrough
        case .staged:
            let folder = self.folder ?? (try? output.folder(for: path, creating: false))
            try? folder?.removeFile(temporaryName)
        case .none, .done:
            break
        }
    }

    private func matchesExisting(_ chunk: UnsafeRawBufferPointer) -> Bool {
        guard let existing else { return false }
        if scratch.count < chunk.count { scratch = [UInt8](repeating: 0, count: max(chunk.count, 65_536)) }
        return scratch.withUnsafeMutableBytes { buffer in
            let old = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<chunk.count])
            guard (try? existing.read(into: old, at: matched)) == chunk.count else { return false }
            return ByteOrder.equal(UnsafeRawBufferPointer(old), chunk)
        }
    }

    private func atEndOfExisting() -> Bool {
        guard let existing else { return false }
        var byte: UInt8 = 0
        return (try? withUnsafeMutableBytes(of: &byte) { try existing.read(into: $0, at: matched) }) == 0
    }

    /// Opens the temporary file and copies into it the bytes matched so far (they are the old file's).
    private func diverge() throws(OutputError) {
        diverged = true
        guard let folder else {
            throw OutputError(path: output.fileSystemPath(path), operation: "write", reason: "the file is finished")
        }
        try? folder.removeFile(temporaryName)
        do {
            temporary = .open(try folder.openFile(temporaryName, .creatingNew))
        } catch {
            throw OutputError(error)
        }
        guard matched > 0, let existing else { return }
        var copied = 0
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while copied < matched {
            let want = min(buffer.count, matched - copied)
            let count = buffer.withUnsafeMutableBytes { raw in
                (try? existing.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<want]), at: copied)) ?? -1
            }
            guard count == want else {
                throw OutputError(
                    path: output.fileSystemPath(path),
                    operation: "read",
                    reason: "the file changed under this build"
                )
            }
            let result = buffer.withUnsafeBytes { raw in
                Swift.Result { () throws(OutputError) in
                    try writeTemporary(UnsafeRawBufferPointer(rebasing: raw[0..<want]))
                }
            }
            try result.get()
            copied += want
        }
    }

    private func writeTemporary(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        guard case .open(let file) = temporary else {
            throw OutputError(path: output.fileSystemPath(path), operation: "write", reason: "the file is not open")
        }
        do {
            try file.write(bytes)
        } catch {
            throw OutputError(error)
        }
    }
}
