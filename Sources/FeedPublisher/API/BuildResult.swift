public import CuratedContent
public import FeedModel

/// Everything a build found and did: the summary, every file's outcome, and the feeds it removed.
public struct BuildResult: Sendable {
    /// The counts.
    public var summary: PublishSummary
    /// One per content file, in path order (when nothing changed, only if ``BuildOptions/wantsFilesWhenUnchanged`` or
    /// some file is rejected; without ``BuildOptions/listsEveryFile``, only those with issues, due or withheld).
    public var files: [FileResult]
    /// Output paths of removed feed files.
    public var removed: [String]
    /// Output paths of the files this build wrote (renamed into place), in path order.
    public var written: [String] = []
    /// Whether no content file changed since the last build (nothing was read; ``files`` are the recorded ones).
    public var inputsUnchanged: Bool

    /// A result.
    public init(summary: PublishSummary, files: [FileResult], removed: [String], inputsUnchanged: Bool = false) {
        self.summary = summary
        self.files = files
        self.removed = removed
        self.inputsUnchanged = inputsUnchanged
    }

    /// Every warning and error, in file order.
    public var issues: [ContentIssue] { files.flatMap(\.issues) }
}

/// What became of one content file in a build.
public struct FileResult: Sendable, Hashable {
    /// The path relative to the content folder.
    public var path: String
    /// Published, repaired or rejected.
    public var status: ReadOutcome.Status
    /// The item's id, unless rejected.
    public var id: String?
    /// Warnings and errors, in the order found.
    public var issues: [ContentIssue]
    /// Whether this build read the file; else its outcome is the last build's, and its warnings were reported then.
    public var wasRead: Bool
    /// For an item dated after the build's "now": its date, when it will be published; else `nil`.
    public var due: Timestamp?
    /// `draft` or `expired` for a good item not published for that reason; else `nil`.
    public var withheld: String?

    /// A file's result.
    public init(path: String, status: ReadOutcome.Status, id: String?, issues: [ContentIssue], wasRead: Bool) {
        self.path = path
        self.status = status
        self.id = id
        self.issues = issues
        self.wasRead = wasRead
    }
}
