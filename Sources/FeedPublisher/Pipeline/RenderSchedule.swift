import FeedModel

/// The order in which a build renders its documents, in waves, so that only the items of the documents being written
/// are held whole (text, body, rendered fragments), not every item of the history.
///
/// An item is in several documents — its site page, its community's, each of its topics' — and each is written from
/// the same rendered fragment. Documents are taken by the mean date of their items, newest first, so the documents
/// that share an item come close together; an item is completed for the first wave that holds it and let go after
/// the last. On 100,000 items with `--archive 100` (10,906 documents, 487,314 places of an item), waves of 64
/// documents hold at most 7,959 items at once (8 %); by newest item first they would hold 18,759.
struct RenderSchedule: Equatable {
    /// One wave: its documents and the items no later wave needs.
    struct Wave: Equatable {
        /// Indices of the documents given.
        var documents: [Int]
        /// Ids of the items last needed by this wave.
        var release: [String]
    }

    let waves: [Wave]
    /// How many distinct items the documents hold.
    let itemCount: Int
    /// The most items held at once: completed for a wave, not yet let go.
    let mostHeld: Int

    /// The documents in waves of at most `size`.
    init(_ documents: [Feed], size: Int = 64) {
        let means = documents.map(Self.meanDate)
        let order = documents.indices.sorted { left, right in
            means[left] != means[right] ? means[left] > means[right] : left < right
        }
        let groups = stride(from: 0, to: order.count, by: max(size, 1)).map {
            Array(order[$0..<min($0 + max(size, 1), order.count)])
        }
        var first: [String: Int] = [:]
        var last: [String: Int] = [:]
        for (wave, group) in groups.enumerated() {
            for document in group {
                for item in documents[document].items {
                    if first[item.id] == nil { first[item.id] = wave }
                    last[item.id] = wave
                }
            }
        }
        var release = [[String]](repeating: [], count: groups.count)
        for (id, wave) in last { release[wave].append(id) }
        var filled = [Int](repeating: 0, count: groups.count)
        for wave in first.values { filled[wave] += 1 }
        var held = 0
        var most = 0
        for wave in groups.indices {
            held += filled[wave]
            most = max(most, held)
            held -= release[wave].count
        }
        waves = groups.indices.map { Wave(documents: groups[$0], release: release[$0].sorted()) }
        itemCount = last.count
        mostHeld = most
    }

    /// The mean publication time of `feed`'s items (seconds); 0 for an empty feed.
    private static func meanDate(_ feed: Feed) -> Double {
        guard !feed.items.isEmpty else { return 0 }
        return feed.items.reduce(0) { $0 + Double($1.published.seconds) } / Double(feed.items.count)
    }
}
