import CuratedContent
import FeedModel
package import FeedpubSystem
import Synchronization

/// What a process that builds again and again (`feedpub serve --watch`) keeps between its builds, so that a build
/// after a small change does not start from the disk: the content folder's listing, brought up to date from the
/// paths a watcher names instead of scanned again; the state as this process saved it, instead of loaded; and the
/// outcomes of the files that did not change, instead of decoded from the item log.
///
/// Each part stands in for the disk only while it provably is the disk: the listing while the watcher has named
/// every change since it was made (an unknown change — a full event queue, a folder created or removed — makes the
/// next build scan); the state while the state file is the one this process wrote (same inode, size and times:
/// another process's build, or any change to the file, is loaded as usual). The output is the same bytes either way;
/// a build without memory is a build from the disk.
///
/// Holds, between builds, what the read step holds during one (at 100,000 items about 150 MiB).
package final class BuildMemory: Sendable {
    /// A listing of a content folder, as a scan (or a patch of one) made it.
    struct Listing {
        var root: String
        /// The inode of the folder `root` named when it was made.
        var identity: UInt64
        var files: [ContentFile]
    }

    /// The state as this process saved it, with the outcome of every file whose record it can reuse as decoded.
    struct Saved {
        /// The state file's stamp just after it was written (`nil`: it could not be looked up; never matches).
        var stamp: FileStamp?
        var state: BuildState
        /// The outcomes of the files of ``state``, where they can be used again.
        var remembered: Remembered
    }

    /// The outcome of each file of a state as already decoded from its item log: the build's own array, shared, and
    /// which of them stand for their record (one read by that build is decoded from the log when needed).
    struct Remembered {
        /// Empty, or one per file of the state.
        var outcomes: [FileOutcome] = []
        /// Per outcome: whether it is the one its record gives.
        var usable: [Bool] = []

        /// The outcome of the file at `index`, when it can be used.
        subscript(index: Int) -> FileOutcome? {
            index < outcomes.count && usable[index] ? outcomes[index] : nil
        }
    }

    /// What a plan is made from (``Publisher/plan(_:published:)``): items alike at every file (``alike(_:_:)``),
    /// the same slugs and settings, the same plan.
    struct PlanKey {
        /// Per file, its item when it is published in this build (else `nil`).
        var members: [FileOutcome.Item?]
        var published: PublishedSlugs
        var settings: FeedSettings

        /// The key of the plan of `outcomes` (settled).
        init(_ outcomes: [FileOutcome], published: PublishedSlugs, settings: FeedSettings) {
            members = outcomes.map { Self.member($0) }
            self.published = published
            self.settings = settings
        }

        /// The item `outcome` publishes in this build, if any.
        static func member(_ outcome: borrowing FileOutcome) -> FileOutcome.Item? {
            outcome.due == nil && outcome.withheld == nil ? outcome.item : nil
        }

        /// Whether two items of one file plan alike (most are the same object: a file not read again).
        static func alike(_ left: FileOutcome.Item?, _ right: FileOutcome.Item?) -> Bool {
            switch (left, right) {
            case (nil, nil): true
            case (let left?, let right?): left === right || left.record.planItem == right.record.planItem
            default: false
            }
        }
    }

    /// Which files lost their id to which (``DuplicateIDs/settle(_:id:published:updated:sameArticle:)``), and for
    /// the items of which files.
    struct Duplicates {
        var items: [FileOutcome.Item?]
        var losers: [Int: (Int, DuplicateIDs.Loss)]
        /// The ids more than one file gives.
        var shared: Set<String>
    }

    private struct Contents {
        var listing: Listing?
        /// The paths named changed since the listing was made.
        var changed: Set<String> = []
        /// Whether something changed that ``changed`` does not name (until a watcher starts: everything may have).
        var unknown = true
        var saved: Saved?
        var plan: (key: PlanKey, planned: Publisher.PlannedFeeds)?
        var duplicates: Duplicates?
        var feeds: (plan: UInt64, feeds: FeedSet, items: [FileOutcome.Item?])?
        /// The digest of each item of the last build's feeds, by ``FeedItem/identity``, with those feeds (which keep
        /// the items, and so their identities, alive).
        var itemDigests: (table: [ObjectIdentifier: UInt64], feeds: FeedSet)?
    }

    private let contents = Mutex(Contents())
    /// Whether a watcher notes every change (else every build scans).
    private let watched: Bool

    /// Empty memory: the first build scans and loads.
    ///
    /// `watched`: a watcher tells it every change in the content folder (``note(_:)``) from before the build that
    /// follows its start (``forgetListing()``); without one every build scans the folder, and only the state and
    /// outcomes are kept.
    package init(watched: Bool) {
        self.watched = watched
    }

    /// Notes what a watcher saw change in the content folder (its paths relative to the folder).
    package func note(_ changes: FileChanges) {
        contents.withLock { contents in
            if changes.unknown { contents.unknown = true }
            contents.changed.formUnion(changes.paths)
        }
    }

    /// Notes that anything in the content folder may have changed: the next build scans it.
    package func forgetListing() {
        contents.withLock { $0.unknown = true }
    }

    /// The last listing of `root`, when it still names the folder with inode `identity`, and the paths changed since, taken (the changes noted from now on are the next
    /// build's); `nil` when the folder must be scanned.
    func takeListing(of root: String, identity: UInt64) -> (files: [ContentFile], changed: Set<String>)? {
        contents.withLock { contents in
            defer {
                contents.changed = []
                contents.unknown = false
            }
            guard watched, !contents.unknown, let listing = contents.listing, listing.root == root,
                listing.identity == identity, identity != 0
            else {
                contents.listing = nil
                return nil
            }
            return (listing.files, contents.changed)
        }
    }

    /// Keeps `files` as the listing of `root` (the folder with inode `identity`), made after the changes taken with the last ``takeListing(of:)``.
    func keep(listing files: [ContentFile], of root: String, identity: UInt64) {
        contents.withLock { $0.listing = Listing(root: root, identity: identity, files: files) }
    }

    /// The state saved by this process, when the state file is still the one it wrote (`stamp`).
    ///
    /// Its outcomes are handed over, not shared (so that the build changes their array in place): a build that ends
    /// before it saves its state gives them back with ``keep(_:)``, else the next one decodes them again.
    func saved(stamp: FileStamp?) -> Saved? {
        contents.withLock { contents in
            guard let saved = contents.saved, let stamp, saved.stamp == stamp else {
                contents.saved = nil
                return nil
            }
            contents.saved?.remembered = Remembered()
            return saved
        }
    }

    /// The plan last made, when `outcomes` (settled) publish items that plan alike, with the same slugs and settings
    /// (``PlanKey``); the kept key takes the items that changed, in place.
    ///
    /// Compared where they are: a key of 100,000 items made for each build, and the last one let go, were 8 ms of a
    /// watched edit.
    func plan(for outcomes: [FileOutcome], published: PublishedSlugs, settings: FeedSettings) -> Publisher.PlannedFeeds?
    {
        contents.withLock { contents in
            guard var kept = contents.plan.take(), kept.key.published == published, kept.key.settings == settings,
                Self.update(
                    &kept.key.members,
                    count: outcomes.count,
                    to: { PlanKey.member(outcomes[$0]) },
                    alike: PlanKey.alike
                )
                    != nil
            else { return nil }
            contents.plan = kept
            return kept.planned
        }
    }

    /// Brings `kept` up to the items `current` gives for its positions now; the positions it changed.
    ///
    /// In place, where they are not the same object (`count` items now). `nil`, `kept` unchanged, when the counts
    /// differ, when `alike` says a pair differs too much, or past `limit` changes.
    ///
    /// Compared where they are, and only the few that changed written: a 100,000-item array made for each build, and
    /// the last one let go, were several milliseconds of a watched edit in each memo.
    private static func update(
        _ kept: inout [FileOutcome.Item?],
        count: Int,
        to current: (Int) -> FileOutcome.Item?,
        limit: Int = .max,
        alike: (FileOutcome.Item?, FileOutcome.Item?) -> Bool = { _, _ in true }
    ) -> [Int]? {
        guard kept.count == count else { return nil }
        var changed: [Int] = []
        for index in kept.indices {
            let new = current(index)
            if kept[index] === new { continue }
            guard alike(kept[index], new), changed.count < limit else { return nil }
            changed.append(index)
        }
        for index in changed { kept[index] = current(index) }
        return changed
    }

    /// Keeps the plan made from `key`.
    func keep(_ planned: Publisher.PlannedFeeds, for key: PlanKey) {
        contents.withLock { $0.plan = (key, planned) }
    }

    /// The losers of the last settling, when `outcomes` (as read, before settling) give the same ids in the same
    /// files and none of those that changed gives an id another file gives (which files hold it, and which loses,
    /// depends only on those); the kept items take the ones that changed, in place.
    func losers(for outcomes: [FileOutcome]) -> [Int: (Int, DuplicateIDs.Loss)]? {
        contents.withLock { contents -> [Int: (Int, DuplicateIDs.Loss)]? in
            guard var kept = contents.duplicates.take() else { return nil }
            let shared = kept.shared
            let changed = Self.update(&kept.items, count: outcomes.count, to: { outcomes[$0].item }) { old, new in
                guard let old, let new else { return false }
                return old.record.id == new.record.id && !shared.contains(new.record.id)
            }
            guard changed != nil else { return nil }
            contents.duplicates = kept
            return kept.losers
        }
    }

    /// Keeps the losers settled for `items`.
    func keep(losers: [Int: (Int, DuplicateIDs.Loss)], for items: [FileOutcome.Item?]) {
        var shared = Set<String>()
        for (loser, (winner, _)) in losers {
            if let id = items[loser]?.record.id { shared.insert(id) }
            if let id = items[winner]?.record.id { shared.insert(id) }
        }
        contents.withLock { $0.duplicates = Duplicates(items: items, losers: losers, shared: shared) }
    }

    /// The feeds the last build made of the plan `identity`, and the positions in `members` (the outcome of each of
    /// the plan's members, in `outcomes`) whose item is not the one they were made from, when there are at most
    /// `limit` of those; the kept items take the new ones, in place.
    func feeds(
        of identity: UInt64,
        members: [Int],
        in outcomes: [FileOutcome],
        limit: Int
    ) -> (feeds: FeedSet, replaced: [Int])? {
        contents.withLock { contents in
            guard var kept = contents.feeds.take(), kept.plan == identity,
                let replaced = Self.update(
                    &kept.items,
                    count: members.count,
                    to: { outcomes[members[$0]].item },
                    limit: limit
                )
            else { return nil }
            contents.feeds = kept
            return (kept.feeds, replaced)
        }
    }

    /// Keeps the feeds made of the plan `identity` from `items` (one per member of the plan).
    func keep(_ feeds: FeedSet, items: [FileOutcome.Item?], of identity: UInt64) {
        contents.withLock { $0.feeds = (identity, feeds, items) }
    }

    /// Keeps `feeds`, made again from the kept ones with the replacements ``feeds(of:members:in:limit:)`` gave, in
    /// their place.
    func keep(remade feeds: FeedSet) {
        contents.withLock { $0.feeds?.feeds = feeds }
    }

    /// The digest of each item of the last build's feeds, by ``FeedItem/identity`` (empty before a build).
    func itemDigests() -> [ObjectIdentifier: UInt64] {
        contents.withLock { $0.itemDigests?.table ?? [:] }
    }

    /// Keeps the digests of the items of `feeds` (``FeedFingerprint/itemDigests(_:known:)``), and `feeds` with them.
    func keep(itemDigests table: [ObjectIdentifier: UInt64], of feeds: FeedSet) {
        contents.withLock { $0.itemDigests = (table, feeds) }
    }

    /// Keeps the state just saved (or forgets it: `nil`).
    func keep(_ saved: Saved?) {
        contents.withLock { $0.saved = saved }
    }
}
