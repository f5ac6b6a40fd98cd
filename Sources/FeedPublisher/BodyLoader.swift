import CuratedContent
import FeedModel

/// Fills in the bodies of the items that made it into feeds, when the content was read without them.
///
/// A build with a per-feed limit publishes a small share of a large history; reading every item's metadata
/// but only those items' bodies keeps memory proportional to what is published.
struct BodyLoader {
    let reader: ItemReader
    let contentFolder: String

    /// `feeds` with every item's `contentHTML` read from its file (the path found in `outcomes`).
    func fill(_ feeds: [Feed], outcomes: [ReadOutcome]) -> [Feed] {
        var wanted: [String: FeedItem] = [:]
        for feed in feeds {
            for item in feed.items where item.contentHTML.isEmpty && wanted[item.id] == nil { wanted[item.id] = item }
        }
        guard !wanted.isEmpty else { return feeds }
        var found: [String: String] = [:]
        for index in outcomes.indices {
            if let id = outcomes[index].item?.id, wanted[id] != nil { found[id] = outcomes[index].path }
        }
        let paths = found
        let items = wanted.keys.sorted().compactMap { wanted[$0] }
        let bodies = ParallelMap.map(items) { item -> String in
            guard let path = paths[item.id], let bytes = try? FileBytes.read(contentFolder + "/" + path),
                let body = reader.body(of: item, bytes: bytes)
            else { return "" }
            return body
        }
        var byID: [String: String] = [:]
        for (item, body) in zip(items, bodies) { byID[item.id] = body }
        func filled(_ feed: Feed) -> Feed {
            var feed = feed
            feed.items = feed.items.map { item in
                var item = item
                if item.contentHTML.isEmpty, let body = byID[item.id] { item.contentHTML = body }
                return item
            }
            return feed
        }
        return feeds.map(filled)
    }
}
