#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive lock on an output folder (`flock` on `.feedpub/lock`), so that two builds never interleave.
///
/// The kernel drops the lock when the process ends, even by `SIGKILL`, so a crashed build never blocks the next.
public final class OutputLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock at `path`.
    ///
    /// When another build holds it, waits if `wait` (after calling `waiting` with the holder's pid), else throws.
    public init(path: String, wait: Bool, waiting: (String) -> Void = { _ in }) throws(OutputError) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw .system(path, "open lock file") }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                close(descriptor)
                throw .system(path, "lock")
            }
            let holder = Self.holder(descriptor)
            guard wait else {
                close(descriptor)
                throw OutputError(
                    path: path,
                    operation: "lock",
                    reason: "another feedpub build (\(holder)) is writing this output folder; try again later"
                )
            }
            waiting(holder)
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    close(descriptor)
                    throw .system(path, "lock")
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
