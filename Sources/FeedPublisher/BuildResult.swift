import CuratedContent

/// Everything a build found and did: the summary, every file's outcome, and the feeds it removed.
public struct BuildResult: Sendable {
    /// The counts.
    public var summary: PublishSummary
    /// One per content file, in path order.
    public var outcomes: [ReadOutcome]
    /// Output paths of removed feed files.
    public var removed: [String]
    /// Whether no content file changed since the last build (nothing was read; ``outcomes`` are the recorded
    /// ones, and only when ``BuildOptions/wantsOutcomesWhenUnchanged``).
    public var inputsUnchanged: Bool
    /// For each outcome, whether this build read its file (else it is the last build's, and its issues were
    /// reported then).
    public var read: [Bool]

    /// A result.
    public init(
        summary: PublishSummary,
        outcomes: [ReadOutcome],
        removed: [String],
        inputsUnchanged: Bool = false,
        read: [Bool]? = nil
    ) {
        self.summary = summary
        self.outcomes = outcomes
        self.removed = removed
        self.inputsUnchanged = inputsUnchanged
        self.read = read ?? Array(repeating: !inputsUnchanged, count: outcomes.count)
    }

    /// Every warning and error, in file order.
    public var issues: [ContentIssue] { outcomes.flatMap(\.issues) }
}
