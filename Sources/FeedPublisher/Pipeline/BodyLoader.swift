import CuratedContent
import FeedModel
import FeedpubSystem

/// Fills in the bodies of the items of the feeds to render, read again from their files.
///
/// A build with a per-feed limit publishes a small share of a large history; keeping every item's text but only
/// those items' bodies keeps memory proportional to what is published. Each file is opened beneath the content folder
/// as the first read opened it, and its bytes must hash to what they hashed to then.
struct BodyLoader {
    let reader: ItemReader
    let content: Content
    let limit: Int

    /// The feeds with their bodies, and the files that could not give theirs.
    struct Loaded {
        /// The feeds, every item with its body when ``unreadable`` and ``changed`` are empty.
        var feeds: [Feed]
        /// The outcome index of each item whose body could not be read, and why.
        var unreadable: [Int: String]
        /// The outcome indices of the files that changed since they were read.
        var changed: Set<Int>
    }

    private enum Failure: Error {
        case unreadable(Int, String)
        case changed(Int)
        case unknown
    }

    /// `feeds` with every item's missing body read from its file (the file found in `outcomes`).
    func fill(_ feeds: [Feed], outcomes: [FileOutcome]) -> Loaded {
        var wanted: [String: FeedItem] = [:]
        for feed in feeds {
            for item in feed.items where item.contentHTML == nil && wanted[item.id] == nil { wanted[item.id] = item }
        }
        guard !wanted.isEmpty else { return Loaded(feeds: feeds, unreadable: [:], changed: []) }
        var sources: [String: Int] = [:]
        for index in outcomes.indices {
            if let id = outcomes[index].item?.record.id, wanted[id] != nil { sources[id] = index }
        }
        let found = sources
        let items = wanted.keys.sorted().compactMap { wanted[$0] }
        let files = content.files
        let folder = content.folder
        let limit = limit
        let hashes = outcomes.map(\.contentHash)
        let bodies = ParallelMap.map(items) { item -> Result<String, Failure> in
            guard let index = found[item.id] else { return .failure(.unknown) }
            let file = files[index]
            let bytes: [UInt8]
            do throws(SystemError) {
                bytes = try FileBytes.read(
                    try folder.openBeneath(file.fileSystemPath, displayPath: file.path),
                    limit: limit
                )
            } catch {
                let reason = ContentReader.reason(error, limit: limit) + " (when read again for its body)"
                return .failure(.unreadable(index, reason))
            }
            guard StableHash.contentHash(bytes) == hashes[index] else { return .failure(.changed(index)) }
            guard let body = reader.body(of: item, bytes: bytes) else {
                return .failure(
                    .unreadable(index, "no longer has a front matter, so its body cannot be read; not published")
                )
            }
            return .success(body)
        }
        var byID: [String: String] = [:]
        var unreadable: [Int: String] = [:]
        var changed: Set<Int> = []
        for (item, body) in zip(items, bodies) {
            switch body {
            case .success(let body): byID[item.id] = body
            case .failure(.unreadable(let index, let reason)): unreadable[index] = reason
            case .failure(.changed(let index)): changed.insert(index)
            case .failure(.unknown): break
            }
        }
        func filled(_ feed: Feed) -> Feed {
            var feed = feed
            feed.items = feed.items.map { item in
                var item = item
                if item.contentHTML == nil, let body = byID[item.id] { item.contentHTML = body }
                return item
            }
            return feed
        }
        return Loaded(feeds: feeds.map(filled), unreadable: unreadable, changed: changed)
    }
}
