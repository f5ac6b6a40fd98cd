#if canImport(Glibc)
    import Glibc
#endif

/// A failure writing the output folder: which path, which operation, and the system's reason.
public struct OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path involved.
    public var path: String
    /// What feedpub was doing (`open`, `write`, `rename`…).
    public var operation: String
    /// The system's reason, or feedpub's.
    public var reason: String

    /// An error of `operation` on `path`.
    public init(path: String, operation: String, reason: String) {
        self.path = path
        self.operation = operation
        self.reason = reason
    }

    /// An error of `operation` on `path` with the reason of `code` (an `errno`).
    static func system(_ path: String, _ operation: String, _ code: Int32 = errno) -> OutputError {
        OutputError(path: path, operation: operation, reason: String(cString: strerror(code)))
    }

    /// The message as a terminal shows it.
    public var description: String { "\(path): \(operation) failed: \(reason)" }
}
