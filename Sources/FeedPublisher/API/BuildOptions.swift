import FeedpubSystem

/// How to run a build: where from, where to, and how strictly.
public struct BuildOptions: Sendable {
    /// The content folder.
    public var contentFolder: String
    /// The output folder.
    public var outputFolder: String
    /// The configuration (file, then options).
    public var configuration: PublishConfiguration
    /// Publish nothing if any item would be rejected.
    public var strict = false
    /// Analyse only: read, map and render, write nothing (`feedpub check`).
    public var checkOnly = false
    /// Wait for another build on the same output folder to finish (else fail at once).
    public var waitForLock = true
    /// When nothing changed since the last build, load the recorded outcome of every file anyway (for a report);
    /// without it such a build reads only feedpub's small state file.
    public var wantsFilesWhenUnchanged = false
    /// Flush new files to disk (`fsync`, or `syncfs` for many) before they replace the old ones, and the renames after.
    public var durable = true
    /// What names the running code in the incremental state: the program's build id.
    ///
    /// A state written by other code is not used (tests set another value to act as another build of feedpub).
    package var codeIdentity = RunningProcess.codeIdentity

    /// Options for a build of `contentFolder` into `outputFolder`.
    public init(contentFolder: String, outputFolder: String, configuration: PublishConfiguration) {
        self.contentFolder = contentFolder
        self.outputFolder = outputFolder
        self.configuration = configuration
    }
}
