import CuratedContent

/// Everything a build found and did: the summary, every file's outcome, and the feeds it removed.
public struct BuildResult: Sendable {
    /// The counts.
    public var summary: PublishSummary
    /// One per content file, in path order.
    public var outcomes: [ReadOutcome]
    /// Output paths of removed feed files.
    public var removed: [String]

    /// A result.
    public init(summary: PublishSummary, outcomes: [ReadOutcome], removed: [String]) {
        self.summary = summary
        self.outcomes = outcomes
        self.removed = removed
    }

    /// Every warning and error, in file order.
    public var issues: [ContentIssue] { outcomes.flatMap(\.issues) }
}
