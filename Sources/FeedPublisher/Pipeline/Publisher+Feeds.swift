import CuratedContent
import FeedModel
import FeedWriters
import FeedpubSystem

/// The steps that turn outcomes into feeds: plan, complete, select — and what is settled again when an item cannot be
/// completed for rendering.
extension Publisher {
    /// A plan, and for each of its items the outcome it came from.
    ///
    /// With what the later steps look up in it, made once per plan (kept with it by ``BuildMemory``): made again at
    /// each watched edit, the members and their outcomes by id were 15 ms of it at 100,000 items.
    struct PlannedFeeds {
        let plan: FeedPlan
        let outcomeOf: [Int]
        /// ``FeedPlan/members``: the items in some feed, ascending.
        let members: [Int]
        /// The outcome of each of ``members``.
        let memberOutcomes: [Int]
        /// The outcome of each member's item, by the item's id.
        let sources: [String: Int]
        /// Tells this plan from any other one this process made (``BuildMemory`` keeps the feeds made of it).
        var identity = UInt64.random(in: 1...UInt64.max)

        /// `plan`, made of the items of the outcomes at `outcomeOf` (of `outcomes`).
        init(_ plan: FeedPlan, outcomeOf: [Int], outcomes: [FileOutcome]) {
            self.plan = plan
            self.outcomeOf = outcomeOf
            members = plan.members
            memberOutcomes = members.map { outcomeOf[$0] }
            var sources: [String: Int] = [:]
            sources.reserveCapacity(members.count)
            for index in memberOutcomes {
                if let id = outcomes[index].item?.record.id { sources[id] = index }
            }
            self.sources = sources
        }
    }

    /// One file to write: a document of a feed in a format, or a file about the feeds (`feed` nil), and the
    /// fingerprint of everything its bytes depend on.
    struct RenderJob: Sendable {
        var path: OutputPath
        /// The document's index in ``FeedSet/documents``.
        var feed: Int?
        /// The file about the feeds, when it is not a feed's document.
        var about: AboutFile?
        /// The document's format; for the OPML list, the format it points at.
        var format: FeedFormat
        var fingerprint: UInt64
    }

    /// A file about the feeds rather than of one.
    enum AboutFile: Sendable {
        /// The OPML list, `index.opml`.
        case opml
        /// The page listing every feed, `index.html`.
        case page
        /// A feed's discovery snippet, `links.html` in its folder.
        case links(Feed)
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
        /// The stamps of the files of ``jobs`` as they were found (none for `feedpub check`).
        var stamps: [OutputPath: FileStamp] = [:]
    }

    /// ``BuildStep/plan``: which published items go in which feed.
    func plan(_ outcomes: [FileOutcome], published: PublishedSlugs) -> PlannedFeeds {
        let settings = options.configuration.feedSettings
        // An edit that changes no item's identity, date, community or topics (a title, a body) plans the same feeds.
        if let memory = options.memory, let kept = memory.plan(for: outcomes, published: published, settings: settings)
        {
            return kept
        }
        let key = BuildMemory.PlanKey(outcomes, published: published, settings: settings)
        var items: [FeedPlan.Item] = []
        var outcomeOf: [Int] = []
        items.reserveCapacity(outcomes.count)
        for (index, member) in key.members.enumerated() {
            guard let member else { continue }
            items.append(member.record.planItem)
            outcomeOf.append(index)
        }
        let planned = PlannedFeeds(
            FeedSetBuilder(settings: settings, published: published).plan(items),
            outcomeOf: outcomeOf,
            outcomes: outcomes
        )
        options.memory?.keep(planned, for: key)
        return planned
    }

    /// ``BuildStep/complete``: the feeds of `planned`, each item from its record — with its text only when this build
    /// read it (the text of the others is decoded, with their bodies, for the documents to render: ``ItemFiller``).
    ///
    /// With ``BuildOptions/memory``, the feeds made of the same plan by the last build, with only the items whose
    /// file changed made again (a title edited).
    func complete(_ planned: PlannedFeeds, outcomes: [FileOutcome]) -> FeedSet {
        let builder = FeedSetBuilder(
            settings: options.configuration.feedSettings,
            published: planned.plan.publishedSlugs
        )
        let members = planned.members
        func item(_ member: Int) -> FeedItem? {
            let outcome = outcomes[planned.outcomeOf[member]]
            guard let published = outcome.item else { return nil }
            switch published.text {
            case .known(let details, let body):
                return published.record.item(details: details, body: body, digest: outcome.contentHash)
            case .logged, .spooled:
                return published.record.item(details: .pending, body: nil, digest: outcome.contentHash)
            }
        }
        // (The plan is the same: every member still has its item.)
        if let memory = options.memory,
            let kept = memory.feeds(
                of: planned.identity,
                members: planned.memberOutcomes,
                in: outcomes,
                limit: members.count / 8
            )
        {
            var replacements: [Int: FeedItem] = [:]
            for position in kept.replaced { replacements[members[position]] = item(members[position]) }
            let feeds = builder.rematerialize(kept.feeds, plan: planned.plan, replacing: replacements)
            memory.keep(remade: feeds)
            return feeds
        }
        var items: [Int: FeedItem] = [:]
        items.reserveCapacity(members.count)
        for member in members { items[member] = item(member) }
        let feeds = builder.materialize(planned.plan, items: items)
        options.memory?.keep(feeds, items: planned.memberOutcomes.map { outcomes[$0].item }, of: planned.identity)
        return feeds
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
        // An item the last build digested is the same box when its file did not change (``complete(_:outcomes:)``
        // keeps the feeds made of the same plan): at 100,000 items, 17,000 digests of 50-item feeds were 21 ms of
        // each watched edit's build.
        let digests = FeedFingerprint.itemDigests(feeds, known: options.memory?.itemDigests() ?? [:])
        options.memory?.keep(itemDigests: digests, of: feeds)
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
                about: .opml,
                format: configuration.effectiveOPMLFormat,
                fingerprint: FeedFingerprint.ofIndex(feeds, configuration: fingerprint)
            )
        )
        jobs.append(
            RenderJob(
                path: .page,
                about: .page,
                format: configuration.effectiveOPMLFormat,
                fingerprint: FeedFingerprint.ofPage(feeds, configuration: fingerprint)
            )
        )
        for feed in feeds.all {
            jobs.append(
                RenderJob(
                    path: .links(of: feed.location, in: configuration.layout),
                    about: .links(feed),
                    format: configuration.effectiveOPMLFormat,
                    fingerprint: FeedFingerprint.ofLinks(feed, configuration: fingerprint)
                )
            )
        }
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
        return Selection(jobs: jobs, toRender: toRender, feeds: needed, all: all, stamps: stamps)
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
            guard let parsed = OutputPath(parsing: path), parsed != .index, parsed != .page else { continue }
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

    /// After items of the documents to render could not be completed: the outcomes to plan the feeds again from.
    ///
    /// An item whose file cannot be read again (removed, made unreadable, no longer with a front matter) is rejected
    /// with the reason, never published with an empty body; one whose file changed since it was read is read again
    /// (twice at most: a file that keeps changing is rejected).
    func settledAgain(
        after failures: ItemFiller.Failures,
        content: Content,
        now: Timestamp,
        snapshot: inout ContentSnapshot,
        outcomes: inout [FileOutcome],
        summary: inout PublishSummary
    ) throws(BuildSteps.Failure) {
        let reader = ContentReader(settings: options.configuration.contentSettings)
        let keepBodies = options.configuration.limit == .all
        for index in failures.changed.sorted() {
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
        for (index, reason) in failures.unreadable where !failures.changed.contains(index) {
            snapshot.unreadableBodies[index] = reason
        }
        // Not in the snapshot the state keeps: a file that cannot be read now may be readable next time.
        var settled = settled(snapshot.outcomes, log: snapshot.log, spooled: snapshot.spooled, now: now)
        for (index, reason) in snapshot.unreadableBodies {
            settled[index] = settled[index].rejected(field: "body", reason)
        }
        try count(settled, into: &summary)
        outcomes = settled
    }
}
