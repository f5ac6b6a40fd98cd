import Glibc

/// What tells whether a file changed without reading it, as git's index does: its size, modification time,
/// status-change time (nanoseconds) and inode.
///
/// The status-change time moves whenever the file is written, renamed over or has its times set (`touch -r` sets
/// the modification time back, not this), and the inode changes when another file is moved over it, so an edit that
/// keeps the size and the modification time is still seen.
package struct FileStamp: Sendable, Hashable {
    /// The size in bytes.
    package var size: Int64
    /// The modification time, in nanoseconds since the epoch.
    package var modified: Int64
    /// The status-change time, in nanoseconds since the epoch.
    package var changed: Int64
    /// The inode number.
    package var inode: UInt64

    /// A stamp of the given values.
    package init(size: Int64, modified: Int64, changed: Int64, inode: UInt64) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
    }

    init(_ status: stat) {
        size = Int64(status.st_size)
        modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        changed = Int64(status.st_ctim.tv_sec) * 1_000_000_000 + Int64(status.st_ctim.tv_nsec)
        inode = UInt64(status.st_ino)
    }

    /// The stamp of the regular file at `path` (a symbolic link is not followed, and gives `nil`).
    package static func ofRegularFile(_ path: String) -> FileStamp? {
        guard let status = FileSystem.status(of: path), status.kind == .regular else { return nil }
        return status.stamp
    }
}

/// The wall clock.
package enum Clock {
    /// Now, in nanoseconds since the epoch (`CLOCK_REALTIME`: the clock file times are set by).
    package static var now: Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// A moment no later than any file time a change made from now on can get: the kernel stamps files from its
    /// coarse clock (`CLOCK_REALTIME_COARSE`, up to a tick behind the precise one), and some file systems round
    /// further down — FAT to 2 s, many network ones to 1 s — so `margin` nanoseconds (2 s) are taken off.
    package static func fileTimeFloor(margin: Int64 = 2_000_000_000) -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME_COARSE, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec) - margin
    }
}
