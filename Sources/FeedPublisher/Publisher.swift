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
            // New bytes reach the disk before any name points at them; then the renames, flushed too.
            let changed = staged.contains { $0 != nil }
            if options.durable && changed { try output.flush() }
            for file in staged { try file?.commit() }
            if options.durable && changed { try output.flush() }
        } catch {
            staged.forEach { $0?.discard() }
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
            outputs[job.path.description] = BuildState.Output(size: stamp.size, modified: stamp.modified, fingerprint: job.fingerprint)
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
        return BuildResult(summary: summary, outcomes: outcomes, removed: removed)
    }

    /// Nothing changed since the last build: its counts, its outcomes only when a report wants them.
    private func unchanged(_ state: BuildState, output: OutputFolder, leftovers: Int, start: DispatchTime)
        throws(PublishError) -> BuildResult
    {
        var summary = state.summary
        summary.leftoversRemoved = leftovers
        summary.filesUnchanged = state.outputs.count
        summary.filesWritten = 0
        summary.filesRemoved = 0
        summary.dryRun = false
        var outcomes: [ReadOutcome] = []
        if options.wantsOutcomesWhenUnchanged, let log = ItemLog.open(in: output.stateFolder, identity: state.logIdentity) {
            var strings = StringTable()
            outcomes = state.files.indices.compactMap { index in
                try? log.outcome(
                    at: state.records[index],
                    path: state.files[index].path,
                    contentHash: state.hashes[index],
                    strings: &strings
                ).outcome
            }
        }
        if options.strict && summary.rejected > 0 { throw .strictRejected(count: summary.rejected) }
        summary.seconds = Self.seconds(since: start)
        return BuildResult(summary: summary, outcomes: outcomes, removed: [], inputsUnchanged: true)
    }

    /// Whether every output the state records is on disk as it was written.
    private static func outputsIntact(_ state: BuildState, _ output: OutputFolder) -> Bool {
        state.outputs.allSatisfy { path, recorded in
            guard let stamp = BuildState.stamp(output.root + "/" + path) else { return false }
            return stamp.size == recorded.size && stamp.modified == recorded.modified
        }
    }

    /// The outcome of every file: the recorded one where the file's size and time are as recorded (grouping
    /// fields only; see ``ContentSnapshot``), else read — with its body when there is no limit, so that no
    /// file is read twice.
    private func read(
        _ files: [ContentFile],
        state: BuildState?,
        output: OutputFolder?,
        progress: (@Sendable (String, Int, Int) -> Void)?,
        timer: inout PhaseTimer
    ) -> ContentSnapshot {
        var outcomes = [ReadOutcome?](repeating: nil, count: files.count)
        var reused = [UInt64?](repeating: nil, count: files.count)
        var details = [Int](repeating: -1, count: files.count)
        var log: ItemLog?
        if let state, let output, let opened = ItemLog.open(in: output.stateFolder, identity: state.logIdentity) {
            log = opened
            // Both lists are sorted by path: one pass pairs each file with its record…
            var pairs: [(file: Int, recorded: Int)] = []
            pairs.reserveCapacity(files.count)
            var next = 0
            for (index, file) in files.enumerated() {
                while next < state.files.count && state.files[next].path != file.path
                    && ContentScanner.precedes(state.files[next].path, file.path)
                {
                    next += 1
                }
                if next < state.files.count && state.files[next] == file { pairs.append((index, next)) }
            }
            // …and the records are decoded on all cores, each worker with its own table of shared strings.
            let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
            let chunkSize = (pairs.count + workers - 1) / max(1, workers)
            let chunks = stride(from: 0, to: pairs.count, by: max(1, chunkSize)).map { pairs[$0..<min($0 + chunkSize, pairs.count)] }
            let decoded = ParallelMap.map(chunks, batch: 1) { chunk -> [(file: Int, outcome: ReadOutcome, details: Int)] in
                var strings = StringTable()
                return chunk.compactMap { pair in
                    guard let recorded = try? opened.outcome(
                        at: state.records[pair.recorded],
                        path: files[pair.file].path,
                        contentHash: state.hashes[pair.recorded],
                        strings: &strings
                    ) else { return nil }
                    return (pair.file, recorded.outcome, recorded.details)
                }
            }
            for chunk in decoded {
                for entry in chunk {
                    outcomes[entry.file] = entry.outcome
                    details[entry.file] = entry.details
                }
            }
            for pair in pairs where outcomes[pair.file] != nil { reused[pair.file] = state.records[pair.recorded] }
            timer.lap("load the state of \(state.files.count) files")
        }
        let toRead = files.indices.filter { outcomes[$0] == nil }
        let reader = ContentReader(settings: options.configuration.contentSettings)
        let contentFolder = options.contentFolder
        let includeBody = options.configuration.limit == 0
        let fresh = ParallelMap.map(toRead, progress: Self.phase("reading", of: toRead.count, progress)) { index in
            reader.read(files[index], in: contentFolder, includeBody: includeBody)
        }
        timer.lap("read \(toRead.count) of \(files.count) files")
        for (index, outcome) in zip(toRead, fresh) { outcomes[index] = outcome }
        return ContentSnapshot(outcomes: outcomes.compactMap { $0 }, reused: reused, details: details, log: log)
    }

    /// `feeds` with the bodies of their items read from the content files.
    private func fill(_ feeds: [Feed], outcomes: [ReadOutcome]) -> [Feed] {
        let reader = ItemReader(settings: options.configuration.contentSettings)
        return BodyLoader(reader: reader, contentFolder: options.contentFolder).fill(feeds, outcomes: outcomes)
    }

    private static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
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

    /// One file to write: a feed in a format, or the OPML index (`feedIndex` nil), and the fingerprint of
    /// everything its bytes depend on.
    private struct RenderJob: Sendable {
        var path: OutputPath
        var feedIndex: Int?
        var format: FeedFormat
        var fingerprint: UInt64
    }

    private func renderJobs(_ feeds: FeedSet, fingerprint: String) -> [RenderJob] {
        var jobs: [RenderJob] = []
        let all = feeds.all
        let feedFingerprints = ParallelMap.map(all, batch: 8) { feed in
            FeedFingerprint.of(feed, configuration: fingerprint)
        }
        for (index, feed) in all.enumerated() {
            for format in options.configuration.formats {
                guard let path = OutputPath(feedPath: feed.path, fileName: format.fileName) else { continue }
                jobs.append(RenderJob(path: path, feedIndex: index, format: format, fingerprint: feedFingerprints[index]))
            }
        }
        if let opml = OutputPath(topLevel: "index.opml") {
            let format = options.configuration.effectiveOPMLFormat
            jobs.append(RenderJob(path: opml, feedIndex: nil, format: format, fingerprint: FeedFingerprint.ofIndex(feeds, configuration: fingerprint)))
        }
        return jobs
    }

    /// Renders every job into a staged file; `nil` entries are unchanged files. On any failure every staged
    /// file is discarded and nothing is written.
    private func stage(
        _ jobs: [RenderJob],
        feeds: [Int: Feed],
        feedSet: FeedSet,
        in output: OutputFolder,
        progress: (@Sendable (String, Int, Int) -> Void)?
    ) throws(PublishError) -> [StagedFile?] {
        let configuration = options.configuration
        // One format at a time, each with a cache of its rendered items: an item is rendered once per format,
        // whatever the number of feeds that hold it, and only one format's items are held at once.
        var results = [Result<StagedFile?, PublishError>](repeating: .success(nil), count: jobs.count)
        for format in FeedFormat.allCases {
            let group = jobs.indices.filter { jobs[$0].format == format }
            guard !group.isEmpty else { continue }
            let cache = ItemFragmentCache()
            let groupResults = ParallelMap.map(group, batch: 2, progress: Self.phase("writing \(format.rawValue)", of: group.count, progress)) {
                serial -> Result<StagedFile?, PublishError> in
                let job = jobs[serial]
                do {
                    let folder = try output.prepareFolder(for: job.path)
                    let file = try StagedFile(folder: folder, fileName: job.path.fileName, serial: serial)
                    let sink: (UnsafeRawBufferPointer) throws -> Void = { try file.write($0) }
                    if let index = job.feedIndex, let feed = feeds[index] {
                        try Self.write(feed, format: job.format, cache: cache, to: sink)
                    } else {
                        let bytes = try OPMLWriter(format: job.format).render(
                            feedSet,
                            title: "\(configuration.siteTitle) feeds",
                            owner: configuration.feedSettings.publisher
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
            for (serial, result) in zip(group, groupResults) { results[serial] = result }
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

    static func write(
        _ feed: Feed,
        format: FeedFormat,
        cache: ItemFragmentCache? = nil,
        to sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        try format.writer.write(feed, cache: cache, to: sink)
    }

    /// `feedpub check`: every feed is rendered in memory, so that a writer failure shows without writing.
    private func check(_ feeds: [Feed]) throws(PublishError) {
        let formats = options.configuration.formats
        let failures = ParallelMap.map(feeds, batch: 4) { feed -> String? in
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
