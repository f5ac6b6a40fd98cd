import CuratedContent
import FeedModel
import FeedWriters
import FeedpubSystem
import Foundation

/// The whole build, as a sequence of named steps (``BuildStep``): read the content, group it into feeds, write every
/// feed in every format, atomically.
///
/// Nothing is renamed into place before every file to change is rendered and flushed, so a failure or a stop request
/// in any step before ``BuildStep/commit`` leaves the old output whole; the error names the step.
public struct Publisher: Sendable {
    /// What to build.
    public var options: BuildOptions

    /// A build with `options`.
    public init(options: BuildOptions) {
        self.options = options
    }

    /// Runs the build.
    ///
    /// `progress` receives phase names and counts; `notice` receives one-line messages (waiting for a lock, a
    /// damaged state, a file left in place).
    public func run(
        progress: (@Sendable (String, Int, Int) -> Void)? = nil,
        notice: (String) -> Void = { _ in }
    ) throws(PublishError) -> BuildResult {
        let start = DispatchTime.now()
        // A file changed at or after this moment is "racily clean" for the next build: compared by content.
        let startedAt = Clock.fileTimeFloor()
        // Items dated after this are scheduled: the output depends on the clock only when one comes due.
        let now = options.now ?? Timestamp(seconds: Clock.now / 1_000_000_000)
        var steps = BuildSteps(stopRequest: options.stopRequest)
        try steps.run(.scan) { () throws(BuildSteps.Failure) in try checkContentFolder() }
        let workspace = try steps.run(.lock) { () throws(BuildSteps.Failure) in try openWorkspace(notice: notice) }
        defer { withExtendedLifetime(workspace) {} }
        var summary = PublishSummary()
        summary.dryRun = options.checkOnly
        summary.leftoversRemoved = workspace?.leftovers ?? 0
        let content = try steps.run(.scan) { () throws(BuildSteps.Failure) in try scan() }
        let fingerprint = BuildFingerprint.of(options.configuration, code: options.codeIdentity)
        let beginning = try steps.run(.loadState) { () throws(BuildSteps.Failure) in
            try loadState(
                content,
                workspace: workspace,
                fingerprint: fingerprint,
                summary: summary,
                start: start,
                startedAt: startedAt,
                now: now,
                notice: notice
            )
        }
        var last: LastBuild
        switch consume beginning {
        case .unchanged(let result):
            Release.inBackground(consume content)
            return result
        case .changed(let previous): last = previous
        }
        // Where the text of the files read waits until a feed needs it. A build without output keeps it in memory, and
        // so does one whose `.feedpub/` takes no new file (made immutable, say): it can still publish.
        let spool = workspace.flatMap { try? RecordSpool(in: $0.output.state) }
        defer { spool?.remove() }
        var snapshot = try steps.run(.read) { () throws(BuildSteps.Failure) in
            try read(content, last: &last, spool: spool, progress: progress)
        }
        if snapshot.logDamaged {
            notice("the item log of the last build is damaged; reading every content file")
            last = last.withoutLog
            snapshot = try steps.run(.read) { () throws(BuildSteps.Failure) in
                try read(content, last: &last, spool: spool, progress: progress)
            }
        }
        // Settled in place: the snapshot's outcomes are `outcomes` with `unsettled` put back
        // (``restoreOutcomes(of:settled:changed:)``), when needed: after the new files are served, not before.
        var outcomes = snapshot.outcomes
        snapshot.outcomes = []
        var unsettled: [Int: FileOutcome]? = try steps.run(.settleDuplicates) { () throws(BuildSteps.Failure) in
            try settle(&outcomes, log: snapshot.log, spooled: snapshot.spooled, now: now, into: &summary)
        }
        // Planned again when an item drops out or changes: when its file cannot give its body again (the next item
        // takes its place), when it changed since it was read (it is read again), or when the item log turns out
        // damaged (every file is then read).
        var variantsSaid = false
        while true {
            let planned = steps.run(.plan) { plan(outcomes, published: last.slugs) }
            if !variantsSaid {
                for variants in planned.plan.nameVariants { notice("warning: \(variants)") }
                variantsSaid = true
            }
            let feeds = steps.run(.complete) { complete(planned, outcomes: outcomes) }
            summary.feeds = feeds.all.count
            summary.archivePages = feeds.archives.count
            let selection = try steps.run(.select) { () throws(BuildSteps.Failure) in
                try select(
                    feeds,
                    output: workspace?.output,
                    last: last,
                    fingerprint: fingerprint,
                    summary: summary,
                    outcomes: outcomes
                )
            }
            let filler = ItemFiller(
                outcomes: outcomes,
                sources: planned.sources,
                log: snapshot.log,
                spooled: snapshot.spooled,
                content: content,
                settings: options.configuration.contentSettings,
                builder: FeedSetBuilder(
                    settings: options.configuration.feedSettings,
                    published: planned.plan.publishedSlugs
                )
            )
            let rendered: Rendered
            if let workspace {
                rendered = try steps.run(.render) { () throws(BuildSteps.Failure) in
                    try render(selection, feedSet: feeds, filler: filler, in: workspace.output, progress: progress)
                }
            } else {
                let failures = try steps.run(.render) { () throws(BuildSteps.Failure) in
                    try check(selection, filler: filler)
                }
                guard let failures else {
                    summary.seconds = Self.seconds(since: start)
                    let result = BuildResult(summary: summary, files: results(outcomes), removed: [])
                    Release.inBackground((snapshot, consume outcomes, consume feeds, consume filler))
                    return result
                }
                rendered = .incomplete(failures)
            }
            let staged: Staging
            switch rendered {
            case .staged(let files):
                staged = files
            case .incomplete(let failures) where failures.damaged:
                notice("the item log of the last build is damaged; reading every content file")
                last = last.withoutLog
                snapshot = try steps.run(.read) { () throws(BuildSteps.Failure) in
                    try read(content, last: &last, spool: spool, progress: progress)
                }
                outcomes = snapshot.outcomes
                snapshot.outcomes = []
                unsettled = try steps.run(.settleDuplicates) { () throws(BuildSteps.Failure) in
                    try settle(&outcomes, log: snapshot.log, spooled: snapshot.spooled, now: now, into: &summary)
                }
                continue
            case .incomplete(let failures):
                Self.restoreOutcomes(of: &snapshot, settled: outcomes, changed: &unsettled)
                do throws(BuildSteps.Failure) {
                    try settledAgain(
                        after: failures,
                        content: content,
                        now: now,
                        snapshot: &snapshot,
                        outcomes: &outcomes,
                        summary: &summary
                    )
                } catch {
                    throw PublishError(step: .render, reason: error)
                }
                continue
            }
            guard let workspace else { continue }
            try steps.run(.stage) { () throws(BuildSteps.Failure) in try stage(staged, in: workspace.output) }
            steps.stopsAllowed = false  // from here on the build finishes: renames are quick, and cut half-way they
            // would leave some feeds new and some old
            try steps.run(.commit) { () throws(BuildSteps.Failure) in try commit(staged, in: workspace.output) }
            summary.filesWritten = staged.changed.count
            warnAboutLargeFiles(staged, in: workspace.output, notice: notice)
            summary.filesUnchanged = selection.jobs.count - summary.filesWritten
            let removal = steps.run(.removeStale) {
                removeStale(selection.jobs, owned: last.outputs, in: workspace.output, notice: notice)
            }
            summary.filesRemoved = removal.removed.count
            let outputs = recordedOutputs(
                jobs: selection.jobs,
                found: selection.stamps,
                written: staged.changed.map(\.path),
                kept: removal.kept,
                // A file not rendered keeps the hash it was written with; one rendered has the hash of its bytes.
                hashes: last.outputs.mapValues(\.contentHash).merging(staged.hashes) { $1 },
                output: workspace.output
            )
            if let published = options.onPublished, !staged.changed.isEmpty || !removal.removed.isEmpty {
                published(PublishedFiles.committed(outputs, in: workspace.output, layout: options.configuration.layout))
            }
            Self.restoreOutcomes(of: &snapshot, settled: outcomes, changed: &unsettled)
            try steps.run(.saveState) { () throws(BuildSteps.Failure) in
                try saveState(
                    content: content,
                    snapshot: snapshot,
                    outputs: outputs,
                    output: workspace.output,
                    slugs: planned.plan.publishedSlugs,
                    nextDue: Self.nextChange(outcomes),
                    fingerprint: fingerprint,
                    startedAt: startedAt,
                    summary: summary
                )
            }
            summary.seconds = Self.seconds(since: start)
            // The outcomes as read are saved: their array goes before the results are made (32 MB at 500,000 items,
            // the last step's peak of resident memory).
            snapshot.outcomes = []
            var result = BuildResult(summary: summary, files: results(outcomes), removed: removal.removed)
            result.written = staged.changed.map(\.path.description).sorted()
            Release.inBackground(
                (snapshot, consume outcomes, consume feeds, consume filler, consume staged, consume selection)
            )
            return result
        }
    }

    /// When the output next changes with no file changing: the first scheduled item comes due, or the first
    /// published item expires.
    static func nextChange(_ outcomes: [FileOutcome]) -> Timestamp? {
        var next: Timestamp?
        for outcome in outcomes {
            var moment = outcome.due
            if outcome.due == nil, outcome.withheld == nil { moment = outcome.item?.record.expires }
            if let moment, next.map({ moment < $0 }) ?? true { next = moment }
        }
        return next
    }

    /// The size past which readers refuse a feed (CommaFeed 5 MiB; miniflux 15 MiB).
    static let largeFeed: Int64 = 5 << 20

    /// Names every feed file written larger than ``largeFeed``, pointing to archives.
    func warnAboutLargeFiles(_ staged: Staging, in output: OutputFolder, notice: (String) -> Void) {
        let layout = options.configuration.layout
        let paths = staged.changed.map(\.path).filter { $0.feed(in: layout)?.format != nil }
        for (path, stamp) in output.stamps(of: paths).sorted(by: { $0.key < $1.key }) where stamp.size > Self.largeFeed
        {
            let megabytes = (Double(stamp.size) / 1_048_576 * 10).rounded() / 10
            notice(
                "warning: \(DisplayText.escaped(output.fileSystemPath(path))) is \(megabytes) MiB: readers refuse feeds "
                    + "this large (CommaFeed 5 MiB, miniflux 15 MiB); publish the history as archive pages instead "
                    + "(feeds.archive: 100 with a feeds.limit, or --archive 100)"
            )
        }
    }

    /// The results of `outcomes`: all of them, or only those with something to say (``BuildOptions/listsEveryFile``).
    func results(_ outcomes: [FileOutcome]) -> [FileResult] {
        if options.listsEveryFile { return outcomes.map(\.result) }
        return outcomes.filter(\.isNoteworthy).map(\.result)
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
