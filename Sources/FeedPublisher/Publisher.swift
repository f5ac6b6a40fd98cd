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

    /// Runs the build. `progress` receives phase names and counts; `notice` receives one-line messages
    /// (waiting for a lock).
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

        let reader = ContentReader(settings: configuration.contentSettings)
        let files: [ContentFile]
        do {
            files = try ContentScanner(root: options.contentFolder).scan()
        } catch {
            throw .content(error)
        }
        let contentFolder = options.contentFolder
        timer.lap("list \(files.count) files")
        // With a limit, bodies are read later, only for the items that make it into a feed.
        let includeBody = configuration.limit == 0
        let read = ParallelMap.map(files, progress: Self.phase("reading", of: files.count, progress)) { file in
            reader.read(file, in: contentFolder, includeBody: includeBody)
        }
        timer.lap("read \(files.count) files")
        let outcomes = DuplicateIDs.resolve(read)
        timer.lap("settle duplicate ids")
        count(outcomes, into: &summary)
        if options.strict && summary.rejected > 0 { throw .strictRejected(count: summary.rejected) }

        let items = outcomes.compactMap(\.item)
        timer.lap("collect items")
        var feeds = FeedSetBuilder(settings: configuration.feedSettings).build(items)
        summary.feeds = feeds.all.count
        timer.lap("group into \(summary.feeds) feeds")
        if !includeBody {
            var paths: [String: String] = [:]
            for outcome in outcomes { if let item = outcome.item { paths[item.id] = outcome.path } }
            feeds = BodyLoader(reader: reader.itemReader, contentFolder: contentFolder).fill(feeds, paths: paths)
            timer.lap("read the bodies of the items in feeds")
        }

        var removed: [String] = []
        if let output {
            let jobs = renderJobs(feeds)
            let staged = try stage(jobs, feeds: feeds, in: output, progress: progress)
            do throws(OutputError) {
                // New bytes reach the disk before any name points at them; then the renames, flushed too.
                let changed = staged.contains { $0 != nil }
                if options.durable && changed { try output.flush() }
                for file in staged { try file?.commit() }
                if options.durable && changed { try output.flush() }
            } catch {
                staged.forEach { $0?.discard() }
                throw .output(error)
            }
            timer.lap("render and stage \(jobs.count) files")
            summary.filesWritten = staged.count { $0 != nil }
            summary.filesUnchanged = staged.count - summary.filesWritten
            let produced = Set(jobs.map { $0.path })
            for stale in output.existingFeedFiles().subtracting(produced).sorted() {
                do throws(OutputError) {
                    try output.remove(stale)
                } catch {
                    throw .output(error)
                }
                removed.append(stale.description)
            }
            summary.filesRemoved = removed.count
        } else {
            try check(feeds)
        }
        timer.lap("commit and clean up")
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return BuildResult(summary: summary, outcomes: outcomes, removed: removed)
    }

    private func count(_ outcomes: [ReadOutcome], into summary: inout PublishSummary) {
        summary.read = outcomes.count
        for outcome in outcomes {
            switch outcome.status {
            case .published: summary.published += 1
            case .repaired: summary.repaired += 1
            case .rejected: summary.rejected += 1
            }
        }
    }

    /// One file to write: a feed in a format, or the OPML index (`feedIndex` nil).
    private struct RenderJob: Sendable {
        var path: OutputPath
        var feedIndex: Int?
        var format: FeedFormat
    }

    private func renderJobs(_ feeds: FeedSet) -> [RenderJob] {
        var jobs: [RenderJob] = []
        for (index, feed) in feeds.all.enumerated() {
            for format in options.configuration.formats {
                guard let path = OutputPath(feedPath: feed.path, fileName: format.fileName) else { continue }
                jobs.append(RenderJob(path: path, feedIndex: index, format: format))
            }
        }
        if let opml = OutputPath(topLevel: "index.opml") {
            jobs.append(RenderJob(path: opml, feedIndex: nil, format: options.configuration.effectiveOPMLFormat))
        }
        return jobs
    }

    /// Renders every job into a staged file; `nil` entries are unchanged files. On any failure every staged
    /// file is discarded and nothing is written.
    private func stage(
        _ jobs: [RenderJob],
        feeds: FeedSet,
        in output: OutputFolder,
        progress: (@Sendable (String, Int, Int) -> Void)?
    ) throws(PublishError) -> [StagedFile?] {
        let all = feeds.all
        let configuration = options.configuration
        let numbered = jobs.enumerated().map { (serial: $0.offset, job: $0.element) }
        let results = ParallelMap.map(
            numbered,
            batch: 4,
            progress: Self.phase("writing", of: jobs.count, progress)
        ) { serial, job -> Result<StagedFile?, PublishError> in
            do {
                let folder = try output.prepareFolder(for: job.path)
                let file = try StagedFile(folder: folder, fileName: job.path.fileName, serial: serial)
                let sink: (UnsafeRawBufferPointer) throws -> Void = { try file.write($0) }
                if let index = job.feedIndex {
                    try Self.write(all[index], format: job.format, to: sink)
                } else {
                    let owner = configuration.feedSettings.publisher
                    let bytes = try OPMLWriter(format: job.format).render(
                        feeds,
                        title: "\(configuration.siteTitle) feeds",
                        owner: owner
                    )
                    try bytes.withUnsafeBytes(sink)
                }
                return .success(try file.finish() == .staged ? file : nil)
            } catch let error as OutputError {
                return .failure(.output(error))
            } catch {
                return .failure(.render(path: job.path.description, reason: "\(error)"))
            }
        }
        var staged: [StagedFile?] = []
        for result in results {
            switch result {
            case .success(let file): staged.append(file)
            case .failure(let error):
                for case .success(let file?) in results { file.discard() }
                throw error
            }
        }
        return staged
    }

    /// A per-item progress callback for `phase`, or `nil` when nobody listens.
    private static func phase(
        _ name: String,
        of total: Int,
        _ progress: (@Sendable (String, Int, Int) -> Void)?
    ) -> (@Sendable (Int) -> Void)? {
        guard let progress else { return nil }
        return { done in progress(name, done, total) }
    }

    static func write(_ feed: Feed, format: FeedFormat, to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        switch format {
        case .rss: try RSSWriter().write(feed, to: sink)
        case .atom: try AtomWriter().write(feed, to: sink)
        case .json: try JSONFeedWriter().write(feed, to: sink)
        }
    }

    /// `feedpub check`: every feed is rendered in memory, so that a writer failure shows without writing.
    private func check(_ feeds: FeedSet) throws(PublishError) {
        let formats = options.configuration.formats
        let failures = ParallelMap.map(feeds.all, batch: 4) { feed -> String? in
            for format in formats {
                do {
                    try Self.write(feed, format: format) { _ in }
                } catch {
                    return "\(feed.path)/\(format.fileName): \(error)"
                }
            }
            return nil
        }
        if let failure = failures.compactMap({ $0 }).first {
            throw .render(path: failure, reason: "writer failed")
        }
    }
}
