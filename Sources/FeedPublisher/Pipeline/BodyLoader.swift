import CuratedContent
import FeedModel
import FeedpubSystem

/// Fills in the bodies of the items of the feeds to render, read again from their files.
///
/// A build with a per-feed limit publishes a small share of a large history; keeping every item's text but only
/// those items' bodies keeps memory proportional to what is published.
struct BodyLoader {
    let reader: ItemReader
    let contentFolder: String

    /// The feeds with their bodies, and the files that could not give theirs.
    struct Loaded {
        /// The feeds, every item with its body when ``unreadable`` is empty.
        var feeds: [Feed]
        /// The outcome index of each item whose body could not be read, and why.
        var unreadable: [Int: String]
    }

    /// `feeds` with every item's missing body read from its file (the file found in `outcomes`).
    func fill(_ feeds: [Feed], outcomes: [FileOutcome]) -> Loaded {
        var wanted: [String: FeedItem] = [:]
        for feed in feeds {
            for item in feed.items where item.contentHTML == nil && wanted[item.id] == nil { wanted[item.id] = item }
        }
        guard !wanted.isEmpty else { return Loaded(feeds: feeds, unreadable: [:]) }
        var sources: [String: (index: Int, path: String)] = [:]
        for index in outcomes.indices {
            if let id = outcomes[index].item?.record.id, wanted[id] != nil {
                sources[id] = (index, outcomes[index].path)
            }
        }
        let found = sources
        let items = wanted.keys.sorted().compactMap { wanted[$0] }
        let bodies = ParallelMap.map(items) { item -> Result<String, Unreadable> in
            guard let source = found[item.id] else { return .failure(Unreadable(index: nil, reason: "")) }
            let bytes: [UInt8]
            do throws(SystemError) {
                bytes = try FileBytes.read(contentFolder + "/" + source.path)
            } catch {
                let reason = "cannot be read again for its body: \(error.reason) (errno \(error.errno)); not published"
                return .failure(Unreadable(index: source.index, reason: reason))
            }
            guard let body = reader.body(of: item, bytes: bytes) else {
                let reason = "no longer has a front matter, so its body cannot be read; not published"
                return .failure(Unreadable(index: source.index, reason: reason))
            }
            return .success(body)
        }
        var byID: [String: String] = [:]
        var unreadable: [Int: String] = [:]
        for (item, body) in zip(items, bodies) {
            switch body {
            case .success(let body): byID[item.id] = body
            case .failure(let failure): if let index = failure.index { unreadable[index] = failure.reason }
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
        return Loaded(feeds: feeds.map(filled), unreadable: unreadable)
    }

    private struct Unreadable: Error {
        var index: Int?
        var reason: String
    }
}
