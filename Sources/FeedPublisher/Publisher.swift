import CuratedContent
import FeedModel
import FeedWriters
import Foundation

/// The whole build: read the content, group it into feeds, write every feed in every format, atomically.
///
/// Steps: lock the output folder; clean up what a killed build left; read every content file on all cores;
/// build the ``FeedSet``; render each feed into a ``StagedFile`` (unchanged files are not touched); when every
/// file is ready, rename them into place; remove feeds that no longer have items; report.
/// Nothing is renamed into place unless every file was rendered, so a failure leaves the old output whole.
public struct Publisher: Sendable {
    /// What to build.
    public var options: BuildOptions

    /// A build with `options`.
    public init(options: BuildOptions) {
        self.options = options
    }

    /// Runs the build.
    ///
    /// `progress` receives phase names and counts; `notice` receives one-line messages (waiting for a lock).
    public func run(
        progress: (@Sendable (String, Int, Int) -> Void)? = nil,
        notice: (String) -> Void = { _ in }
    ) throws(PublishError) -> BuildResult {
        let start = DispatchTime.now()
        var timer = PhaseTimer()
        let configuration = options.configuration
        var summary = PublishSummary()
        summary.dryRun = options.checkOnly

        let output: OutputFolder?
        let lock: OutputLock?
        do {
            output = options.checkOnly ? nil : try OutputFolder(root: options.outputFolder)
            lock = try output?.lock(wait: options.waitForLock) { holder in
                notice("waiting for another feedpub build (\(holder)) on \(options.outputFolder)")
            }
        } catch {
            throw .output(error)
        }
        defer { withExtendedLifetime(lock) {} }
        summary.leftoversRemoved = output?.removeLeftoverTemporaries() ?? 0

        let files: [ContentFile]
        do {
            files = try ContentScanner(root: options.contentFolder).scan()
        } catch {
            throw .content(error)
        }
        timer.lap("list \(files.count) files")
        let fingerprint = configuration.fingerprint
        let state = output.flatMap { BuildState.load(from: $0.stateFolder, fingerprint: fingerprint) }
        timer.lap("load the list of the last build")
        if let state, let output, state.files == files, Self.outputsIntact(state, output) {
            return try unchanged(state, output: output, leftovers: summary.leftoversRemoved, start: start)
        }

        // Per-file outcomes (what the state keeps), then duplicate ids settled across files.
        let snapshot = read(files, state: state, output: output, progress: progress, timer: &timer)
        let raw = snapshot.outcomes
        let outcomes = DuplicateIDs.resolve(raw)
        timer.lap("settle duplicate ids")
        count(outcomes, into: &summary)
        if options.strict && summary.rejected > 0 { throw .strictRejected(count: summary.rejected) }

        var items: [FeedItem] = []
        var itemOutcome: [Int] = []
        for index in outcomes.indices {
            if let item = outcomes[index].item {
                items.append(item)
                itemOutcome.append(index)
            }
        }
        let builder = FeedSetBuilder(settings: configuration.feedSettings)
        let plan = builder.plan(items)
        let contentReader = ContentReader(settings: configuration.contentSettings)
        snapshot.complete(&items, members: plan.members, outcomeOf: itemOutcome) { outcome in
            contentReader.read(files[outcome], in: options.contentFolder, includeBody: false).item
        }
        let feeds = builder.materialize(plan, items: items)
        summary.feeds = feeds.all.count
        timer.lap("group into \(summary.feeds) feeds")

        guard let output else {
            try check(fill(feeds.all, outcomes: outcomes))
            summary.seconds = Self.seconds(since: start)
            return BuildResult(summary: summary, outcomes: outcomes, removed: [])
        }

        // Only the files whose feed changed (or whose bytes on disk are not what was written) are rendered.
        let allJobs = renderJobs(feeds, fingerprint: fingerprint)
        let jobs = allJobs.filter { job in
            guard let recorded = state?.outputs[job.path.description], recorded.fingerprint == job.fingerprint,
                let stamp = BuildState.stamp(output.fileSystemPath(job.path))
            else { return true }
            return stamp.size != recorded.size || stamp.modified != recorded.modified
        }
        let neededFeeds = Set(jobs.compactMap(\.feedIndex))
        let all = feeds.all
        let filled = fill(neededFeeds.sorted().map { all[$0] }, outcomes: outcomes)
        var feedsToRender: [Int: Feed] = [:]
        for (index, feed) in zip(neededFeeds.sorted(), filled) { feedsToRender[index] = feed }
        timer.lap("read the bodies of the items of \(neededFeeds.count) feeds")

        let staged = try stage(jobs, feeds: feedsToRender, feedSet: feeds, in: output, progress: progress)
        do throws(OutputError) {
            // New bytes reach the disk before any name points at them; then the renames, flushed too. A few files
            // are flushed one by one (with their folders); many at once with one flush of the file system.
            let changed = staged.compactMap { $0 }
            let oneByOne = changed.count <= 64
            if options.durable && !changed.isEmpty {
                if oneByOne {
                    for file in changed { try file.sync() }
                } else {
                    try output.flush()
                }
            }
            for file in changed { try file.commit() }
            if options.durable && !changed.isEmpty {
                if oneByOne {
                    for folder in Set(changed.map(\.folder)) { try OutputFolder.syncFolder(folder) }
                } else {
                    try output.flush()
                }
            }
        } catch {
            for file in staged { file?.discard() }
            throw .output(error)
        }
        timer.lap("render and stage \(jobs.count) of \(allJobs.count) files")
        summary.filesWritten = staged.count { $0 != nil }
        summary.filesUnchanged = allJobs.count - summary.filesWritten

        var removed: [String] = []
        let produced = Set(allJobs.map(\.path))
        for stale in output.existingFeedFiles().subtracting(produced).sorted() {
            do throws(OutputError) {
                try output.remove(stale)
            } catch {
                throw .output(error)
            }
            removed.append(stale.description)
        }
        summary.filesRemoved = removed.count

        var outputs: [String: BuildState.Output] = [:]
        for job in allJobs {
            guard let stamp = BuildState.stamp(output.fileSystemPath(job.path)) else { continue }
            outputs[job.path.description] = BuildState.Output(
                size: stamp.size,
                modified: stamp.modified,
                fingerprint: job.fingerprint
            )
        }
        do throws(OutputError) {
            let records = try BuildState.save(
                to: output.stateFolder,
                fingerprint: fingerprint,
                summary: summary,
                files: files,
                outcomes: raw,
                reused: snapshot.reused,
                log: snapshot.log
            )
            try BuildState.finish(
                records,
                in: output.stateFolder,
                fingerprint: fingerprint,
                summary: summary,
                files: files,
                hashes: raw.map(\.contentHash),
                outputs: outputs
            )
        } catch {
            throw .output(error)
        }
        timer.lap("commit, clean up and save the state")
        summary.seconds = Self.seconds(since: start)
        return BuildResult(summary: summary, outcomes: outcomes, removed: removed, read: snapshot.read)
    }

    func count(_ outcomes: [ReadOutcome], into summary: inout PublishSummary) {
        summary.read = outcomes.count
        for outcome in outcomes {
            switch outcome.status {
            case .published: summary.published += 1
            case .repaired: summary.repaired += 1
            case .rejected: summary.rejected += 1
            }
        }
    }

}
