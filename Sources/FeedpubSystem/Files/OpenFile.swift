import CFeedpubSystem
import Glibc

/// An open file, closed when the value goes away (or earlier by ``close()``, which reports a failure).
///
/// Every call retries when interrupted and reports a failure as a ``SystemError`` naming the path. Not `Sendable`:
/// one owner at a time.
package final class OpenFile {
    /// How to open a file.
    package enum Mode: Sendable {
        /// For reading; `followingLinks: false` refuses a symbolic link at the last component.
        case reading(followingLinks: Bool)
        /// A new file for writing that must not exist yet (`O_EXCL`), never through a symbolic link.
        case creatingNew
        /// For writing, created or emptied, never through a symbolic link.
        case replacing
        /// An existing file for writing at its end, never through a symbolic link.
        case appending
        /// For reading and writing, created when missing, never through a symbolic link.
        case updating
        /// A folder, for flushing it or its file system.
        case folder

        var flags: Int32 {
            switch self {
            // Never blocks on a FIFO (a regular file reads the same).
            case .reading(let followingLinks): O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followingLinks ? 0 : O_NOFOLLOW)
            case .creatingNew: O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW
            case .replacing: O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW
            case .appending: O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW
            case .updating: O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW
            case .folder: O_RDONLY | O_DIRECTORY | O_CLOEXEC
            }
        }
    }

    /// The path it was opened with, for messages.
    package let path: String
    /// The descriptor; -1 once closed.
    package private(set) var descriptor: Int32

    /// Opens `path` in `mode`; new files get `rw-r--r--` (less the umask).
    package init(_ path: String, _ mode: Mode) throws(SystemError) {
        self.path = path
        var opened: Int32
        repeat {
            opened = open(path, mode.flags, 0o644)
        } while opened < 0 && errno == EINTR
        guard opened >= 0 else { throw .last("open", path: path) }
        descriptor = opened
    }

    /// Opens the file named `name` (bytes) in the folder `folder` (a descriptor) in `mode`; `path` names it in
    /// messages.
    init(in folder: Int32, name: [UInt8], path: String, _ mode: Mode) throws(SystemError) {
        self.path = path
        var opened: Int32
        repeat {
            opened = Directory.withCName(name) { openat(folder, $0, mode.flags, 0o644) }
        } while opened < 0 && errno == EINTR
        guard opened >= 0 else { throw .last("open", path: path) }
        descriptor = opened
    }

    /// Takes over `descriptor`, open on `path`.
    init(descriptor: Int32, path: String) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        if descriptor >= 0 { Glibc.close(descriptor) }
    }

    private func live(_ operation: String) throws(SystemError) -> Int32 {
        guard descriptor >= 0 else { throw SystemError(operation, path: path, errno: EBADF) }
        return descriptor
    }

    /// Reads into `buffer` until it is full or the file ends, from `offset` (`pread`) or from the current position;
    /// the count read.
    package func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int? = nil) throws(SystemError) -> Int {
        let count = FileReading.readFully(try live("read"), into: buffer, at: offset)
        guard count >= 0 else { throw .last("read", path: path) }
        return count
    }

    /// Writes all of `bytes` at the current position (at the end, when appending).
    package func write(_ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        try FileWriting.writeAll(try live("write"), bytes, path: path)
    }

    /// Writes all of `bytes` at the current position (at the end, when appending).
    package func write(_ bytes: [UInt8]) throws(SystemError) {
        try FileWriting.writeAll(try live("write"), bytes, path: path)
    }

    /// Writes all of `bytes` at `offset`, whatever the current position.
    ///
    /// A short write (a disk that fills up) is continued, so that the error reported is the one that stopped it
    /// (`ENOSPC`), not a stale `errno`.
    package func write(_ bytes: [UInt8], at offset: Int) throws(SystemError) {
        let descriptor = try live("write")
        var done = 0
        while done < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                let rest = UnsafeRawBufferPointer(rebasing: raw[done...])
                return pwrite(descriptor, rest.baseAddress, rest.count, off_t(offset + done))
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw .last("write", path: path)
            }
            done += written
        }
    }

    /// Gives back the disk space of `count` bytes at `offset` (the file keeps its size; the range reads as zeros).
    package func punchHole(at offset: Int, count: Int) throws(SystemError) {
        let descriptor = try live("punch a hole in")
        guard feedpub_punch_hole(descriptor, Int64(offset), Int64(count)) == 0 else {
            throw .last("punch a hole in", path: path)
        }
    }

    /// Cuts the file to `size` bytes.
    package func truncate(to size: Int) throws(SystemError) {
        guard ftruncate(try live("truncate"), off_t(size)) == 0 else { throw .last("truncate", path: path) }
    }

    /// What the open file is, and its stamp (`fstat`).
    package func status() throws(SystemError) -> FileStatus {
        var status = stat()
        guard fstat(try live("stat"), &status) == 0 else { throw .last("stat", path: path) }
        return FileStatus(status)
    }

    /// The stamp of the open file: size, modification and change times, inode (`fstat`).
    package func stamp() throws(SystemError) -> FileStamp {
        var status = stat()
        guard fstat(try live("stat"), &status) == 0 else { throw .last("stat", path: path) }
        return FileStamp(status)
    }

    /// Flushes the file's data (or a folder's entries) to disk (`fsync`).
    package func sync() throws(SystemError) {
        guard fsync(try live("fsync")) == 0 else { throw .last("fsync", path: path) }
    }

    /// Flushes the whole file system that holds this file or folder (`syncfs`): one call for all the files of a
    /// build, where an `fsync` per file would cost a disk round trip each.
    package func syncFileSystem() throws(SystemError) {
        guard feedpub_syncfs(try live("syncfs")) == 0 else { throw .last("syncfs", path: path) }
    }

    /// Hands the descriptor over to the caller, who closes it; this value no longer does.
    package func releaseDescriptor() -> Int32 {
        let handed = descriptor
        descriptor = -1
        return handed
    }

    /// Closes the file now, reporting a failure (a write-back error shows here); later calls fail.
    package func close() throws(SystemError) {
        guard descriptor >= 0 else { return }
        let result = Glibc.close(descriptor)
        descriptor = -1
        guard result == 0 else { throw .last("close", path: path) }
    }
}
