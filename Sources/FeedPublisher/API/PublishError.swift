public import CuratedContent

/// Why a build stopped, and in which step: `commit: feeds/all/rss.xml: rename failed: … (errno 1)`.
///
/// Nothing is renamed into place before the ``BuildStep/commit`` step, so an error in an earlier step leaves the
/// published feeds as they were.
public struct PublishError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Error, Sendable {
        /// The configuration cannot be used.
        case configuration(ConfigurationError)
        /// The content folder cannot be read.
        case content(ContentFolderError)
        /// The output folder cannot be written (or is locked by another build).
        case output(OutputError)
        /// `--strict`, and some items would be rejected: every file with issues, in path order.
        case strictRejected([FileResult])
        /// A writer failed on a feed (a bug: the model should never hold what a writer refuses).
        case render(path: String, reason: String)
    }

    /// The step the build was in.
    public var step: BuildStep
    /// What went wrong.
    public var reason: Reason

    /// An error of `reason` in `step`.
    public init(step: BuildStep, reason: Reason) {
        self.step = step
        self.reason = reason
    }

    /// The message as a terminal shows it: the step, then the reason.
    public var description: String {
        let text =
            switch reason {
            case .configuration(let error): "\(error)"
            case .content(let error): "\(error)"
            case .output(let error): "\(error)"
            case .strictRejected(let files):
                "--strict: \(files.count { $0.status == .rejected }) item(s) would be rejected (see the errors above); "
                    + "nothing was published"
            case .render(let path, let reason): "\(path): cannot be written: \(reason)"
            }
        return "\(step): \(text)"
    }
}

/// The steps of a build, in order; each is timed under its name (`FEEDPUB_TIMING=1`) and names itself in errors.
public enum BuildStep: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Create the output folder, take its lock, remove what a killed build left.
    case lock
    /// List the content files.
    case scan
    /// Load the last build's state; stop here when nothing changed.
    case loadState = "load state"
    /// Read the files that changed; take the others' outcomes from the item log.
    case read
    /// Reject items whose id another file's item wins; count; refuse under `--strict`.
    case settleDuplicates = "settle duplicates"
    /// Decide which items go in which feed, and settle every slug.
    case plan
    /// Complete the items that made a feed (their text, from the item log) and build the feeds.
    case complete
    /// Decide which files to render: those whose feed changed, or whose bytes on disk are not what was written.
    case select
    /// Read the bodies of the items of the feeds to render.
    case readBodies = "read bodies"
    /// Render each selected file into a temporary file beside it (or find its bytes unchanged).
    case render
    /// Flush the temporary files to disk.
    case stage
    /// Rename them into place and flush the folders.
    case commit
    /// Remove the files of feeds that have no items left.
    case removeStale = "remove stale"
    /// Save the state for the next build.
    case saveState = "save state"

    /// The step's name.
    public var description: String { rawValue }
}
