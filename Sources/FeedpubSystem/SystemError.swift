import Glibc

/// A system call that failed: what feedpub was doing, on which path, and the `errno` the kernel gave.
///
/// Reads as `feeds/all/rss.xml: rename failed: Operation not permitted (errno 1)`. The code is kept as a number,
/// so that callers can tell `ENOENT` from `EACCES` without parsing text.
package struct SystemError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What feedpub was doing (`open`, `read`, `rename`…).
    package var operation: String
    /// The path involved.
    package var path: String
    /// The `errno` value.
    package var errno: Int32

    /// A failure of `operation` on `path` with `errno`.
    package init(_ operation: String, path: String, errno: Int32) {
        self.operation = operation
        self.path = path
        self.errno = errno
    }

    /// A failure of `operation` on `path` with the calling thread's current `errno`.
    package static func last(_ operation: String, path: String) -> SystemError {
        SystemError(operation, path: path, errno: Glibc.errno)
    }

    /// The system's text for the code (`strerror`).
    package var reason: String { Self.reason(errno) }

    /// The system's text for `errno` (`strerror`).
    package static func reason(_ errno: Int32) -> String {
        guard let text = strerror(errno) else { return "error \(errno)" }
        return String(cString: text)
    }

    /// `ENOENT`: no such file or folder.
    package static let noSuchFile = ENOENT
    /// `EFBIG`: the file is larger than a limit.
    package static let fileTooLarge = EFBIG
    /// `EXDEV`, from an open beneath a folder: the path would leave it.
    package static let leavesFolder = EXDEV
    /// `ELOOP`, from an open that does not follow links: a step of the path is a symbolic link.
    package static let isLink = ELOOP
    /// `ENOTDIR`: a step of the path is not a folder.
    package static let notAFolder = ENOTDIR
    /// `EINVAL`, as feedpub gives it when a file it opens to read is not a regular file (a FIFO or a device put where
    /// a file was listed).
    package static let notARegularFile = EINVAL
    /// `ENOSPC`: no space is left on the device.
    package static let noSpace = ENOSPC
    /// `EWOULDBLOCK`: a lock is held by another process.
    package static let wouldBlock = EWOULDBLOCK

    /// The message as a terminal shows it.
    package var description: String {
        DisplayText.escaped("\(path): \(operation) failed: \(reason) (errno \(errno))")
    }
}
