import Glibc

/// What a path names, as `lstat` (or `stat`) sees it.
package enum FileKind: Sendable, Hashable {
    /// A regular file.
    case regular
    /// A folder.
    case folder
    /// A symbolic link (only when links are not followed).
    case symbolicLink
    /// A FIFO, socket or device.
    case other

    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .folder
        case S_IFLNK: self = .symbolicLink
        default: self = .other
        }
    }
}

/// What a path names and its stamp.
package struct FileStatus: Sendable, Hashable {
    /// What it is; a symbolic link is reported as such when links are not followed.
    package var kind: FileKind
    /// Its size and modification time.
    package var stamp: FileStamp

    init(_ status: stat) {
        kind = FileKind(mode: status.st_mode)
        stamp = FileStamp(status)
    }
}

/// Operations on paths: folders, renames, removals, flushes.
package enum FileSystem {
    /// What `path` names and its stamp; `nil` when nothing is there (or it cannot be examined).
    ///
    /// A symbolic link is reported as such unless `followingLinks`.
    package static func status(of path: String, followingLinks: Bool = false) -> FileStatus? {
        var status = stat()
        let result = followingLinks ? stat(path, &status) : lstat(path, &status)
        return result == 0 ? FileStatus(status) : nil
    }

    /// What the path `bytes` names and its stamp (see ``status(of:followingLinks:)``).
    package static func status(bytes: [UInt8], followingLinks: Bool = false) -> FileStatus? {
        var status = stat()
        let result = Directory.withCName(bytes) { followingLinks ? stat($0, &status) : lstat($0, &status) }
        return result == 0 ? FileStatus(status) : nil
    }

    /// What `path` names (see ``status(of:followingLinks:)``).
    package static func kind(of path: String, followingLinks: Bool = false) -> FileKind? {
        status(of: path, followingLinks: followingLinks)?.kind
    }

    /// Creates the folder `path` (`rwxr-xr-x` less the umask); a folder already there is fine.
    package static func createFolder(_ path: String) throws(SystemError) {
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw .last("create folder", path: path) }
    }

    /// Removes the file (or symbolic link) at `path`.
    package static func removeFile(_ path: String) throws(SystemError) {
        guard unlink(path) == 0 else { throw .last("remove", path: path) }
    }

    /// Removes the folder `path` when it is empty; whether it was removed.
    @discardableResult
    package static func removeFolderIfEmpty(_ path: String) -> Bool {
        rmdir(path) == 0
    }

    /// Renames `source` to `destination`, replacing what is there, atomically.
    package static func rename(_ source: String, to destination: String) throws(SystemError) {
        guard Glibc.rename(source, destination) == 0 else { throw .last("rename", path: destination) }
    }

    /// Whether the calling user may read `path`.
    package static func isReadable(_ path: String) -> Bool {
        access(path, R_OK) == 0
    }

    /// The absolute path of `path` with every symbolic link resolved; `nil` when it does not resolve.
    package static func realPath(_ path: String) -> String? {
        realPath(bytes: Array(path.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The absolute path of the path `bytes` with every symbolic link resolved, as bytes; `nil` when it does not
    /// resolve.
    package static func realPath(bytes: [UInt8]) -> [UInt8]? {
        Directory.withCName(bytes) { path -> [UInt8]? in
            guard let resolved = realpath(path, nil) else { return nil }
            defer { free(resolved) }
            return Array(
                UnsafeBufferPointer(
                    start: UnsafeRawPointer(resolved).assumingMemoryBound(to: UInt8.self),
                    count: strlen(resolved)
                )
            )
        }
    }

    /// Flushes a folder's entries (the renames in it) to disk.
    package static func syncFolder(_ path: String) throws(SystemError) {
        try OpenFile(path, .folder).sync()
    }

    /// Flushes the file system that holds `path` to disk (`syncfs`).
    package static func syncFileSystem(containing path: String) throws(SystemError) {
        try OpenFile(path, .folder).syncFileSystem()
    }
}
