import CuratedContent
import FeedModel

/// The outcome of every content file for one build: read now, or taken from the item log of the last build.
///
/// Outcomes from the log carry the grouping fields only (see ``RecordCoding``); ``complete(_:)`` reads the
/// details of the items that made it into a feed before anything is rendered or fingerprinted.
struct ContentSnapshot {
    /// One per content file, in path order.
    var outcomes: [ReadOutcome]
    /// For each file, the offset of its record in ``log`` when its outcome came from there.
    var reused: [UInt64?]
    /// For each file, where its item's details start in ``log`` (-1: the outcome is complete).
    var details: [Int]
    /// The last build's item log, when there was a usable one.
    var log: ItemLog?

    /// For each file, whether this build read it (its outcome is not taken from the log).
    var read: [Bool] { reused.map { $0 == nil } }

    /// Reads the details of the `members` of `items` (`outcomeOf[i]`: the outcome item `i` came from) that
    /// came from the log; a record that cannot be read (a damaged log) is read again from its file with `reread`.
    func complete(_ items: inout [FeedItem], members: [Int], outcomeOf: [Int], reread: (Int) -> FeedItem?) {
        guard let log else { return }
        for member in members {
            let offset = details[outcomeOf[member]]
            guard offset >= 0 else { continue }
            var item = items[member]
            if (try? log.details(at: offset, into: &item)) != nil {
                items[member] = item
            } else if let fresh = reread(outcomeOf[member]), fresh.id == item.id {
                items[member] = fresh
            }
        }
    }
}
