public import FeedModel
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
    /// The build's "now": items dated after it are scheduled, not published.
    ///
    /// `nil`: the clock (`SOURCE_DATE_EPOCH` and `--now` set it on the command line, for reproducible runs).
    public var now: Timestamp?
    /// Analyse only: read, map and render, write nothing (`feedpub check`).
    public var checkOnly = false
    /// Wait for another build on the same output folder to finish (else fail at once).
    public var waitForLock = true
    /// When nothing changed since the last build, load the recorded outcome of every file anyway (for a report);
    /// without it such a build reads only feedpub's small state file.
    public var wantsFilesWhenUnchanged = false
    /// List every content file in ``BuildResult/files``; `false` lists only those with something to say — issues, a
    /// due date, a draft or an expiry — which is all the command line prints or reports (at 500,000 items, a result
    /// for every file is 40 MB).
    public var listsEveryFile = true
    /// Flush new files to disk (`fsync`, or `syncfs` for many) before they replace the old ones, and the renames after.
    public var durable = true
    /// The largest share of the feeds the last build published that a build may remove (0.5: half): a build that would
    /// remove more — an empty content folder from a mount not up yet, a checkout that failed — publishes nothing and
    /// says why, unless ``allowsRemoval``.
    ///
    /// A build that finds no readable item where the last one had some is refused the same way.
    public var maximumRemovedShare = Self.defaultMaximumRemovedShare
    /// Half: the default of ``maximumRemovedShare``.
    public static let defaultMaximumRemovedShare = 0.5
    /// Let a build remove any share of the published feeds, and publish from a folder with no readable item.
    public var allowsRemoval = false
    /// Asked at safe points between and within the steps: a signal number there stops the build, its temporary files
    /// removed (before the commit; a build already renaming files into place finishes first).
    ///
    /// The command line answers with the SIGINT, SIGTERM or SIGHUP it caught.
    public var stopRequest: (@Sendable () -> Int32?)?
    /// What a process that builds again and again keeps between its builds (`feedpub serve --watch`); `nil`: every
    /// build starts from the disk.
    package var memory: BuildMemory?
    /// Told the files a build committed, before it saves its state (`feedpub serve` serves them at once; the state
    /// then names the same files).
    package var onPublished: (@Sendable (PublishedFiles) -> Void)?
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
