import CuratedContent
import FeedModel
import FeedWriters
import FeedpubSystem

/// The steps that change the output folder: render, stage, commit, remove stale, save state — and `feedpub check`'s
/// rendering in memory.
extension Publisher {
    /// ``BuildStep/render``: each selected file rendered into a staged file beside it (`nil`: its bytes are unchanged).
    ///
    /// One format at a time, each item rendered once per format whatever the number of feeds that hold it. On any
    /// failure every staged file is discarded and nothing is written.
    func render(
        _ selection: Selection,
        feeds: [Int: Feed],
        feedSet: FeedSet,
        in output: OutputFolder,
        progress: (@Sendable (String, Int, Int) -> Void)?
    ) throws(BuildSteps.Failure) -> [StagedFile?] {
        let configuration = options.configuration
        let jobs = selection.toRender
        var results = [Result<StagedFile?, BuildSteps.Failure>](repeating: .success(nil), count: jobs.count)
        for format in FeedFormat.allCases {
            let group = jobs.indices.filter { jobs[$0].format == format }
            guard !group.isEmpty else { continue }
            let cache = ItemFragmentCache()
            let groupResults = ParallelMap.map(
                group,
                batch: 2,
                progress: Self.phase("writing \(format.rawValue)", of: group.count, progress)
            ) { serial -> Result<StagedFile?, BuildSteps.Failure> in
                let job = jobs[serial]
                do {
                    let folder = try output.prepareFolder(for: job.path)
                    let file = try StagedFile(folder: folder, fileName: job.path.fileName, serial: serial)
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

    /// ``BuildStep/stage``: new bytes reach the disk before any name points at them — a few files flushed one by one,
    /// many with one flush of the file system.
    func stage(_ staged: [StagedFile?], in output: OutputFolder) throws(BuildSteps.Failure) {
        let changed = staged.compactMap { $0 }
        guard options.durable, !changed.isEmpty else { return }
        do throws(OutputError) {
            if changed.count <= Self.fewFiles {
                for file in changed { try file.sync() }
            } else {
                try output.flush()
            }
        } catch {
            for file in changed { file.discard() }
            throw .output(error)
        }
    }

    /// ``BuildStep/commit``: every staged file renamed into place, then the renames flushed.
    func commit(_ staged: [StagedFile?], in output: OutputFolder) throws(BuildSteps.Failure) {
        let changed = staged.compactMap { $0 }
        do throws(OutputError) {
            for file in changed { try file.commit() }
            guard options.durable, !changed.isEmpty else { return }
            if changed.count <= Self.fewFiles {
                for folder in Set(changed.map(\.folder)) { try OutputFolder.syncFolder(folder) }
            } else {
                try output.flush()
            }
        } catch {
            for file in changed { file.discard() }
            throw .output(error)
        }
    }

    /// Up to this many changed files are flushed one by one (`fsync` of each file, then of its folder); more, with
    /// one `syncfs` before and after the renames.
    static let fewFiles = 64

    /// ``BuildStep/removeStale``: the feed files this build no longer produces (their community or topic has no items
    /// left, or their format is off), removed; their paths.
    func removeStale(_ jobs: [RenderJob], in output: OutputFolder) throws(BuildSteps.Failure) -> [String] {
        var removed: [String] = []
        let produced = Set(jobs.map(\.path))
        for stale in output.existingFeedFiles().subtracting(produced).sorted() {
            do {
                try output.remove(stale)
            } catch {
                throw .output(error)
            }
            removed.append(stale.description)
        }
        return removed
    }

    /// ``BuildStep/saveState``: the item log and the state, for the next build.
    func saveState(
        files: [ContentFile],
        snapshot: ContentSnapshot,
        jobs: [RenderJob],
        output: OutputFolder,
        fingerprint: String,
        summary: PublishSummary
    ) throws(BuildSteps.Failure) {
        var outputs: [String: BuildState.Output] = [:]
        for job in jobs {
            guard let stamp = FileStamp.ofRegularFile(output.fileSystemPath(job.path)) else { continue }
            outputs[job.path.description] = BuildState.Output(
                size: stamp.size,
                modified: stamp.modified,
                fingerprint: job.fingerprint
            )
        }
        do {
            let records = try BuildState.save(
                to: output.stateFolder,
                fingerprint: fingerprint,
                summary: summary,
                files: files,
                outcomes: snapshot.outcomes,
                reused: snapshot.reused,
                log: snapshot.log
            )
            try BuildState.finish(
                records,
                in: output.stateFolder,
                fingerprint: fingerprint,
                summary: summary,
                files: files,
                hashes: snapshot.outcomes.map(\.contentHash),
                outputs: outputs
            )
        } catch {
            throw .output(error)
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
                    return "\(feed.location.path)/\(format.fileName): \(error)"
                }
            }
            return nil
        }
        if let failure = failures.compactMap({ $0 }).first {
            throw .render(path: failure, reason: "writer failed")
        }
    }
}
