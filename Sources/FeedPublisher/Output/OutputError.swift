import FeedpubSystem

/// A failure writing the output folder: which path, which operation, why, and the system's code when it had one.
public struct OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path involved.
    public var path: String
    /// What feedpub was doing (`open`, `write`, `rename`…).
    public var operation: String
    /// The system's reason, or feedpub's.
    public var reason: String
    /// The `errno` of the failed system call (`nil` when feedpub itself refused).
    public var errno: Int32?

    /// The message as a terminal shows it (control characters escaped).
    public var description: String {
        let code = errno.map { " (errno \($0))" } ?? ""
        return DisplayText.escaped("\(path): \(operation) failed: \(reason)\(code)")
    }
}

extension OutputError {
    /// An error of `operation` on `path` that feedpub itself raises.
    init(path: String, operation: String, reason: String) {
        self.init(path: path, operation: operation, reason: reason, errno: nil)
    }

    /// The failed system call `error`.
    init(_ error: SystemError) {
        self.init(path: error.path, operation: error.operation, reason: error.reason, errno: error.errno)
    }
}
