import CuratedContent
import FeedModel
import FeedWriters
import FeedpubSystem

/// The steps that change the output folder: render, stage, commit, remove stale, save state — and `feedpub check`'s
/// rendering in memory.
extension Publisher {
    /// ``BuildStep/render``: each selected file rendered into a staged file beside it (`nil`: its bytes are unchanged).
    ///
    /// The feed folders new feeds need are created first, one by one. Then one format at a time, each item rendered
    /// once per format whatever the number of feeds that hold it. On any failure, or a stop request, every staged
    /// file and every folder created is removed and nothing is written.
    func render(
        _ selection: Selection,
        feeds: [Int: Feed],
        feedSet: FeedSet,
        in output: OutputFolder,
        progress: (@Sendable (String, Int, Int) -> Void)?
    ) throws(BuildSteps.Failure) -> Staging {
        let configuration = options.configuration
        let stop = options.stopRequest
        let jobs = selection.toRender
        let created: [[String]]
        do {
            created = try output.createFolders(for: jobs.map(\.path))
        } catch {
            throw .output(error)
        }
        var results = [Result<StagedFile?, BuildSteps.Failure>](repeating: .success(nil), count: jobs.count)
        var hashes: [String: UInt64] = [:]
        for format in FeedFormat.allCases {
            let group = jobs.indices.filter { jobs[$0].format == format }
            guard !group.isEmpty else { continue }
            let cache = ItemFragmentCache()
            let groupResults = ParallelMap.map(
                group,
                batch: 2,
                progress: Self.phase("writing \(format.rawValue)", of: group.count, progress)
            ) { serial -> Result<(StagedFile?, UInt64), BuildSteps.Failure> in
                if let signal = stop?() { return .failure(.interrupted(signal: signal)) }
                let job = jobs[serial]
                do {
                    let folder = try output.folder(for: job.path, creating: false)
                    let file = StagedFile(job.path, in: folder, of: output, serial: serial)
                    let sink: (UnsafeRawBufferPointer) throws -> Void = { try file.write($0) }
                    if let index = job.feed {
                        guard let feed = feeds[index] else {
                            return .failure(.render(path: job.path.description, reason: "its feed was not prepared"))
                        }
                        try job.format.writer.write(feed, cache: cache, to: sink)
                    } else {
                        let bytes = try OPMLWriter(format: job.format).render(
                            feedSet,
                            title: "\(configuration.siteTitle) feeds",
                            owner: configuration.feedSettings.publisher
                        )
                        try bytes.withUnsafeBytes(sink)
                    }
                    return .success((try file.finish() == .staged ? file : nil, file.contentHash))
                } catch let error as OutputError {
                    return .failure(.output(error))
                } catch {
                    return .failure(.render(path: job.path.description, reason: "\(error)"))
                }
            }
            for (serial, result) in zip(group, groupResults) {
                results[serial] = result.map(\.0)
                if case .success(let (_, hash)) = result { hashes[jobs[serial].path.description] = hash }
            }
        }
        var staged: [StagedFile?] = []
        for result in results {
            switch result {
            case .success(let file): staged.append(file)
            case .failure(let error):
                for case .success(let file?) in results { file.discard() }
                output.removeFoldersIfEmpty(created)
                throw error
            }
        }
        return Staging(files: staged, createdFolders: created, hashes: hashes, output: output)
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
    func saveState(
        content: Content,
        snapshot: ContentSnapshot,
        jobs: [RenderJob],
        kept: [String: BuildState.Output],
        hashes: [String: UInt64],
        output: OutputFolder,
        slugs: PublishedSlugs,
        nextDue: Timestamp?,
        fingerprint: String,
        startedAt: Int64,
        summary: PublishSummary
    ) throws(BuildSteps.Failure) {
        var outputs = kept
        let stamps = output.stamps(of: jobs.lazy.map(\.path))
        for job in jobs {
            guard let stamp = stamps[job.path] else { continue }
            let path = job.path.description
            outputs[path] = BuildState.Output(
                stamp: stamp,
                fingerprint: job.fingerprint,
                contentHash: hashes[path] ?? 0
            )
        }
        do throws(OutputError) {
            let records = try BuildState.save(
                to: output.state,
                outcomes: snapshot.outcomes,
                reused: snapshot.reused,
                log: snapshot.log,
                spool: snapshot.spooled,
                durably: options.durable
            )
            try BuildState.finish(
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
        } catch {
            let published = summary.filesWritten + summary.filesRemoved
            // Nothing changed on disk: the feeds are as the last build left them, and the error is a plain one.
            throw published > 0 ? .stateNotSaved(error, published: published) : .output(error)
        }
    }

    /// ``BuildStep/render`` for `feedpub check`: every feed rendered in every format in memory, so that a writer
    /// failure shows without writing anything.
    func check(_ feeds: [Int: Feed]) throws(BuildSteps.Failure) {
        let formats = options.configuration.formats
        let all = feeds.keys.sorted().compactMap { feeds[$0] }
        let failures = ParallelMap.map(all, batch: 4) { feed -> String? in
            for format in formats {
                do {
                    try format.writer.write(feed, cache: nil) { _ in }
                } catch {
                    return "\(OutputPath(feed, format, in: options.configuration.layout)): \(error)"
                }
            }
            return nil
        }
        if let failure = failures.compactMap({ $0 }).first {
            throw .render(path: failure, reason: "writer failed")
        }
    }
}
