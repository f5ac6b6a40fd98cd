import CuratedContent
import FeedModel
import FeedWriters
import FeedpubSystem

/// The steps that turn outcomes into feeds: plan, complete, select, read bodies.
extension Publisher {
    /// A plan, and for each of its items the outcome it came from.
    struct PlannedFeeds {
        let plan: FeedPlan
        let outcomeOf: [Int]
    }

    /// One file to write: a feed in a format, or the OPML index (`feed` nil), and the fingerprint of everything its
    /// bytes depend on.
    struct RenderJob: Sendable {
        var path: OutputPath
        /// The feed's index in ``FeedSet/all``.
        var feed: Int?
        var format: FeedFormat
        var fingerprint: UInt64
    }

    /// What to render: every file this build produces, and those whose bytes may change.
    struct Selection {
        /// Every file of the build.
        let jobs: [RenderJob]
        /// The files to render.
        let toRender: [RenderJob]
        /// The feeds those files are rendered from, by index in ``all``.
        let feeds: [Int]
        /// Every feed.
        let all: [Feed]
    }

    /// ``BuildStep/plan``: which published items go in which feed.
    func plan(_ outcomes: [FileOutcome], published: PublishedSlugs) -> PlannedFeeds {
        var items: [FeedPlan.Item] = []
        var outcomeOf: [Int] = []
        items.reserveCapacity(outcomes.count)
        for index in outcomes.indices {
            guard let item = outcomes[index].item, outcomes[index].due == nil, outcomes[index].withheld == nil else {
                continue
            }
            items.append(item.record.planItem)
            outcomeOf.append(index)
        }
        let plan = FeedSetBuilder(settings: options.configuration.feedSettings, published: published).plan(items)
        return PlannedFeeds(plan: plan, outcomeOf: outcomeOf)
    }

    /// ``BuildStep/complete``: the feeds of `planned`, each item with its text and, where it was kept, its body.
    ///
    /// The text is known from this build's reading or decoded from the item log. `nil` when a record of the log cannot
    /// be decoded and its file no longer gives the same item: the log cannot be trusted.
    func complete(
        _ planned: PlannedFeeds,
        outcomes: [FileOutcome],
        content: Content,
        log: ItemLog?,
        spooled: RecordSpool?
    ) -> FeedSet? {
        let reader = ContentReader(settings: options.configuration.contentSettings)
        let keepBodies = options.configuration.limit == .all
        var items: [Int: FeedItem] = [:]
        for member in planned.plan.members {
            let outcome = outcomes[planned.outcomeOf[member]]
            guard let published = outcome.item else { return nil }
            switch published.text {
            case .known(let details, let body):
                items[member] = published.record.item(details: details, body: body, digest: outcome.contentHash)
            case .logged, .spooled:
                let details: ItemDetails? =
                    switch published.text {
                    case .logged(let offset): try? log?.details(at: offset)
                    case .spooled(let record): try? spooled?.details(ofRecordAt: record)
                    case .known: nil
                    }
                if let details {
                    items[member] = published.record.item(details: details, body: nil, digest: outcome.contentHash)
                    continue
                }
                // A damaged record: the file itself, when it still gives the same item.
                let fresh = reader.read(content.files[planned.outcomeOf[member]], in: content.folder)
                guard var item = fresh.item, item.id == published.record.id else { return nil }
                if !keepBodies { item.contentHTML = nil }
                items[member] = item
            }
        }
        return FeedSetBuilder(settings: options.configuration.feedSettings, published: planned.plan.publishedSlugs)
            .materialize(planned.plan, items: items)
    }

    /// ``BuildStep/select``: every file of the build with the fingerprint of what it is rendered from, and those to
    /// render — the ones whose fingerprint changed or whose bytes on disk are not what was written (all of them for
    /// `feedpub check`, which has no output).
    ///
    /// Refuses, before anything changes, a build that would remove more than the allowed share of the feeds the last
    /// build published, or that has no readable item where the last build published feeds
    /// (``PublishError/Reason/removalRefused(_:)``).
    func select(
        _ feeds: FeedSet,
        output: OutputFolder?,
        last: LastBuild,
        fingerprint: String,
        summary: PublishSummary,
        outcomes: [FileOutcome]
    ) throws(BuildSteps.Failure) -> Selection {
        let configuration = options.configuration
        let all = feeds.documents
        let digests = FeedFingerprint.itemDigests(feeds)
        let feedFingerprints = ParallelMap.map(all, batch: 8) { feed in
            FeedFingerprint.of(feed, configuration: fingerprint, items: digests)
        }
        var jobs: [RenderJob] = []
        for (index, feed) in all.enumerated() {
            for format in configuration.formats {
                jobs.append(
                    RenderJob(
                        path: OutputPath(feed, format, in: configuration.layout),
                        feed: index,
                        format: format,
                        fingerprint: feedFingerprints[index]
                    )
                )
            }
        }
        jobs.append(
            RenderJob(
                path: .index,
                feed: nil,
                format: configuration.effectiveOPMLFormat,
                fingerprint: FeedFingerprint.ofIndex(feeds, configuration: fingerprint)
            )
        )
        if output != nil {
            try guardRemoval(produced: Set(all.map(\.location)), last: last, summary: summary, outcomes: outcomes)
        }
        let stamps = output?.stamps(of: jobs.lazy.map(\.path)) ?? [:]
        let toRender = jobs.filter { job in
            guard let recorded = last.state?.outputs[job.path.description], recorded.fingerprint == job.fingerprint,
                let stamp = stamps[job.path]
            else { return true }
            return stamp != recorded.stamp
        }
        let needed = Set(toRender.compactMap(\.feed)).sorted()
        return Selection(jobs: jobs, toRender: toRender, feeds: needed, all: all)
    }

    /// Throws when this build would remove too many of the feeds the last build wrote, or has nothing readable.
    private func guardRemoval(
        produced: Set<FeedLocation>,
        last: LastBuild,
        summary: PublishSummary,
        outcomes: [FileOutcome]
    ) throws(BuildSteps.Failure) {
        guard !options.allowsRemoval else { return }
        // A recorded file of an earlier layout counts as a feed of its own: moving every feed's URL is a removal too.
        var published: Set<String> = []
        var elsewhere: Set<String> = []
        for path in last.outputs.keys {
            guard let parsed = OutputPath(parsing: path), parsed != .index else { continue }
            if let feed = parsed.feed(in: options.configuration.layout) {
                published.insert(feed.location.path)
            } else {
                elsewhere.insert("/" + parsed.folders.joined(separator: "/"))
            }
        }
        published.formUnion(elsewhere)
        guard !published.isEmpty else { return }
        let removing =
            summary.published + summary.repaired == 0
            ? published.count : published.subtracting(produced.lazy.map(\.path)).count
        let noReadableItem = summary.published + summary.repaired == 0
        guard noReadableItem || Double(removing) > options.maximumRemovedShare * Double(published.count) else { return }
        var refusal = RemovalRefusal(
            removing: removing,
            published: published.count,
            limit: options.maximumRemovedShare,
            noReadableItem: noReadableItem,
            found: summary,
            files: outcomes.filter { !$0.issues.isEmpty }.map(\.result)
        )
        refusal.movedByLayout = elsewhere.count
        throw .removalRefused(refusal)
    }

    /// ``BuildStep/readBodies``: the feeds to render, with the body of every item read from its file (unless kept).
    ///
    /// The file is opened again beneath the content folder and its content hash compared with the one it had when
    /// read: an item whose file cannot be read again (removed, made unreadable, no longer with a front matter) is
    /// rejected in `outcomes` with the reason, never published with an empty body; one whose file changed since it
    /// was read is read again (twice at most: a file that keeps changing is rejected). Either way the result is `nil`
    /// and the feeds are planned again.
    func readBodies(
        _ selection: Selection,
        content: Content,
        now: Timestamp,
        snapshot: inout ContentSnapshot,
        outcomes: inout [FileOutcome],
        summary: inout PublishSummary
    ) throws(BuildSteps.Failure) -> [Int: Feed]? {
        let loader = BodyLoader(
            reader: ItemReader(settings: options.configuration.contentSettings),
            content: content,
            limit: ContentReader(settings: options.configuration.contentSettings).maximumFileSize
        )
        let loaded = loader.fill(selection.feeds.map { selection.all[$0] }, outcomes: outcomes)
        guard loaded.unreadable.isEmpty && loaded.changed.isEmpty else {
            let reader = ContentReader(settings: options.configuration.contentSettings)
            let keepBodies = options.configuration.limit == .all
            for index in loaded.changed.sorted() {
                snapshot.rereads[index, default: 0] += 1
                if snapshot.rereads[index, default: 0] > 2 {
                    snapshot.outcomes[index] = snapshot.outcomes[index].rejected(
                        field: "file",
                        "keeps changing while feedpub reads it; not published this time"
                    )
                } else {
                    snapshot.outcomes[index] = FileOutcome(
                        reader.read(content.files[index], in: content.folder),
                        keepingBody: keepBodies
                    )
                }
                snapshot.reused[index] = 0
            }
            for (index, reason) in loaded.unreadable where !loaded.changed.contains(index) {
                snapshot.unreadableBodies[index] = reason
            }
            // Not in the snapshot the state keeps: a file that cannot be read now may be readable next time.
            var settled = settled(snapshot.outcomes, log: snapshot.log, spooled: snapshot.spooled, now: now)
            for (index, reason) in snapshot.unreadableBodies {
                settled[index] = settled[index].rejected(field: "body", reason)
            }
            try count(settled, into: &summary)
            outcomes = settled
            return nil
        }
        return Dictionary(uniqueKeysWithValues: zip(selection.feeds, loaded.feeds))
    }
}
