import CFeedpubSystem
import Glibc

/// An open folder, and everything done inside it relative to its descriptor: listing, looking up, opening,
/// creating, renaming and removing, none of which follows a symbolic link in a name it is given.
///
/// Working from the descriptor means that swapping a folder on the way for a symbolic link, after feedpub looked,
/// cannot redirect a write or a removal outside the tree. Safe to share between threads: nothing changes the
/// descriptor, so a scan looks up the entries of one folder on all cores.
package final class Directory: Sendable {
    /// A name in the folder and what it is, as far as the listing tells.
    package struct Entry: Sendable, Hashable {
        /// The name, for messages: bytes that are not UTF-8 are shown as `\xNN`.
        package var name: String
        /// The name's bytes when they are not UTF-8 (``name`` then shows them escaped); `nil` otherwise.
        package var bytes: [UInt8]?
        /// The kind the listing reports (`d_type`); `nil` when the file system does not say.
        package var kind: FileKind?

        /// An entry named `name` (bytes that are not UTF-8 in `bytes`), of `kind` when known.
        package init(name: String, bytes: [UInt8]? = nil, kind: FileKind? = nil) {
            self.name = name
            self.bytes = bytes
            self.kind = kind
        }

        /// The bytes to open the entry with.
        package var fileSystemName: [UInt8] { bytes ?? Array(name.utf8) }

        /// Calls `body` with the name to open the entry with, as a C string (without copying a UTF-8 name).
        func withFileSystemName<Result>(_ body: (UnsafePointer<CChar>) -> Result) -> Result {
            if let bytes { return Directory.withCName(bytes, body) }
            return name.withCString(body)
        }
    }

    /// The path it was opened with, for messages.
    package let path: String
    private let descriptor: Int32

    /// Opens the folder at `path` (which may itself be reached through symbolic links: the caller named it).
    package init(_ path: String) throws(SystemError) {
        self.path = path
        descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .last("open folder", path: path) }
    }

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        close(descriptor)
    }

    private func child(_ name: String) -> String { path == "/" ? "/" + name : path + "/" + name }

    /// The folder `name` in this one; a symbolic link there is refused (`ELOOP`), a file too (`ENOTDIR`).
    package func folder(_ name: String) throws(SystemError) -> Directory {
        try folder(bytes: Array(name.utf8), displayName: name)
    }

    /// The folder whose name is `bytes` in this one (see ``folder(_:)``).
    package func folder(bytes: [UInt8], displayName: String) throws(SystemError) -> Directory {
        let opened = Self.withCName(bytes) { openat(descriptor, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
        guard opened >= 0 else { throw .last("open folder", path: child(displayName)) }
        return Directory(descriptor: opened, path: child(displayName))
    }

    /// Creates the folder `name` here (`rwxr-xr-x` less the umask); a folder or anything else already there is left as
    /// it is (``folder(_:)`` then tells what it is).
    ///
    /// Whether it was created.
    @discardableResult
    package func createFolder(_ name: String) throws(SystemError) -> Bool {
        if mkdirat(descriptor, name, 0o755) == 0 { return true }
        guard errno == EEXIST else { throw .last("create folder", path: child(name)) }
        return false
    }

    /// Opens the file `name` here in `mode` (never through a symbolic link, except `.reading(followingLinks: true)`).
    package func openFile(_ name: String, _ mode: OpenFile.Mode) throws(SystemError) -> OpenFile {
        try OpenFile(in: descriptor, name: Array(name.utf8), path: child(name), mode)
    }

    /// Opens `relativePath` (bytes, `/`-separated) for reading only when it stays beneath this folder and no step of
    /// it is a symbolic link: `openat2` with `RESOLVE_BENEATH` and `RESOLVE_NO_SYMLINKS`, or, where the kernel has no
    /// `openat2`, a walk that opens every step without following links (`EXDEV` or `ELOOP` when refused).
    ///
    /// Only a regular file is given: opening never blocks (`O_NONBLOCK`: a FIFO put there since the folder was listed
    /// does not hang the build) and anything else is refused with ``SystemError/notARegularFile``.
    package func openBeneath(_ relativePath: [UInt8], displayPath: String) throws(SystemError) -> OpenFile {
        let file = try openAnythingBeneath(relativePath, displayPath: displayPath)
        guard try file.status().kind == .regular else {
            throw SystemError("open", path: file.path, errno: SystemError.notARegularFile)
        }
        return file
    }

    private func openAnythingBeneath(_ relativePath: [UInt8], displayPath: String) throws(SystemError) -> OpenFile {
        let path = child(displayPath)
        let opened = Self.withCName(relativePath) {
            feedpub_open_beneath(descriptor, $0, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        }
        if opened >= 0 { return OpenFile(descriptor: opened, path: path) }
        guard errno == ENOSYS else { throw .last("open", path: path) }
        // No openat2: each folder on the way opened without following links, then the file the same way.
        var parts = relativePath.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map(Array.init)
        guard let last = parts.popLast() else { throw SystemError("open", path: path, errno: EINVAL) }
        var folder: Directory = self
        for part in parts {
            guard part != Array("..".utf8) else { throw SystemError("open", path: path, errno: EXDEV) }
            folder = try folder.folder(bytes: part, displayName: String(decoding: part, as: UTF8.self))
        }
        return try OpenFile(in: folder.descriptor, name: last, path: path, .reading(followingLinks: false))
    }

    /// The folder at `relativePath` (bytes, `/`-separated) beneath this one, opened as ``openBeneath(_:displayPath:)``
    /// opens files: never through a symbolic link, never outside.
    package func folder(beneath relativePath: [UInt8], displayPath: String) throws(SystemError) -> Directory {
        let path = child(displayPath)
        let opened = Self.withCName(relativePath) {
            feedpub_open_beneath(descriptor, $0, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }
        if opened >= 0 { return Directory(descriptor: opened, path: path) }
        guard errno == ENOSYS else { throw .last("open folder", path: path) }
        var folder: Directory = self
        for part in relativePath.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map(Array.init) {
            guard part != Array("..".utf8) else { throw SystemError("open folder", path: path, errno: EXDEV) }
            folder = try folder.folder(bytes: part, displayName: String(decoding: part, as: UTF8.self))
        }
        return folder
    }

    /// Renames `source` to `destination`, both in this folder, replacing what is there, atomically.
    package func rename(_ source: String, to destination: String) throws(SystemError) {
        guard renameat(descriptor, source, descriptor, destination) == 0 else {
            throw .last("rename", path: child(destination))
        }
    }

    /// Removes the file (or symbolic link: never what it points to) `name` here.
    package func removeFile(_ name: String) throws(SystemError) {
        guard unlinkat(descriptor, name, 0) == 0 else { throw .last("remove", path: child(name)) }
    }

    /// Removes the folder `name` here when it is empty; whether it was removed.
    @discardableResult
    package func removeFolderIfEmpty(_ name: String) -> Bool {
        unlinkat(descriptor, name, AT_REMOVEDIR) == 0
    }

    /// Flushes the folder's entries (the renames in it) to disk.
    package func sync() throws(SystemError) {
        guard fsync(descriptor) == 0 else { throw .last("fsync", path: path) }
    }

    /// Flushes the whole file system that holds this folder (`syncfs`).
    package func syncFileSystem() throws(SystemError) {
        guard feedpub_syncfs(descriptor) == 0 else { throw .last("syncfs", path: path) }
    }

    /// The names in the folder, without `.` and `..`, and without hidden ones (`.name`) unless `includeHidden`;
    /// `isWanted` may drop a name before a `String` is made of it.
    package func entries(
        includeHidden: Bool = false,
        where isWanted: (UnsafeRawBufferPointer, FileKind?) -> Bool = { _, _ in true }
    ) throws(SystemError) -> [Entry] {
        let copy = dup(descriptor)
        guard copy >= 0, let stream = fdopendir(copy) else {
            let failure = SystemError.last("list", path: path)
            if copy >= 0 { close(copy) }
            throw failure
        }
        defer { closedir(stream) }
        rewinddir(stream)
        var entries: [Entry] = []
        while let entry = readdir(stream) {
            let kind = Self.kind(entry.pointee.d_type)
            withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let name = UnsafeRawBufferPointer(rebasing: raw[..<(raw.firstIndex(of: 0) ?? raw.count)])
                guard let first = name.first else { return }
                if first == UInt8(ascii: ".") {
                    guard includeHidden, name.count > 2 || (name.count == 2 && name[1] != UInt8(ascii: ".")) else {
                        return
                    }
                }
                guard isWanted(name, kind) else { return }
                let (text, exact) = DisplayText.decode(name)
                entries.append(Entry(name: text, bytes: exact ? nil : Array(name), kind: kind))
            }
        }
        return entries
    }

    /// What `name` in this folder is (a symbolic link is not followed unless `followingLinks`), or why it cannot be
    /// looked up.
    package func lookUp(_ name: [UInt8], displayName: String, followingLinks: Bool = false)
        -> Result<FileStatus, SystemError>
    {
        var status = stat()
        let flags = followingLinks ? 0 : AT_SYMLINK_NOFOLLOW
        let result = Self.withCName(name) { fstatat(descriptor, $0, &status, flags) }
        guard result == 0 else { return .failure(.last("look up", path: child(displayName))) }
        return .success(FileStatus(status))
    }

    /// What the listed `entry` of this folder is (a symbolic link is not followed unless `followingLinks`), or why it
    /// cannot be looked up.
    package func lookUp(_ entry: Entry, followingLinks: Bool = false) -> Result<FileStatus, SystemError> {
        var status = stat()
        let flags = followingLinks ? 0 : AT_SYMLINK_NOFOLLOW
        let result = entry.withFileSystemName { fstatat(descriptor, $0, &status, flags) }
        guard result == 0 else { return .failure(.last("look up", path: child(entry.name))) }
        return .success(FileStatus(status))
    }

    /// What `name` in this folder is (a symbolic link is not followed), or `nil` when it cannot be looked up.
    package func status(of name: String) -> FileStatus? {
        try? lookUp(Array(name.utf8), displayName: name).get()
    }

    /// The names in the folder at `path` (none when it is missing or cannot be listed).
    package static func names(in path: String, includeHidden: Bool = false) -> [String] {
        guard let folder = try? Directory(path), let entries = try? folder.entries(includeHidden: includeHidden)
        else { return [] }
        return entries.map(\.name)
    }

    /// Calls `body` with `bytes` as a NUL-terminated C string (a name with a NUL in it cannot be opened: it is cut
    /// there, and the lookup then fails or finds another name — names read from a listing hold none).
    static func withCName<Result>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> Result) -> Result {
        var terminated = bytes
        terminated.append(0)
        return terminated.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let base = chars.baseAddress else { preconditionFailure("a terminated name has a byte") }
                return body(base)
            }
        }
    }

    private static func kind(_ type: UInt8) -> FileKind? {
        switch Int32(type) {
        case Int32(DT_REG): .regular
        case Int32(DT_DIR): .folder
        case Int32(DT_LNK): .symbolicLink
        case Int32(DT_UNKNOWN): nil
        default: .other
        }
    }
}
