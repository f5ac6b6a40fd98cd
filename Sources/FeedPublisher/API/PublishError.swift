public import CuratedContent
import FeedpubSystem

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
        /// The build would remove more of the last build's feeds than allowed, or finds no readable item where the
        /// last build had some: nothing was published.
        case removalRefused(RemovalRefusal)
        /// A signal stopped the build before anything was renamed into place; its temporary files are removed.
        case interrupted(signal: Int32)
        /// Renaming files into place failed part-way: `renamed` are new, `notRenamed` still old. The next build
        /// completes the change.
        case commitIncomplete(OutputError, renamed: [String], notRenamed: [String])
        /// Every file was renamed into place (`published` new or changed ones), but the state could not be saved:
        /// the next build starts from the content, and writes only what differs.
        case stateNotSaved(OutputError, published: Int)
    }

    /// Whether feeds on disk changed before the build stopped (``Reason/commitIncomplete(_:renamed:notRenamed:)``,
    /// ``Reason/stateNotSaved(_:published:)``): the build did not complete, but not nothing was written.
    public var publishedSome: Bool {
        switch reason {
        case .commitIncomplete(_, let renamed, _): !renamed.isEmpty
        case .stateNotSaved: true
        default: false
        }
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
            case .removalRefused(let refusal):
                (refusal.noReadableItem
                    ? "no readable item in the content folder, where the last build published \(refusal.published) "
                        + "feed(s); nothing was published (is the folder mounted? --allow-removal publishes anyway)"
                    : "the build would remove \(refusal.removing) of the \(refusal.published) feeds the last build "
                        + "published, more than \(Self.percent(refusal.limit)) %; nothing was published (--max-remove "
                        + "PERCENT or --allow-removal to go ahead)")
                    + (refusal.movedByLayout > 0
                        ? "; \(refusal.movedByLayout) of them are at paths feeds.folders/feeds.files no longer give: "
                            + "changing the layout moves those feeds' URLs away from their subscribers" : "")
                    + "; the content folder gave \(refusal.found.read) file(s): \(refusal.found.published) published + "
                    + "\(refusal.found.repaired) repaired + \(refusal.found.rejected) rejected + "
                    + "\(refusal.found.skipped) skipped"
            case .interrupted(let signal):
                "stopped by \(Signals.name(signal)) before anything was renamed into place; its temporary files are "
                    + "removed and the published feeds are as they were"
            case .commitIncomplete(let error, let renamed, let notRenamed):
                "\(error); renaming into place stopped part-way: \(renamed.count) file(s) are new ("
                    + Self.list(renamed) + "), \(notRenamed.count) still old (" + Self.list(notRenamed)
                    + "); the next build completes the change"
            case .stateNotSaved(let error, let published):
                "\(error); the feeds were published (\(published) file(s) new or changed) but the state could not be "
                    + "saved: the next build starts from the content and writes only what differs"
            }
        return "\(step): \(text)"
    }

    private static func percent(_ share: Double) -> String {
        let value = share * 100
        return value == value.rounded() ? "\(Int(value))" : "\(value)"
    }

    private static func list(_ paths: [String]) -> String {
        paths.isEmpty ? "none" : paths.prefix(10).joined(separator: ", ") + (paths.count > 10 ? ", …" : "")
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
    /// Build the feeds and their archive pages from the items' records.
    case complete
    /// Decide which files to render: those whose feed changed, or whose bytes on disk are not what was written.
    case select
    /// Render each selected file into a temporary file beside it (or find its bytes unchanged), its items' text and
    /// bodies read a wave of documents at a time.
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
