import CuratedContent
import FeedModel
import FeedWriters
import FeedpubSystem

/// The steps that change the output folder: render, stage, commit, remove stale, save state — and `feedpub check`'s
/// rendering in memory.
extension Publisher {
    /// What rendering gave: every selected file staged (or found unchanged), or the items that could not be completed
    /// — nothing is staged then, and the feeds are planned again.
    enum Rendered {
        case staged(Staging)
        case incomplete(ItemFiller.Failures)
    }

    /// ``BuildStep/render``: each selected file rendered into a staged file beside it (`nil`: its bytes are unchanged).
    ///
    /// The feed folders new feeds need are created first, one by one. Then the documents, in the waves of a
    /// ``RenderSchedule``: before each wave, `filler` completes the items it holds that are not complete yet (their
    /// text, their body), on every core; the wave's files are rendered, in every format, each item once per format
    /// whatever the number of documents that hold it; after it, the items no later wave holds are let go, with their
    /// rendered bytes. On any failure, or a stop request, every staged file and every folder created is removed and
    /// nothing is written.
    func render(
        _ selection: Selection,
        feedSet: FeedSet,
        filler: ItemFiller,
        in output: OutputFolder,
        progress: (@Sendable (String, Int, Int) -> Void)?
    ) throws(BuildSteps.Failure) -> Rendered {
        let jobs = selection.toRender
        let created: [[String]]
        do {
            created = try output.createFolders(for: jobs.map(\.path))
        } catch {
            throw .output(error)
        }
        var staged = [StagedFile?](repeating: nil, count: jobs.count)
        var hashes: [String: UInt64] = [:]
        func discardAll() {
            for case let file? in staged { file.discard() }
            output.removeFoldersIfEmpty(created)
        }
        let outcome = renderInWaves(selection, filler: filler, progress: progress) {
            work throws(BuildSteps.Failure) -> (StagedFile?, UInt64) in
            let job = work.job
            do {
                let folder = try output.folder(for: job.path, creating: false)
                let file = StagedFile(job.path, in: folder, of: output, serial: work.serial)
                let sink: (UnsafeRawBufferPointer) throws -> Void = { try file.write($0) }
                if let document = work.document {
                    try job.format.writer.write(document, cache: work.cache, to: sink)
                } else {
                    try aboutBytes(job, feedSet).withUnsafeBytes(sink)
                }
                return (try file.finish() == .staged ? file : nil, file.contentHash)
            } catch let error as OutputError {
                throw .output(error)
            } catch {
                throw .render(path: job.path.description, reason: "\(error)")
            }
        } collect: { serial, made in
            staged[serial] = made.0
            hashes[jobs[serial].path.description] = made.1
        }
        switch outcome {
        case .success(nil):
            return .staged(Staging(files: staged, createdFolders: created, hashes: hashes, output: output))
        case .success(let failures?):
            discardAll()
            return .incomplete(failures)
        case .failure(let error):
            discardAll()
            throw error
        }
    }

    /// One file to render: its job and serial (its place in ``Selection/toRender``), its document with every item
    /// complete (`nil` for the OPML index), and the cache of its format's rendered items.
    struct RenderWork {
        let job: RenderJob
        let serial: Int
        let document: Feed?
        let cache: ItemFragmentCache
    }

    /// The bytes of `job`'s file about `feeds`: the OPML list, the feeds page or a discovery snippet.
    private func aboutBytes(_ job: RenderJob, _ feeds: FeedSet) throws -> [UInt8] {
        let configuration = options.configuration
        let page = HTMLIndexWriter(formats: configuration.formats, feedsURL: configuration.feedSettings.feedsURL)
        switch job.about {
        case .opml, nil:
            return try OPMLWriter(format: job.format).render(
                feeds,
                title: "\(configuration.siteTitle) feeds",
                owner: configuration.feedSettings.publisher
            )
        case .page:
            return try page.render(feeds, title: "\(configuration.siteTitle) feeds", opmlPath: FeedLayout.indexName)
        case .links(let feed):
            return try page.links(of: feed)
        }
    }

    /// Renders `selection`'s files wave by wave (see ``render(_:feedSet:filler:in:progress:)``).
    ///
    /// `write` makes each file; `collect` takes what it made, with the file's serial. Gives the failures of the items that could not be completed, if any, or the
    /// first error of `write`.
    private func renderInWaves<Made: Sendable>(
        _ selection: Selection,
        filler: ItemFiller,
        progress: (@Sendable (String, Int, Int) -> Void)?,
        write: @Sendable (RenderWork) throws(BuildSteps.Failure) -> Made,
        collect: (Int, Made) -> Void
    ) -> Result<ItemFiller.Failures?, BuildSteps.Failure> {
        let jobs = selection.toRender
        let stop = options.stopRequest
        var jobsOf: [Int: [Int]] = [:]
        var indexJobs: [Int] = []
        for (serial, job) in jobs.enumerated() {
            if let feed = job.feed { jobsOf[feed, default: []].append(serial) } else { indexJobs.append(serial) }
        }
        let documents = selection.feeds.map { selection.all[$0] }
        let schedule = RenderSchedule(documents)
        var complete: [String: FeedItem] = [:]
        var done = 0
        /// Writes `work` on every core, collecting what each job made; the first error, if any.
        func run(_ work: [(serial: Int, document: Feed?)], _ caches: [FeedFormat: ItemFragmentCache])
            -> BuildSteps.Failure?
        {
            let made = ParallelMap.map(work, batch: 1) { entry -> Result<Made, BuildSteps.Failure> in
                if let signal = stop?() { return .failure(.interrupted(signal: signal)) }
                let job = jobs[entry.serial]
                guard let cache = caches[job.format] else {
                    return .failure(.render(path: job.path.description, reason: "no cache for its format"))
                }
                do throws(BuildSteps.Failure) {
                    return .success(
                        try write(RenderWork(job: job, serial: entry.serial, document: entry.document, cache: cache))
                    )
                } catch {
                    return .failure(error)
                }
            }
            var firstError: BuildSteps.Failure?
            for (entry, result) in zip(work, made) {
                switch result {
                case .success(let value): collect(entry.serial, value)
                case .failure(let error): if firstError == nil { firstError = error }
                }
            }
            return firstError
        }
        // The files about the feeds first, on their own: they hold no item, and may be all there is to render.
        let passes: [RenderSchedule.Wave?] = (indexJobs.isEmpty ? [] : [nil]) + schedule.waves.map { $0 }
        // Waves help when they hold a small share of the items at once (archive pages); when some document holds
        // nearly every item (the site feed of `--limit 0`), one format at a time keeps one format's rendered items,
        // not three, and each item is completed once for the three.
        let together = schedule.mostHeld * 4 <= schedule.itemCount
        let groups: [[FeedFormat]] = together ? [FeedFormat.allCases] : FeedFormat.allCases.map { [$0] }
        for (group, formats) in groups.enumerated() {
            var caches: [FeedFormat: ItemFragmentCache] = [:]
            for format in formats { caches[format] = ItemFragmentCache() }
            let lastGroup = group == groups.count - 1
            for pass in passes {
                if let signal = stop?() { return .failure(.interrupted(signal: signal)) }
                guard let wave = pass else {
                    guard group == 0 else { continue }
                    let work: [(serial: Int, document: Feed?)] = indexJobs.map { ($0, nil) }
                    var unused: [FeedFormat: ItemFragmentCache] = [:]  // they render no item
                    for format in FeedFormat.allCases { unused[format] = ItemFragmentCache() }
                    if let error = run(work, unused) { return .failure(error) }
                    done += work.count
                    continue
                }
                var missing: [FeedItem] = []
                var seen: Set<String> = []
                for document in wave.documents {
                    for item in documents[document].items
                    where complete[item.id] == nil && filler.needsFilling(item) && seen.insert(item.id).inserted {
                        missing.append(item)
                    }
                }
                switch filler.fill(missing) {
                case .failure(let failures): return .success(failures)
                case .success(let filled): for item in filled { complete[item.id] = item }
                }
                var work: [(serial: Int, document: Feed?)] = []
                for document in wave.documents {
                    let serials = (jobsOf[selection.feeds[document]] ?? []).filter { formats.contains(jobs[$0].format) }
                    guard !serials.isEmpty else { continue }
                    var feed = documents[document]
                    feed.items = feed.items.map { complete[$0.id] ?? $0 }
                    for serial in serials { work.append((serial, feed)) }
                }
                if let error = run(work, caches) { return .failure(error) }
                if lastGroup { for id in wave.release { complete[id] = nil } }
                for cache in caches.values { cache.forget(wave.release) }
                done += work.count
                progress?("writing", done, jobs.count)
            }
        }
        return .success(nil)
    }

    /// ``BuildStep/stage``: new bytes reach the disk before any name points at them — a few files flushed one by one,
    /// many with one flush of the file system.
    func stage(_ staging: Staging, in output: OutputFolder) throws(BuildSteps.Failure) {
        let changed = staging.changed
        do throws(OutputError) {
            if let signal = options.stopRequest?() {
                throw OutputError(path: output.root, operation: "stage", reason: "stopped by \(Signals.name(signal))")
            }
            guard options.durable, !changed.isEmpty else { return }
            if changed.count <= Self.fewFiles {
                for file in changed { try file.sync() }
            } else {
                try output.flush()
            }
        } catch {
            staging.discard()
            if let signal = options.stopRequest?() { throw .interrupted(signal: signal) }
            throw .output(error)
        }
    }

    /// ``BuildStep/commit``: every staged file renamed into place, folder by folder, then the renames flushed.
    ///
    /// A rename that fails stops the commit: the files not renamed yet are discarded and the error names what is new
    /// and what is still old (the next build completes the change: the old files' feeds differ from what it renders).
    func commit(_ staging: Staging, in output: OutputFolder) throws(BuildSteps.Failure) {
        let changed = staging.changed
        guard !changed.isEmpty else {
            staging.discard()  // folders created for files whose bytes turned out unchanged: none, or empty
            return
        }
        var byFolder: [[String]: [StagedFile]] = [:]
        for file in changed { byFolder[file.path.folders, default: []].append(file) }
        let order = byFolder.keys.sorted { $0.lexicographicallyPrecedes($1) }
        var renamed: [String] = []
        var folders: [Directory] = []
        do throws(OutputError) {
            for key in order {
                guard let files = byFolder[key], let first = files.first else { continue }
                let folder = try output.folder(for: first.path, creating: false)
                for file in files {
                    try file.commit(in: folder)
                    renamed.append(file.path.description)
                }
                folders.append(folder)
            }
        } catch {
            let notRenamed = changed.filter(\.isStaged).map(\.path.description).sorted()
            staging.discard()
            throw .commitIncomplete(error, renamed: renamed.sorted(), notRenamed: notRenamed)
        }
        staging.markCommitted()
        guard options.durable else { return }
        do throws(OutputError) {
            if changed.count <= Self.fewFiles {
                for folder in folders {
                    do {
                        try folder.sync()
                    } catch {
                        throw OutputError(error)
                    }
                }
            } else {
                try output.flush()
            }
        } catch {
            throw .commitIncomplete(error, renamed: renamed.sorted(), notRenamed: [])
        }
    }

    /// Up to this many changed files are flushed one by one (`fsync` of each file, then of its folder); more, with
    /// one `syncfs` before and after the renames.
    static let fewFiles = 64

    /// What ``removeStale(_:owned:in:notice:)`` did.
    struct StaleRemoval {
        /// The paths removed.
        var removed: [String] = []
        /// The files feedpub wrote that it could not remove: still its own, tried again by the next build.
        var kept: [String: BuildState.Output] = [:]
    }

    /// ``BuildStep/removeStale``: the files the last build wrote (`owned`) that this one no longer produces (their
    /// community or topic has no items left, or their format is off), removed — each only when it still is the file
    /// feedpub wrote (same size, times and inode).
    ///
    /// A file changed since by someone else is left in place and said; one that cannot be removed is said and tried
    /// again by the next build. Nothing else in the output folder is ever removed.
    func removeStale(
        _ jobs: [RenderJob],
        owned: [String: BuildState.Output],
        in output: OutputFolder,
        notice: (String) -> Void
    ) -> StaleRemoval {
        var result = StaleRemoval()
        let produced = Set(jobs.map(\.path.description))
        for (path, recorded) in owned.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) })
        where !produced.contains(path) {
            guard let parsed = OutputPath(parsing: path) else { continue }
            do {
                switch try output.remove(parsed, written: recorded.stamp) {
                case .removed: result.removed.append(path)
                case .missing: break
                case .changed:
                    notice(
                        "left in place: \(DisplayText.escaped(output.fileSystemPath(parsed))) is no longer a feed of "
                            + "this site, but it changed since feedpub wrote it"
                    )
                }
            } catch {
                notice("cannot remove a feed of this site no longer published: \(error); the next build tries again")
                result.kept[path] = recorded
            }
        }
        return result
    }

    /// ``BuildStep/saveState``: the item log, then the state (each flushed before it is renamed in, and the folder
    /// after, when durable), for the next build.
    ///
    /// The state records every file this build wrote and the stale ones it could not remove: the only files a later
    /// build may remove.
    ///
    /// Every feed is published by now; a failure is ``PublishError/Reason/stateNotSaved(_:published:)``.
    /// The outputs the state records after this build: those `kept` from the last one, and every job's file, with
    /// the hash it was written with (`hashes`).
    func recordedOutputs(
        jobs: [RenderJob],
        found: [OutputPath: FileStamp],
        written: [OutputPath],
        kept: [String: BuildState.Output],
        hashes: [String: UInt64],
        output: OutputFolder
    ) -> [String: BuildState.Output] {
        var outputs = kept
        // The files this build wrote are stamped again; the others are as selecting found them (one that changed
        // since differs from its recorded stamp next time, and is rendered again).
        var stamps = found
        stamps.merge(output.stamps(of: written)) { _, new in new }
        for job in jobs {
            guard let stamp = stamps[job.path] else { continue }
            let path = job.path.description
            outputs[path] = BuildState.Output(
                stamp: stamp,
                fingerprint: job.fingerprint,
                contentHash: hashes[path] ?? 0
            )
        }
        return outputs
    }

    /// ``BuildStep/saveState``: the item log and the state, for the next build.
    func saveState(
        content: Content,
        snapshot: ContentSnapshot,
        outputs: [String: BuildState.Output],
        output: OutputFolder,
        slugs: PublishedSlugs,
        nextDue: Timestamp?,
        fingerprint: String,
        startedAt: Int64,
        summary: PublishSummary
    ) throws(BuildSteps.Failure) {
        do throws(OutputError) {
            let records = try BuildState.save(
                to: output.state,
                outcomes: snapshot.outcomes,
                reused: snapshot.reused,
                log: snapshot.log,
                spool: snapshot.spooled,
                durably: options.durable
            )
            let state = try BuildState.finish(
                records,
                in: output.state,
                fingerprint: fingerprint,
                startedAt: startedAt,
                summary: summary,
                nextDue: nextDue?.seconds ?? Int64.max,
                files: content.files,
                hashes: snapshot.outcomes.map(\.contentHash),
                outputs: outputs,
                slugs: slugs,
                durably: options.durable
            )
            if let memory = options.memory {
                // Appended to the same log, the records reused stay where they were, and so do their outcomes; a
                // compacted log moved them.
                let appended = snapshot.log.map { $0.identity == records.identity } ?? false
                memory.keep(
                    BuildMemory.Saved(
                        stamp: output.state.status(of: "state")?.stamp,
                        state: state,
                        remembered: BuildMemory.Remembered(
                            outcomes: snapshot.outcomes,
                            usable: snapshot.reused.map { appended && $0 != 0 }
                        )
                    )
                )
            }
        } catch {
            options.memory?.keep(nil)
            let published = summary.filesWritten + summary.filesRemoved
            // Nothing changed on disk: the feeds are as the last build left them, and the error is a plain one.
            throw published > 0 ? .stateNotSaved(error, published: published) : .output(error)
        }
    }

    /// ``BuildStep/render`` for `feedpub check`: every feed rendered in every format in memory, so that a writer
    /// failure shows without writing anything; or the items that could not be completed.
    func check(_ selection: Selection, filler: ItemFiller) throws(BuildSteps.Failure) -> ItemFiller.Failures? {
        let layout = options.configuration.layout
        let outcome = renderInWaves(selection, filler: filler, progress: nil) {
            work throws(BuildSteps.Failure) in
            guard let document = work.document else { return }
            do {
                try work.job.format.writer.write(document, cache: work.cache) { _ in }
            } catch {
                throw .render(
                    path: "\(OutputPath(document, work.job.format, in: layout))",
                    reason: "writer failed: \(error)"
                )
            }
        } collect: { _, _ in
        }
        switch outcome {
        case .success(let failures): return failures
        case .failure(let error): throw error
        }
    }
}
