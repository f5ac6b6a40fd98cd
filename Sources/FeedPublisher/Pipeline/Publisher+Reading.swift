import CuratedContent
import Dispatch
import FeedModel
import FeedpubSystem
import Synchronization

/// The steps that find out what the content is: lock, scan, load state, read, settle duplicates.
extension Publisher {
    /// ``BuildStep/lock``: the output folder, created and locked, checked for symbolic links where feed folders
    /// belong, and cleaned of a killed build's temporary files (`nil` for `feedpub check`, which writes nothing).
    func openWorkspace(notice: (String) -> Void) throws(BuildSteps.Failure) -> Workspace? {
        guard !options.checkOnly else { return nil }
        do {
            let output = try OutputFolder(root: options.outputFolder)
            let lock = try output.lock(wait: options.waitForLock) { holder in
                notice("waiting for another feedpub build (\(holder)) on \(options.outputFolder)")
            }
            if let signal = options.stopRequest?() { throw BuildSteps.Failure.interrupted(signal: signal) }
            try output.checkTree(options.configuration.layout)
            return Workspace(
                output: output,
                lock: lock,
                leftovers: output.removeLeftoverTemporaries(options.configuration.layout)
            )
        } catch let error as BuildSteps.Failure {
            throw error
        } catch let error as OutputError {
            throw .output(error)
        } catch {
            throw .output(OutputError(path: options.outputFolder, operation: "lock", reason: "\(error)"))
        }
    }

    /// The configuration checked and a first look at the content folder, before the output folder is touched: a bad
    /// configuration or a content folder that is not there creates nothing (no output folder, no lock file).
    func checkContentFolder() throws(BuildSteps.Failure) {
        // The whole configuration first (a library caller may not have checked it): no site, no feeds.
        do {
            try options.configuration.validate(source: "configuration")
        } catch {
            throw .configuration(error)
        }
        // Opened only to see it is there: the scan opens it again under the lock, so that a build that waited for
        // another one reads the folder as it is then (a deploy may have renamed a new one into place meanwhile).
        do {
            _ = try ContentScanner(root: options.contentFolder).open()
        } catch {
            throw .content(error)
        }
    }

    /// ``BuildStep/scan``: the content folder, open, and every entry of it, in path order.
    ///
    /// With ``BuildOptions/memory``, the last listing brought up to date from the paths its watcher named, when it
    /// named every change (see ``BuildMemory``).
    func scan() throws(BuildSteps.Failure) -> Content {
        let root = options.contentFolder
        do throws(ContentFolderError) {
            let scanner = ContentScanner(root: root)
            let folder = try scanner.open()
            guard let memory = options.memory else { return Content(folder: folder, files: try scanner.scan(folder)) }
            // The folder named may have been replaced by another one (a deploy renames a new one into place).
            let identity = FileSystem.status(of: root, followingLinks: true)?.stamp.inode ?? 0
            var listed: [ContentFile]
            if let last = memory.takeListing(of: root, identity: identity),
                let patched = try scanner.patch(last.files, changed: last.changed, in: folder)
            {
                listed = patched
            } else {
                listed = try scanner.scan(folder)
            }
            memory.keep(listing: listed, of: root, identity: identity)
            return Content(folder: folder, files: listed)
        } catch {
            options.memory?.forgetListing()
            throw .content(error)
        }
    }

    /// ``BuildStep/loadState``: the last build's state; when no content file and no output changed since, its result
    /// (the build stops here, having read only the state, and the item log when a report wants every file or some file
    /// is rejected).
    ///
    /// A state that does not verify is said once, and the build starts from the content.
    func loadState(
        _ content: Content,
        workspace: Workspace?,
        fingerprint: String,
        summary: PublishSummary,
        start: DispatchTime,
        startedAt: Int64,
        now: Timestamp,
        notice: (String) -> Void
    ) throws(BuildSteps.Failure) -> Beginning {
        guard let workspace else { return .changed(.none) }
        let state: BuildState
        var remembered: BuildMemory.Remembered?
        let stamp = options.memory.flatMap { _ in workspace.output.state.status(of: "state")?.stamp }
        if let memory = options.memory, let saved = memory.saved(stamp: stamp), saved.state.fingerprint == fingerprint {
            // The state file is the one this process wrote or loaded: its state as kept, not loaded again.
            state = saved.state
            remembered = saved.remembered
        } else {
            switch BuildState.load(from: workspace.output.state, fingerprint: fingerprint) {
            case .none:
                return .changed(.none)
            case .damaged(let why):
                notice("the state of the last build is damaged (\(why)); reading every content file")
                return .changed(.none)
            case .other(let outputs, let slugs):
                return .changed(LastBuild(state: nil, log: nil, outputs: outputs, slugs: slugs))
            case .current(let current):
                state = current
            }
            // Kept as loaded: a build that finds nothing changed leaves the file as it is.
            options.memory?.keep(BuildMemory.Saved(stamp: stamp, state: state, remembered: BuildMemory.Remembered()))
        }
        let opened = ItemLog.open(in: workspace.output.state, identity: state.logIdentity)
        let log = opened.log
        let last = LastBuild(
            state: state,
            log: log,
            outputs: state.outputs,
            slugs: state.slugs,
            remembered: remembered
        )
        switch opened {
        case .log: break
        case .damaged:
            notice("the item log of the last build is damaged; reading every content file")
            return .changed(last.withoutLog)
        case .missing, .other:
            notice(
                "the item log of the last build is missing or is not the one its state names; reading every content file"
            )
            return .changed(last.withoutLog)
        }
        guard state.nextDue > now.seconds, ContentFile.sameListing(state.files, content.files),
            Self.outputsIntact(state, workspace.output)
        else {
            return .changed(last)
        }
        // A racily clean file is read, and its hash compared: an edit that kept its stamp shows there. When some were
        // and none changed, the state is saved again with this build's start, so that the next build does not read
        // them again (a deploy of the whole folder just before a build would otherwise be read on every run).
        let reader = ContentReader(settings: options.configuration.contentSettings)
        var hashedRacy = false
        var resavedInMemory = false
        for (index, file) in content.files.enumerated() where Self.isRacy(file, state) {
            guard reader.contentHash(of: file, in: content.folder) == state.hashes[index] else { return .changed(last) }
            hashedRacy = true
        }
        if hashedRacy && options.stopRequest?() == nil {
            // Best effort: a state that cannot be saved now only costs the next build the same reads.
            var resaved = state
            resaved.startedAt = startedAt
            let resavedOK = (try? resaved.save(in: workspace.output.state, durably: options.durable)) != nil
            if resavedOK, let memory = options.memory {
                resavedInMemory = true
                let stamp = workspace.output.state.status(of: "state")?.stamp
                memory.keep(
                    BuildMemory.Saved(
                        stamp: stamp,
                        state: resaved,
                        remembered: remembered ?? BuildMemory.Remembered()
                    )
                )
            }
        }
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
            var outcomes: [FileOutcome] = []
            outcomes.reserveCapacity(state.files.count)
            for index in state.files.indices {
                let path = content.files[index].path
                guard let grouping = try? log.grouping(at: state.records[index], path: path, strings: &strings) else {
                    notice("the item log of the last build is damaged; reading every content file")
                    return .changed(last.withoutLog)
                }
                outcomes.append(
                    FileOutcome(
                        path: path,
                        contentHash: state.hashes[index],
                        grouping: grouping,
                        skipped: Self.isSkipped(content.files[index])
                    )
                )
            }
            recorded = results(settled(outcomes, log: log, now: now))
        }
        if !resavedInMemory, let memory = options.memory, let remembered {
            // The kept outcomes were handed over for this build to change; it changed nothing, so they go back.
            memory.keep(BuildMemory.Saved(stamp: stamp, state: state, remembered: remembered))
        }
        if strictRefusal { throw .strictRejected(recorded.filter { !$0.issues.isEmpty }) }
        result.seconds = Self.seconds(since: start)
        Release.inBackground((consume last, consume state))  // 100,000 files' records: not freed on the caller's path
        return .unchanged(BuildResult(summary: result, files: recorded, removed: [], inputsUnchanged: true))
    }

    /// Whether `file` may have changed after the last build read it without its stamp showing it: it was changed at or
    /// after the moment that build started, so within the same tick of a coarse clock ("racily clean", as git calls
    /// it).
    ///
    /// Such a file is compared by its content.
    static func isRacy(_ file: ContentFile, _ state: BuildState) -> Bool {
        (file.modified >= state.startedAt || file.changed >= state.startedAt) && file.kind == .file
    }

    /// Whether the entry is listed as skipped.
    static func isSkipped(_ file: ContentFile) -> Bool {
        if case .skipped = file.kind { return true }
        return false
    }

    /// Whether every output the state records is on disk as it was written.
    static func outputsIntact(_ state: BuildState, _ output: OutputFolder) -> Bool {
        var parsed: [(OutputPath, FileStamp)] = []
        parsed.reserveCapacity(state.outputs.count)
        for (path, recorded) in state.outputs {
            guard let outputPath = OutputPath(parsing: path) else { return false }
            parsed.append((outputPath, recorded.stamp))
        }
        let stamps = output.stamps(of: parsed.lazy.map(\.0))
        return parsed.allSatisfy { path, recorded in stamps[path] == recorded }
    }

    /// ``BuildStep/read``: the outcome of every file, recorded or read now.
    ///
    /// The recorded one where the file's stamp (size, times, inode) is as recorded — grouping fields only, its text
    /// left in the log — and, for a racily clean file, its content hash too; else read now. A read file's body is kept
    /// only when every item is published, so that a large history with a limit does not sit in memory. A record that
    /// does not verify marks the log damaged.
    func read(
        _ content: Content,
        last: inout LastBuild,
        spool: RecordSpool?,
        progress: (@Sendable (String, Int, Int) -> Void)?
    ) throws(BuildSteps.Failure) -> ContentSnapshot {
        let files = content.files
        // Places for the outcomes only when some come from the last build's records (else they are gathered in order).
        let reusing = last.state != nil && last.log != nil
        var outcomes = [FileOutcome?](repeating: nil, count: reusing ? files.count : 0)
        var reused = [UInt64](repeating: 0, count: files.count)
        let reader = ContentReader(settings: options.configuration.contentSettings)
        let keepBodies = options.configuration.limit == .all
        if let aligned = readAligned(content, last: &last, reader: reader, keepBodies: keepBodies) { return aligned }
        let last = last
        let stop = options.stopRequest
        var damaged = false
        if let state = last.state, let log = last.log {
            // Both lists are sorted by path: one pass pairs each file with its record…
            var pairs: [(file: Int, recorded: Int)] = []
            pairs.reserveCapacity(files.count)
            var next = 0
            for (index, file) in files.enumerated() {
                while next < state.files.count && state.files[next].path != file.path
                    && state.files[next].precedes(file)
                {
                    next += 1
                }
                if next < state.files.count && state.files[next] == file { pairs.append((index, next)) }
            }
            // The outcomes this process kept (``BuildMemory``) are taken as they are: only the other pairs go on.
            if let remembered = last.remembered, remembered.outcomes.count == state.files.count {
                pairs.removeAll { pair in
                    guard let outcome = remembered[pair.recorded], !Self.isRacy(files[pair.file], state) else {
                        return false
                    }
                    outcomes[pair.file] = outcome
                    reused[pair.file] = state.records[pair.recorded]
                    return true
                }
            }
            // …and the records are decoded on all cores, each worker with its own table of shared strings; a racily
            // clean file is read and its hash compared first.
            let workers = RunningProcess.processorCount
            let chunkSize = max(1, (pairs.count + workers - 1) / workers)
            let chunks = stride(from: 0, to: pairs.count, by: chunkSize).map {
                pairs[$0..<min($0 + chunkSize, pairs.count)]
            }
            let folder = content.folder
            let remembered = last.remembered
            let decoded = ParallelMap.map(chunks, batch: 1) { chunk -> [(file: Int, outcome: FileOutcome?)] in
                var strings = StringTable()
                return chunk.map { pair in
                    let file = files[pair.file]
                    if Self.isRacy(file, state) {
                        let fresh = reader.read(file, in: folder)
                        guard fresh.contentHash == state.hashes[pair.recorded], fresh.contentHash != 0 else {
                            return (pair.file, FileOutcome(fresh, keepingBody: keepBodies))
                        }
                    }
                    // As the process that saved the state decoded it (``BuildMemory``).
                    if let outcome = remembered?[pair.recorded] { return (pair.file, outcome) }
                    guard
                        let grouping = try? log.grouping(
                            at: state.records[pair.recorded],
                            path: file.path,
                            strings: &strings
                        )
                    else { return (pair.file, nil) }
                    let outcome = FileOutcome(
                        path: file.path,
                        contentHash: state.hashes[pair.recorded],
                        grouping: grouping,
                        skipped: Self.isSkipped(file)
                    )
                    return (pair.file, outcome)
                }
            }
            for chunk in decoded {
                for entry in chunk {
                    guard let outcome = entry.outcome else {
                        damaged = true
                        continue
                    }
                    outcomes[entry.file] = outcome
                }
            }
            if damaged { return ContentSnapshot(outcomes: [], reused: [], log: nil, logDamaged: true) }
            for pair in pairs {
                if let outcome = outcomes[pair.file], !outcome.wasRead {
                    reused[pair.file] = state.records[pair.recorded]
                }
            }
        }
        let toRead = reusing ? files.indices.filter { outcomes[$0] == nil } : Array(files.indices)
        let folder = content.folder
        guard let spool, !keepBodies else {
            let fresh = ParallelMap.map(toRead, progress: Self.phase("reading", of: toRead.count, progress)) {
                index -> FileOutcome? in
                if stop?() != nil { return nil }
                return FileOutcome(reader.read(files[index], in: folder), keepingBody: keepBodies)
            }
            if let signal = stop?() { throw .interrupted(signal: signal) }
            if outcomes.isEmpty { outcomes = Array(repeating: nil, count: files.count) }
            for (index, outcome) in zip(toRead, fresh) { outcomes[index] = outcome }
            return ContentSnapshot(outcomes: outcomes.compactMap { $0 }, reused: reused, log: last.log)
        }
        // Read in runs of files, each run's records written to the spool at once and its names shared.
        let run = 64
        let runs = stride(from: 0, to: toRead.count, by: run).map { toRead[$0..<min($0 + run, toRead.count)] }
        let phase = Self.phase("reading", of: toRead.count, progress)
        let total = toRead.count
        var report: (@Sendable (Int) -> Void)?
        if let phase { report = { done in phase(min(done * run, total)) } }
        let names = SharedNames()
        var fresh = ParallelMap.map(runs, batch: 1, progress: report) {
            indices -> Result<[FileOutcome], OutputError>? in
            if stop?() != nil { return nil }
            return Self.readRun(indices, of: files, in: folder, with: reader, into: spool, names: names)
        }
        if let signal = stop?() { throw .interrupted(signal: signal) }
        // Gathered run by run from the last, each run's array freed as it is taken (at 500,000 items a copy of the
        // outcomes is 32 MB): straight into the result when every file was read, else into their places.
        let everyFile = toRead.count == files.count
        var gathered: [FileOutcome] = []
        if everyFile { gathered.reserveCapacity(files.count) }
        var next = toRead.count
        while let result = fresh.popLast() {
            switch result {
            case .success(let made)?:
                for outcome in made.reversed() {
                    next -= 1
                    if everyFile { gathered.append(outcome) } else { outcomes[toRead[next]] = outcome }
                }
            case .failure(let error)?: throw .output(error)
            case nil: throw .interrupted(signal: stop?() ?? 15)  // a run given up on: only on a stop request
            }
        }
        if everyFile {
            gathered.reverse()
            outcomes = []
        } else {
            gathered = outcomes.compactMap { $0 }
        }
        var snapshot = ContentSnapshot(outcomes: gathered, reused: reused, log: last.log)
        snapshot.spooled = spool
        return snapshot
    }

    /// ``read(_:last:spool:progress:)`` when this process kept the last build's outcomes (``BuildMemory``) and the
    /// listing is the state's, file for file (an edit keeps every path): the kept array, shared, with the files whose
    /// stamp changed read again and the outcomes it cannot stand for decoded from the log; `nil` otherwise (a file
    /// added or removed, or more than an eighth of them to redo).
    ///
    /// The kept outcomes are taken out of `last` (and ``BuildMemory`` gave its own up), so that the array is changed
    /// in place, not copied.
    private func readAligned(
        _ content: Content,
        last: inout LastBuild,
        reader: ContentReader,
        keepBodies: Bool
    ) -> ContentSnapshot? {
        guard let state = last.state, let log = last.log, let remembered = last.remembered else { return nil }
        let files = content.files
        guard remembered.outcomes.count == files.count, state.files.count == files.count else { return nil }
        let limit = files.count / 8 + 16
        guard
            let candidates = ContentFile.indices(
                whereDiffering: files,
                state.files,
                orStampedSince: state.startedAt,
                limit: limit
            )
        else { return nil }
        var redo = Set(candidates.lazy.filter { !(files[$0] == state.files[$0]) || Self.isRacy(files[$0], state) })
        for index in remembered.usable.indices where !remembered.usable[index] {
            redo.insert(index)
            if redo.count > limit { return nil }
        }
        let stale = redo.sorted()
        last.remembered = nil
        var kept = consume remembered
        var reused = state.records
        var strings = StringTable()
        for index in stale {
            let file = files[index]
            guard file == state.files[index] else {
                kept.outcomes[index] = FileOutcome(reader.read(file, in: content.folder), keepingBody: keepBodies)
                reused[index] = 0
                continue
            }
            // The same stamp: its record stands, unless a racily clean file's bytes changed.
            if Self.isRacy(file, state) {
                let fresh = reader.read(file, in: content.folder)
                guard fresh.contentHash == state.hashes[index], fresh.contentHash != 0 else {
                    kept.outcomes[index] = FileOutcome(fresh, keepingBody: keepBodies)
                    reused[index] = 0
                    continue
                }
            }
            if kept[index] != nil { continue }  // the kept outcome is its record's
            guard let grouping = try? log.grouping(at: state.records[index], path: file.path, strings: &strings) else {
                return ContentSnapshot(outcomes: [], reused: [], log: nil, logDamaged: true)
            }
            kept.outcomes[index] = FileOutcome(
                path: file.path,
                contentHash: state.hashes[index],
                grouping: grouping,
                skipped: Self.isSkipped(file)
            )
        }
        return ContentSnapshot(outcomes: kept.outcomes, reused: reused, log: log)
    }

    /// The outcomes of the files at `indices`, read now, their records written to `spool` at once and their names
    /// shared.
    private static func readRun(
        _ indices: ArraySlice<Int>,
        of files: [ContentFile],
        in folder: Directory,
        with reader: ContentReader,
        into spool: RecordSpool,
        names: SharedNames
    ) -> Result<[FileOutcome], OutputError> {
        var records = BinaryWriter(capacity: 128 << 10)
        var read: [(outcome: FileOutcome, record: Int)] = []
        read.reserveCapacity(indices.count)
        for index in indices {
            let outcome = FileOutcome(reader.read(files[index], in: folder), keepingBody: false)
            guard let item = outcome.item, case .known(let text, _) = item.text else {
                read.append((outcome, -1))
                continue
            }
            let record = records.bytes.count
            RecordCoding.encode(issues: outcome.issues, item: (item.record, text), into: &records)
            read.append((outcome, record))
        }
        let base: Int
        do throws(OutputError) {
            base = try spool.append(records.bytes)
        } catch {
            return .failure(error)
        }
        var made: [FileOutcome] = []
        made.reserveCapacity(read.count)
        names.table.withLock { strings in
            for entry in read {
                made.append(
                    entry.record < 0
                        ? entry.outcome
                        : entry.outcome.spooled(record: base + entry.record, strings: &strings)
                )
            }
        }
        return .success(made)
    }

    /// One table of names for all the runs of a read: the same few hundred community and topic names repeat in
    /// every run, and are then kept once.
    final class SharedNames: Sendable {
        let table = Mutex(StringTable())
    }

    /// ``BuildStep/settleDuplicates``: ``settle(_:log:spooled:now:)``, counted; under `--strict`, a rejected item
    /// stops the build.
    func settle(
        _ outcomes: inout [FileOutcome],
        log: ItemLog?,
        spooled: RecordSpool?,
        now: Timestamp,
        into summary: inout PublishSummary
    ) throws(BuildSteps.Failure) -> [Int: FileOutcome] {
        let changed = settle(&outcomes, log: log, spooled: spooled, now: now)
        try count(outcomes, into: &summary)
        return changed
    }

    /// `outcomes` (in path order) with every item whose id another file's item keeps rejected, and every item dated
    /// after `now` scheduled (unless the configuration publishes them at once).
    func settled(_ outcomes: [FileOutcome], log: ItemLog?, spooled: RecordSpool? = nil, now: Timestamp) -> [FileOutcome]
    {
        var settled = outcomes
        _ = settle(&settled, log: log, spooled: spooled, now: now)
        return settled
    }

    /// Settles `outcomes` in place (``settled(_:log:spooled:now:)``), and returns the outcomes it changed as they
    /// were, by index: the array of a build's 100,000 outcomes is not copied for the few hundred that change.
    func settle(_ outcomes: inout [FileOutcome], log: ItemLog?, spooled: RecordSpool?, now: Timestamp) -> [Int:
        FileOutcome]
    {
        var changed = settleDuplicates(&outcomes, log: log, spooled: spooled)
        let includeFuture = options.configuration.includeFuture
        for index in outcomes.indices {
            // The fields read through the item, not its record copied out (a dozen references counted each time).
            guard let item = outcomes[index].item else { continue }
            let withheld: FileOutcome.Withheld?
            if item.record.isDraft {
                withheld = .draft
            } else if let expires = item.record.expires, expires <= now {
                withheld = .expired
            } else {
                withheld = nil
            }
            let due = withheld == nil && item.record.published > now && !includeFuture
            guard withheld != nil || due else { continue }
            changed[index] = changed[index] ?? outcomes[index]
            if let withheld { outcomes[index].withheld = withheld } else { outcomes[index].due = item.record.published }
        }
        return changed
    }

    /// Gives `snapshot` its outcomes as read again, when they were settled in place (`changed`, from
    /// ``settle(_:log:spooled:now:)``, not `nil`): `settled` with the outcomes it changed put back; `changed` is then
    /// `nil`.
    static func restoreOutcomes(
        of snapshot: inout ContentSnapshot,
        settled: [FileOutcome],
        changed: inout [Int: FileOutcome]?
    ) {
        guard let put = changed else { return }
        var outcomes = settled
        for (index, outcome) in put { outcomes[index] = outcome }
        snapshot.outcomes = outcomes
        changed = nil
    }

    /// Rejects in place, in `outcomes` (in path order), every item whose id another file's item keeps
    /// (``DuplicateIDs``), and returns the outcomes it rejected as they were; the titles and links of items that share
    /// an id come from `log` when the file was not read.
    func settleDuplicates(_ outcomes: inout [FileOutcome], log: ItemLog?, spooled: RecordSpool?) -> [Int: FileOutcome] {
        let rejections = duplicateRejections(outcomes, log: log, spooled: spooled)
        var changed: [Int: FileOutcome] = [:]
        changed.reserveCapacity(rejections.count)
        for (index, rejected) in rejections {
            changed[index] = outcomes[index]
            outcomes[index] = rejected
        }
        return changed
    }

    /// The outcome of each file of `read` whose item loses its id to another file's, rejected, by index.
    private func duplicateRejections(
        _ read: [FileOutcome],
        log: ItemLog?,
        spooled: RecordSpool?
    ) -> [(index: Int, outcome: FileOutcome)] {
        func article(_ index: Int) -> (title: String, link: String?)? {
            switch read[index].item?.text {
            case .known(let details, _): return (details.title, details.externalURL)
            case .logged(let offset):
                guard let details = try? log?.details(at: offset) else { return nil }
                return (details.title, details.externalURL)
            case .spooled(let record):
                guard let details = try? spooled?.details(ofRecordAt: record) else { return nil }
                return (details.title, details.externalURL)
            case nil: return nil
            }
        }
        // The same ids in the same files, none of them shared by another file (``BuildMemory``): the same losers.
        let losers: [Int: (Int, DuplicateIDs.Loss)]
        if let kept = options.memory?.losers(for: read) {
            losers = kept
        } else {
            losers = DuplicateIDs.settle(
                read.count,
                id: { read[$0].item?.record.id },
                published: { read[$0].item?.record.published },
                updated: { read[$0].item?.record.updated },
                sameArticle: { a, b in
                    guard let a = article(a), let b = article(b) else { return false }
                    return DuplicateIDs.isSameArticle(title: a.title, link: a.link, title: b.title, link: b.link)
                }
            )
            options.memory?.keep(losers: losers, for: read.map(\.item))
        }
        var rejections: [(index: Int, outcome: FileOutcome)] = []
        rejections.reserveCapacity(losers.count)
        for (loser, (won, loss)) in losers {
            guard let lost = read[loser].item?.record, let kept = read[won].item?.record else { continue }
            let reason = DuplicateIDs.reason(
                loss,
                sourceID: lost.sourceID,
                lost: (lost.published, lost.updated),
                winner: read[won].path,
                kept: (kept.published, kept.updated)
            )
            rejections.append((loser, read[loser].rejected(field: "id", reason)))
        }
        return rejections
    }

    /// Counts `outcomes` into `summary`; under `--strict`, a rejected item stops the build.
    func count(_ outcomes: [FileOutcome], into summary: inout PublishSummary) throws(BuildSteps.Failure) {
        summary.read = outcomes.count
        summary.published = 0
        summary.repaired = 0
        summary.rejected = 0
        summary.skipped = 0
        summary.scheduled = 0
        summary.drafts = 0
        summary.expired = 0
        // Each outcome looked at where it is, not copied out of the array (its path, issues and item counted).
        outcomes.withUnsafeBufferPointer { outcomes in
            for index in outcomes.indices {
                Self.count(outcomes[index], into: &summary)
            }
        }
        if options.strict && summary.rejected > 0 {
            throw .strictRejected(outcomes.filter { !$0.issues.isEmpty }.map(\.result))
        }
    }

    /// Counts `outcome` into `summary`.
    private static func count(_ outcome: borrowing FileOutcome, into summary: inout PublishSummary) {
        switch outcome.withheld {
        case .draft?:
            summary.drafts += 1
            return
        case .expired?:
            summary.expired += 1
            return
        case nil: break
        }
        if outcome.due != nil {
            summary.scheduled += 1
            return
        }
        switch outcome.status {
        case .published: summary.published += 1
        case .repaired: summary.repaired += 1
        case .rejected: summary.rejected += 1
        case .skipped: summary.skipped += 1
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
