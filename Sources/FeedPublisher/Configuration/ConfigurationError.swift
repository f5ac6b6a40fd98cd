import FeedpubSystem

/// A configuration file or option feedpub cannot use: where, which key, and why.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The configuration file, or `command line`.
    public var source: String
    /// The 1-based line, when known.
    public var line: Int?
    /// The dotted key, such as `site.url`.
    public var key: String
    /// Why it cannot be used.
    public var message: String

    /// An error in `key` of `source` at `line`.
    public init(source: String, line: Int?, key: String, message: String) {
        self.source = source
        self.line = line
        self.key = key
        self.message = message
    }

    /// The message as a terminal shows it.
    public var description: String {
        let location = line.map { "\(source):\($0)" } ?? source
        return DisplayText.escaped(key.isEmpty ? "\(location): \(message)" : "\(location): \(key): \(message)")
    }
}
