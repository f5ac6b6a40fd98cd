import Glibc

/// What tells whether a file changed without reading it: its size and modification time (nanoseconds).
package struct FileStamp: Sendable, Hashable {
    /// The size in bytes.
    package var size: Int64
    /// The modification time, in nanoseconds since the epoch.
    package var modified: Int64

    /// A stamp of the given values.
    package init(size: Int64, modified: Int64) {
        self.size = size
        self.modified = modified
    }

    init(_ status: stat) {
        size = Int64(status.st_size)
        modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
    }

    /// The stamp of the regular file at `path` (a symbolic link is not followed, and gives `nil`).
    package static func ofRegularFile(_ path: String) -> FileStamp? {
        guard let status = FileSystem.status(of: path), status.kind == .regular else { return nil }
        return status.stamp
    }
}
