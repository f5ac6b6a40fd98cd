public import FeedModel

/// What became of one content file: its item (unless rejected) and every issue found.
public struct ReadOutcome: Sendable, Hashable {
    /// How a file ended.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Published as it is.
        case published
        /// Published after repairs, each a warning.
        case repaired
        /// Not published; the errors say why.
        case rejected
        /// Not content feedpub reads (a FIFO, a device, a link to a folder): counted, with a warning saying what it is.
        case skipped
    }

    /// The file, relative to the content folder.
    public var path: String
    /// The item, `nil` when rejected.
    public var item: FeedItem?
    /// Warnings and errors, in the order found.
    public var issues: [ContentIssue]
    /// A 64-bit digest of the file's bytes when read (0 when it was not read), for telling whether it changed.
    public var contentHash: UInt64
    /// Whether the entry was skipped (not content): then it has no item and a warning says why.
    public var isSkipped: Bool
    /// Whether the item is a draft (`status: draft`, `draft: true`): read and checked, never published.
    public var isDraft = false
    /// When the item expires (`expiryDate`): from then on it is not published.
    public var expires: Timestamp?

    /// The outcome of reading `path`.
    public init(path: String, item: FeedItem?, issues: [ContentIssue], contentHash: UInt64 = 0, isSkipped: Bool = false)
    {
        self.path = path
        self.item = item
        self.issues = issues
        self.contentHash = contentHash
        self.isSkipped = isSkipped
    }

    /// Skipped when skipped, rejected when there is no item, repaired when there are warnings, else published.
    public var status: Status {
        if isSkipped { return .skipped }
        if item == nil { return .rejected }
        return issues.isEmpty ? .published : .repaired
    }

    /// This outcome turned into a rejection for `reason` (such as a duplicate id), keeping earlier issues.
    public func rejected(field: String, line: Int? = nil, _ reason: String) -> ReadOutcome {
        var copy = self
        copy.item = nil
        copy.issues.append(ContentIssue(path: path, line: line, field: field, message: reason, severity: .error))
        return copy
    }
}
