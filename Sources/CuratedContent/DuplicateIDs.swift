package import FeedModel
import FeedpubSystem

/// Settles items that share an id: readers keep each id's read state forever, so an id must stay with one article.
///
/// Files that are the same article — the same original link, or the same title — are versions of it: the one with
/// the later `lastMod` wins (an update; equal `lastMod`s go to the file first in path order). A file that is a
/// different article under the same id loses to the article published first (the earlier `date`, then path order),
/// whatever its `lastMod`: subscribers have read that one under this id. Every loser is rejected with an error naming
/// the file that keeps the id and why.
public enum DuplicateIDs {
    /// Why a file loses its id.
    package enum Loss: Sendable, Equatable {
        /// A version of the same article with an earlier (or the same) `lastMod`.
        case olderVersion
        /// Another article: the id stays with the one published first.
        case differentArticle
    }

    /// `outcomes` (in path order) with every item whose id another item keeps rejected.
    public static func resolve(_ outcomes: [ReadOutcome]) -> [ReadOutcome] {
        let losers = settle(
            outcomes.count,
            id: { outcomes[$0].item?.id },
            published: { outcomes[$0].item?.published },
            updated: { outcomes[$0].item?.updated },
            sameArticle: { a, b in
                guard let a = outcomes[a].item, let b = outcomes[b].item else { return false }
                return isSameArticle(title: a.title, link: a.externalURL, title: b.title, link: b.externalURL)
            }
        )
        guard !losers.isEmpty else { return outcomes }
        var result = outcomes
        for (loser, (won, loss)) in losers {
            guard let lost = outcomes[loser].item, let kept = outcomes[won].item else { continue }
            let why = reason(
                loss,
                sourceID: lost.sourceID,
                lost: (lost.published, lost.updated),
                winner: outcomes[won].path,
                kept: (kept.published, kept.updated)
            )
            result[loser] = outcomes[loser].rejected(field: "id", why)
        }
        return result
    }

    /// Whether two items under one id are the same article: the same original link, or the same title (case and
    /// white space aside).
    package static func isSameArticle(title a: String, link linkA: String?, title b: String, link linkB: String?)
        -> Bool
    {
        if let linkA, let linkB, linkA == linkB { return true }
        func folded(_ text: String) -> String {
            text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return a == b || folded(a) == folded(b)
    }

    /// The losers among `count` items in path order, each with the index of the item that keeps its id and why.
    ///
    /// `id(i)` is `nil` for a rejected file. `sameArticle` is asked only about items that share an id.
    package static func settle(
        _ count: Int,
        id: (Int) -> String?,
        published: (Int) -> Timestamp?,
        updated: (Int) -> Timestamp?,
        sameArticle: (Int, Int) -> Bool
    ) -> [Int: (Int, Loss)] {
        var first = IDTable(capacity: count)
        var groups: [Int: [Int]] = [:]  // first index of an id → every index with it, in path order
        for index in 0..<count {
            guard let id = id(index) else { continue }
            if let current = first.index(of: id) {
                groups[current, default: [current]].append(index)
            } else {
                first.set(id, index)
            }
        }
        var losers: [Int: (Int, Loss)] = [:]
        for group in groups.values {
            // The article published first holds the id (path order on equal dates: `group` is in path order).
            var original = group[0]
            for index in group.dropFirst() {
                if let date = published(index), let held = published(original), date < held { original = index }
            }
            let versions = group.filter { $0 == original || sameArticle($0, original) }
            var winner = versions[0]
            for index in versions.dropFirst() {
                if let later = updated(index), let held = updated(winner), later > held { winner = index }
            }
            for index in group where index != winner {
                losers[index] = (winner, versions.contains(index) ? .olderVersion : .differentArticle)
            }
        }
        return losers
    }

    /// Why the item with `sourceID` (its `date` and `lastMod`: `lost`) loses its id to the file `winner` (`kept`).
    package static func reason(
        _ loss: Loss,
        sourceID: String,
        lost: (published: Timestamp, updated: Timestamp),
        winner: String,
        kept: (published: Timestamp, updated: Timestamp)
    ) -> String {
        switch loss {
        case .olderVersion:
            let why =
                kept.updated > lost.updated
                ? "its lastMod is later (\(kept.updated) > \(lost.updated))"
                : "lastMod is the same and it comes first in path order"
            return "duplicates the id '\(sourceID)' of \(winner), an update of the same article, which is published "
                + "instead: \(why)"
        case .differentArticle:
            let when =
                kept.published < lost.published
                ? "published first (\(kept.published) < \(lost.published))"
                : "the same date, and first in path order"
            return "duplicates the id '\(sourceID)' of \(winner), a different article (another title and original "
                + "link) \(when): the id stays with it, since readers keep its read state; give this file its own id"
        }
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
