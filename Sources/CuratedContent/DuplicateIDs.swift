package import FeedModel
import FeedpubSystem

/// Settles items that share an id: readers would otherwise see two different entries as one.
///
/// The item with the later `lastMod` wins (it is the newer edit); equal `lastMod`s go to the file that comes
/// first in path order. Every loser is rejected with an error naming the winner and the reason.
public enum DuplicateIDs {
    /// `outcomes` (in path order) with every item whose id another item wins rejected.
    public static func resolve(_ outcomes: [ReadOutcome]) -> [ReadOutcome] {
        let losers = settle(outcomes.count, id: { outcomes[$0].item?.id }, updated: { outcomes[$0].item?.updated })
        guard !losers.isEmpty else { return outcomes }
        var result = outcomes
        for (loser, won) in losers {
            guard let lost = outcomes[loser].item, let kept = outcomes[won].item else { continue }
            let why = reason(
                sourceID: lost.sourceID,
                updated: lost.updated,
                winner: outcomes[won].path,
                winnerUpdated: kept.updated
            )
            result[loser] = outcomes[loser].rejected(field: "id", why)
        }
        return result
    }

    /// The losers among `count` items in path order, each with the index of the item that wins its id; `id(i)` is
    /// `nil` for a rejected file.
    package static func settle(_ count: Int, id: (Int) -> String?, updated: (Int) -> Timestamp?) -> [Int: Int] {
        var winner = IDTable(capacity: count)
        var losers: [Int: Int] = [:]  // loser index → winner index
        for index in 0..<count {
            guard let id = id(index) else { continue }
            guard let current = winner.index(of: id) else {
                winner.set(id, index)
                continue
            }
            // Items come in path order, so `current` is first in path order.
            if let later = updated(index), let held = updated(current), later > held {
                losers[current] = index
                for (loser, won) in losers where won == current { losers[loser] = index }
                winner.set(id, index)
            } else {
                losers[index] = current
            }
        }
        return losers
    }

    /// Why the item with `sourceID`, updated at `updated`, loses its id to the file `winner`.
    package static func reason(sourceID: String, updated: Timestamp, winner: String, winnerUpdated: Timestamp)
        -> String
    {
        let why =
            winnerUpdated > updated
            ? "its lastMod is later (\(winnerUpdated) > \(updated))"
            : "lastMod is the same and it comes first in path order"
        return "duplicates the id '\(sourceID)' of \(winner), which is published instead: \(why)"
    }
}

/// Item ids → the index of the outcome that holds them, keyed by a fast 64-bit hash of the id (cheaper than
/// `String` hashing at 100,000 ids); an id whose hash another id already has goes to a plain dictionary.
private struct IDTable {
    private var byHash: [UInt64: (id: String, index: Int)] = [:]
    private var collided: [String: Int] = [:]

    init(capacity: Int) {
        byHash.reserveCapacity(capacity)
    }

    private static func hash(_ id: String) -> UInt64 {
        id.utf8.withContiguousStorageIfAvailable { StableHash.contentHash(UnsafeRawBufferPointer($0)) }
            ?? StableHash.contentHash(Array(id.utf8))
    }

    /// The outcome index recorded for `id`.
    func index(of id: String) -> Int? {
        if let entry = byHash[Self.hash(id)], entry.id == id { return entry.index }
        return collided[id]
    }

    /// Records `index` for `id`.
    mutating func set(_ id: String, _ index: Int) {
        let key = Self.hash(id)
        if let entry = byHash[key], entry.id != id {
            collided[id] = index
        } else {
            byHash[key] = (id, index)
        }
    }
}
