import CuratedContent
import FeedModel
import FeedWriters
import Foundation

/// What the build knows of the content: the last build's state, and what must be read again.
extension Publisher {
    /// Nothing changed since the last build: its counts, its outcomes only when a report wants them.
    func unchanged(_ state: BuildState, output: OutputFolder, leftovers: Int, start: DispatchTime)
        throws(PublishError) -> BuildResult
    {
        var summary = state.summary
        summary.leftoversRemoved = leftovers
        summary.filesUnchanged = state.outputs.count
        summary.filesWritten = 0
        summary.filesRemoved = 0
        summary.dryRun = false
        var outcomes: [ReadOutcome] = []
        if options.wantsOutcomesWhenUnchanged,
            let log = ItemLog.open(in: output.stateFolder, identity: state.logIdentity)
        {
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
    static func outputsIntact(_ state: BuildState, _ output: OutputFolder) -> Bool {
        state.outputs.allSatisfy { path, recorded in
            guard let stamp = BuildState.stamp(output.root + "/" + path) else { return false }
            return stamp.size == recorded.size && stamp.modified == recorded.modified
        }
    }

    /// The outcome of every file: the recorded one where the file's size and time are as recorded (grouping
    /// fields only; see ``ContentSnapshot``), else read — with its body when there is no limit, so that no
    /// file is read twice.
    func read(
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
            let chunks = stride(from: 0, to: pairs.count, by: max(1, chunkSize)).map {
                pairs[$0..<min($0 + chunkSize, pairs.count)]
            }
            let decoded = ParallelMap.map(chunks, batch: 1) {
                chunk -> [(file: Int, outcome: ReadOutcome, details: Int)] in
                var strings = StringTable()
                return chunk.compactMap { pair in
                    guard
                        let recorded = try? opened.outcome(
                            at: state.records[pair.recorded],
                            path: files[pair.file].path,
                            contentHash: state.hashes[pair.recorded],
                            strings: &strings
                        )
                    else { return nil }
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
    func fill(_ feeds: [Feed], outcomes: [ReadOutcome]) -> [Feed] {
        let reader = ItemReader(settings: options.configuration.contentSettings)
        return BodyLoader(reader: reader, contentFolder: options.contentFolder).fill(feeds, outcomes: outcomes)
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

}
