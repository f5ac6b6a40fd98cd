import FeedModel

/// Settles items that share an id: readers would otherwise see two different entries as one.
///
/// The item with the later `lastMod` wins (it is the newer edit); equal `lastMod`s go to the file that comes
/// first in path order. Every loser is rejected with an error naming the winner and the reason.
public enum DuplicateIDs {
    /// `outcomes` with every item whose id another item wins rejected.
    public static func resolve(_ outcomes: [ReadOutcome]) -> [ReadOutcome] {
        var winner: [String: Int] = [:]
        var losers: [Int: Int] = [:]  // loser index → winner index
        winner.reserveCapacity(outcomes.count)
        for index in outcomes.indices {
            guard let id = outcomes[index].item?.id else { continue }
            guard let current = winner[id] else {
                winner[id] = index
                continue
            }
            // Outcomes come in path order, so `current` is first in path order.
            if let updated = outcomes[index].item?.updated, let held = outcomes[current].item?.updated, updated > held {
                losers[current] = index
                for (loser, won) in losers where won == current { losers[loser] = index }
                winner[id] = index
            } else {
                losers[index] = current
            }
        }
        guard !losers.isEmpty else { return outcomes }
        var result = outcomes
        for (loser, won) in losers {
            guard let lost = outcomes[loser].item, let kept = outcomes[won].item else { continue }
            let why =
                kept.updated > lost.updated
                ? "its lastMod is later (\(kept.updated) > \(lost.updated))"
                : "lastMod is the same and it comes first in path order"
            result[loser] = outcomes[loser].rejected(
                field: "id",
                "duplicates the id '\(lost.sourceID)' of \(outcomes[won].path), which is published instead: \(why)"
            )
        }
        return result
    }
}
