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
    func plan(_ outcomes: [FileOutcome]) -> PlannedFeeds {
        var items: [FeedPlan.Item] = []
        var outcomeOf: [Int] = []
        items.reserveCapacity(outcomes.count)
        for index in outcomes.indices {
            guard let item = outcomes[index].item else { continue }
            items.append(item.record.planItem)
            outcomeOf.append(index)
        }
        let plan = FeedSetBuilder(settings: options.configuration.feedSettings).plan(items)
        return PlannedFeeds(plan: plan, outcomeOf: outcomeOf)
    }

    /// ``BuildStep/complete``: the feeds of `planned`, each item with its text and, where it was kept, its body.
    ///
    /// The text is known from this build's reading or decoded from the item log. `nil` when a record of the log cannot
    /// be decoded and its file no longer gives the same item: the log cannot be trusted.
    func complete(_ planned: PlannedFeeds, outcomes: [FileOutcome], files: [ContentFile], log: ItemLog?) -> FeedSet? {
        let reader = ContentReader(settings: options.configuration.contentSettings)
        let keepBodies = options.configuration.limit == .all
        var items: [Int: FeedItem] = [:]
        for member in planned.plan.members {
            let outcome = outcomes[planned.outcomeOf[member]]
            guard let published = outcome.item else { return nil }
            switch published.text {
            case .known(let details, let body):
                items[member] = published.record.item(details: details, body: body, digest: outcome.contentHash)
            case .logged(let offset):
                if let details = try? log?.details(at: offset) {
                    items[member] = published.record.item(details: details, body: nil, digest: outcome.contentHash)
                    continue
                }
                // A damaged record: the file itself, when it still gives the same item.
                let fresh = reader.read(files[planned.outcomeOf[member]], in: options.contentFolder)
                guard var item = fresh.item, item.id == published.record.id else { return nil }
                if !keepBodies { item.contentHTML = nil }
                items[member] = item
            }
        }
        return FeedSetBuilder(settings: options.configuration.feedSettings).materialize(planned.plan, items: items)
    }

    /// ``BuildStep/select``: every file of the build with the fingerprint of what it is rendered from, and those to
    /// render — the ones whose fingerprint changed or whose bytes on disk are not what was written (all of them for
    /// `feedpub check`, which has no output).
    func select(_ feeds: FeedSet, output: OutputFolder?, state: BuildState?, fingerprint: String) -> Selection {
        let configuration = options.configuration
        let all = feeds.all
        let feedFingerprints = ParallelMap.map(all, batch: 8) { feed in
            FeedFingerprint.of(feed, configuration: fingerprint)
        }
        var jobs: [RenderJob] = []
        for (index, feed) in all.enumerated() {
            for format in configuration.formats {
                jobs.append(
                    RenderJob(
                        path: OutputPath(feed.location, format),
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
        let toRender = jobs.filter { job in
            guard let output, let recorded = state?.outputs[job.path.description],
                recorded.fingerprint == job.fingerprint,
                let stamp = FileStamp.ofRegularFile(output.fileSystemPath(job.path))
            else { return true }
            return stamp.size != recorded.size || stamp.modified != recorded.modified
        }
        let needed = Set(toRender.compactMap(\.feed)).sorted()
        return Selection(jobs: jobs, toRender: toRender, feeds: needed, all: all)
    }

    /// ``BuildStep/readBodies``: the feeds to render, with the body of every item read from its file (unless kept).
    ///
    /// An item whose file cannot be read again (removed, made unreadable, no longer with a front matter) is rejected
    /// in `outcomes` with the reason, never published with an empty body, and the result is `nil`: the feeds are
    /// planned again without it.
    func readBodies(_ selection: Selection, outcomes: inout [FileOutcome], summary: inout PublishSummary)
        throws(BuildSteps.Failure) -> [Int: Feed]?
    {
        let loader = BodyLoader(
            reader: ItemReader(settings: options.configuration.contentSettings),
            contentFolder: options.contentFolder
        )
        let loaded = loader.fill(selection.feeds.map { selection.all[$0] }, outcomes: outcomes)
        guard loaded.unreadable.isEmpty else {
            for (index, reason) in loaded.unreadable {
                outcomes[index] = outcomes[index].rejected(field: "body", reason)
            }
            try count(outcomes, into: &summary)
            return nil
        }
        return Dictionary(uniqueKeysWithValues: zip(selection.feeds, loaded.feeds))
    }
}
