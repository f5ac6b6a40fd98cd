import Glibc

/// An exclusive lock held on a file (`flock`), with the holder's pid written in it for the next one to read.
///
/// The kernel drops the lock when the process ends, even by `SIGKILL`, so a crashed holder never blocks the next.
package final class FileLock: Sendable {
    /// Why the lock was not taken.
    package enum Failure: Error, Sendable, Hashable {
        /// Another process holds it (and `wait` was off): the holder as its lock file says (`pid 123`).
        case held(by: String)
        /// A system call failed.
        case system(SystemError)
        /// A signal came while waiting (see ``Signals``).
        case interrupted(Int32)
    }

    private let descriptor: Int32

    /// Takes the lock on `path` (created when missing, never through a symbolic link).
    ///
    /// When another process holds it: waits if `wait`, after calling `waiting` with the holder, else throws.
    package convenience init(path: String, wait: Bool, waiting: (String) -> Void = { _ in }) throws(Failure) {
        let file: OpenFile
        do {
            file = try OpenFile(path, .updating)
        } catch {
            throw .system(SystemError("open lock file", path: error.path, errno: error.errno))
        }
        try self.init(file.releaseDescriptor(), path: path, wait: wait, waiting: waiting)
    }

    /// Takes the lock on the file `name` of `folder` (see ``init(path:wait:waiting:)``).
    package convenience init(in folder: Directory, name: String, wait: Bool, waiting: (String) -> Void = { _ in })
        throws(Failure)
    {
        let file: OpenFile
        do {
            file = try folder.openFile(name, .updating)
        } catch {
            throw .system(SystemError("open lock file", path: error.path, errno: error.errno))
        }
        try self.init(file.releaseDescriptor(), path: file.path, wait: wait, waiting: waiting)
    }

    private init(_ descriptor: Int32, path: String, wait: Bool, waiting: (String) -> Void) throws(Failure) {
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                let failure = SystemError.last("lock", path: path)
                close(descriptor)
                throw .system(failure)
            }
            let holder = Self.holder(descriptor)
            guard wait else {
                close(descriptor)
                throw .held(by: holder)
            }
            waiting(holder)
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let failure = SystemError.last("lock", path: path)
                    close(descriptor)
                    throw .system(failure)
                }
                if let signal = Signals.pending {
                    close(descriptor)
                    throw .interrupted(signal)
                }
            }
        }
        self.descriptor = descriptor
        let pid = Array("pid \(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private static func holder(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        let text = count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : ""
        let trimmed = text.split(separator: "\n").first.map(String.init) ?? ""
        return trimmed.isEmpty ? "pid unknown" : trimmed
    }
}
