import FeedpubSystem

/// A problem found in one content file: where it is, which field, and what feedpub did about it.
///
/// Reads as `path:line: field: message`, the form editors and terminals link to the line.
public struct ContentIssue: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// How bad it is.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The item was repaired and published; the message says what was changed.
        case warning
        /// The item was rejected; the message says why.
        case error
    }

    /// The file, relative to the content folder.
    public var path: String
    /// The 1-based line in the file, when known.
    public var line: Int?
    /// The front-matter field (`title`, `date`…), `body`, `front matter` or `file`.
    public var field: String
    /// What happened, in a sentence without a final period.
    public var message: String
    /// Warning (repaired) or error (rejected).
    public var severity: Severity

    /// An issue at `path`, `line`, in `field`.
    public init(path: String, line: Int?, field: String, message: String, severity: Severity) {
        self.path = path
        self.line = line
        self.field = field
        self.message = message
        self.severity = severity
    }

    /// The message as a terminal shows it, one line whatever the path and the values hold: control characters and
    /// reordering marks are escaped (`\n`, `\x1B`), so that a file name cannot forge a line or clear a screen.
    public var description: String {
        let location = line.map { "\(path):\($0)" } ?? path
        return DisplayText.escaped("\(location): \(field): \(message)")
    }
}
