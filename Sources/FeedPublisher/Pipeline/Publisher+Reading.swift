import CuratedContent
import Dispatch
import FeedModel
import FeedpubSystem

/// The steps that find out what the content is: lock, scan, load state, read, settle duplicates.
extension Publisher {
    /// ``BuildStep/lock``: the output folder, created and locked, and cleaned of a killed build's temporary files
    /// (`nil` for `feedpub check`, which writes nothing).
    func openWorkspace(notice: (String) -> Void) throws(BuildSteps.Failure) -> Workspace? {
        guard !options.checkOnly else { return nil }
        do {
            let output = try OutputFolder(root: options.outputFolder)
            let lock = try output.lock(wait: options.waitForLock) { holder in
                notice("waiting for another feedpub build (\(holder)) on \(options.outputFolder)")
            }
            return Workspace(output: output, lock: lock, leftovers: output.removeLeftoverTemporaries())
        } catch {
            throw .output(error)
        }
    }

    /// ``BuildStep/scan``: every content file, in path order.
    func scan() throws(BuildSteps.Failure) -> [ContentFile] {
        do {
            return try ContentScanner(root: options.contentFolder).scan()
        } catch {
            throw .content(error)
        }
    }

    /// ``BuildStep/loadState``: the last build's state when it was made by this code with this configuration; when no
    /// content file and no output changed since, its result (the build stops here, having read only the state, and
    /// the item log when a report wants every file or some file is rejected).
    func loadState(
        _ files: [ContentFile],
        workspace: Workspace?,
        fingerprint: String,
        summary: PublishSummary,
        start: DispatchTime
    ) throws(BuildSteps.Failure) -> Beginning {
        guard let workspace, let state = BuildState.load(from: workspace.output.stateFolder, fingerprint: fingerprint)
        else { return .changed(nil) }
        let log = ItemLog.open(in: workspace.output.stateFolder, identity: state.logIdentity)
        let last = LastBuild(state: state, log: log)
        guard state.files == files, Self.outputsIntact(state, workspace.output) else { return .changed(last) }
        var result = state.summary
        result.leftoversRemoved = summary.leftoversRemoved
        result.filesUnchanged = state.outputs.count
        result.filesWritten = 0
        result.filesRemoved = 0
        result.dryRun = false
        // The files are decoded when a report wants them, and when some are rejected: their errors are said on
        // every run while they last.
        var recorded: [FileResult] = []
        let strictRefusal = options.strict && result.rejected > 0
        if options.wantsFilesWhenUnchanged || result.rejected > 0, let log {
            var strings = StringTable()
            let outcomes = state.files.indices.compactMap { index -> FileOutcome? in
                guard
                    let grouping = try? log.grouping(
                        at: state.records[index],
                        path: files[index].path,
                        strings: &strings
                    )
                else { return nil }
                return FileOutcome(path: files[index].path, contentHash: state.hashes[index], grouping: grouping)
            }
            recorded = settledDuplicates(outcomes).map(\.result)
        }
        if strictRefusal { throw .strictRejected(recorded.filter { !$0.issues.isEmpty }) }
        result.seconds = Self.seconds(since: start)
        return .unchanged(BuildResult(summary: result, files: recorded, removed: [], inputsUnchanged: true))
    }

    /// Whether every output the state records is on disk as it was written.
    static func outputsIntact(_ state: BuildState, _ output: OutputFolder) -> Bool {
        state.outputs.allSatisfy { path, recorded in
            guard let stamp = FileStamp.ofRegularFile(output.root + "/" + path) else { return false }
            return stamp.size == recorded.size && stamp.modified == recorded.modified
        }
    }

    /// ``BuildStep/read``: the outcome of every file, recorded or read now.
    ///
    /// The recorded one where the file's size and time are as recorded (grouping fields only, its text left in the
    /// log), else read now. A read file's body is kept only when every item is published, so that a large history
    /// with a limit does not sit in memory.
    func read(_ files: [ContentFile], last: LastBuild?, progress: (@Sendable (String, Int, Int) -> Void)?)
        -> ContentSnapshot
    {
        var outcomes = [FileOutcome?](repeating: nil, count: files.count)
        var reused = [UInt64?](repeating: nil, count: files.count)
        if let state = last?.state, let log = last?.log {
            // Both lists are sorted by path: one pass pairs each file with its record…
            var pairs: [(file: Int, recorded: Int)] = []
            pairs.reserveCapacity(files.count)
            var next = 0
            for (index, file) in files.enumerated() {
                while next < state.files.count && state.files[next].path != file.path
                    && ByteOrder.precedes(state.files[next].path, file.path)
                {
                    next += 1
                }
                if next < state.files.count && state.files[next] == file { pairs.append((index, next)) }
            }
            // …and the records are decoded on all cores, each worker with its own table of shared strings.
            let workers = RunningProcess.processorCount
            let chunkSize = max(1, (pairs.count + workers - 1) / workers)
            let chunks = stride(from: 0, to: pairs.count, by: chunkSize).map {
                pairs[$0..<min($0 + chunkSize, pairs.count)]
            }
            let decoded = ParallelMap.map(chunks, batch: 1) { chunk -> [(file: Int, outcome: FileOutcome)] in
                var strings = StringTable()
                return chunk.compactMap { pair in
                    let path = files[pair.file].path
                    guard
                        let grouping = try? log.grouping(
                            at: state.records[pair.recorded],
                            path: path,
                            strings: &strings
                        )
                    else { return nil }
                    return (
                        pair.file, FileOutcome(path: path, contentHash: state.hashes[pair.recorded], grouping: grouping)
                    )
                }
            }
            for chunk in decoded {
                for entry in chunk { outcomes[entry.file] = entry.outcome }
            }
            for pair in pairs where outcomes[pair.file] != nil { reused[pair.file] = state.records[pair.recorded] }
        }
        let toRead = files.indices.filter { outcomes[$0] == nil }
        let reader = ContentReader(settings: options.configuration.contentSettings)
        let contentFolder = options.contentFolder
        let keepBodies = options.configuration.limit == .all
        let fresh = ParallelMap.map(toRead, progress: Self.phase("reading", of: toRead.count, progress)) { index in
            FileOutcome(reader.read(files[index], in: contentFolder), keepingBody: keepBodies)
        }
        for (index, outcome) in zip(toRead, fresh) { outcomes[index] = outcome }
        return ContentSnapshot(outcomes: outcomes.compactMap { $0 }, reused: reused, log: last?.log)
    }

    /// ``BuildStep/settleDuplicates``: `outcomes` with every item whose id another file's item wins rejected
    /// (see ``DuplicateIDs``), counted into `summary`; under `--strict`, any rejection stops the build.
    func settle(_ outcomes: [FileOutcome], into summary: inout PublishSummary) throws(BuildSteps.Failure)
        -> [FileOutcome]
    {
        let settled = settledDuplicates(outcomes)
        try count(settled, into: &summary)
        return settled
    }

    /// `outcomes` (in path order) with every item whose id another file's item wins rejected.
    func settledDuplicates(_ outcomes: [FileOutcome]) -> [FileOutcome] {
        let losers = DuplicateIDs.settle(
            outcomes.count,
            id: { outcomes[$0].item?.record.id },
            updated: { outcomes[$0].item?.record.updated }
        )
        var settled = outcomes
        for (loser, won) in losers {
            guard let lost = outcomes[loser].item?.record, let kept = outcomes[won].item?.record else { continue }
            let reason = DuplicateIDs.reason(
                sourceID: lost.sourceID,
                updated: lost.updated,
                winner: outcomes[won].path,
                winnerUpdated: kept.updated
            )
            settled[loser] = outcomes[loser].rejected(field: "id", reason)
        }
        return settled
    }

    /// Counts `outcomes` into `summary`; under `--strict`, a rejected item stops the build.
    func count(_ outcomes: [FileOutcome], into summary: inout PublishSummary) throws(BuildSteps.Failure) {
        summary.read = outcomes.count
        summary.published = 0
        summary.repaired = 0
        summary.rejected = 0
        for outcome in outcomes {
            switch outcome.status {
            case .published: summary.published += 1
            case .repaired: summary.repaired += 1
            case .rejected: summary.rejected += 1
            }
        }
        if options.strict && summary.rejected > 0 {
            throw .strictRejected(outcomes.filter { !$0.issues.isEmpty }.map(\.result))
        }
    }

    /// A per-item progress callback for `phase`, or `nil` when nobody listens.
    static func phase(
        _ name: String,
        of total: Int,
        _ progress: (@Sendable (String, Int, Int) -> Void)?
    ) -> (@Sendable (Int) -> Void)? {
        guard let progress else { return nil }
        return { done in progress(name, done, total) }
    }
}
