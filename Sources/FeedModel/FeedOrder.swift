/// The order of items in a feed — newest `published` first, then by ``FeedItem/sourceID`` (numbers by value,
/// before words), then by ``FeedItem/id`` — computed on small keys so that sorting a large history copies no items.
enum FeedOrder {
    /// What the order compares first, extracted once per item: plain numbers, no strings.
    struct Key {
        let seconds: Int64
        let nanoseconds: Int32
        /// The source id's value when it is a number that fits, else `UInt64.max`.
        let number: UInt64

        init(_ item: FeedPlan.Item) {
            seconds = item.published.seconds
            nanoseconds = item.published.nanoseconds
            let digits = item.sourceID.utf8
            if !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                number = digits.reduce(0) { $0 * 10 + UInt64($1 - 0x30) }
            } else {
                number = .max
            }
        }
    }

    /// Whether `lhs` comes before `rhs`.
    static func precedes(_ lhs: FeedPlan.Item, _ rhs: FeedPlan.Item) -> Bool {
        precedes(Key(lhs), Key(rhs), lhs, rhs)
    }

    /// Whether `lhs` comes before `rhs` (whose keys are `a` and `b`).
    static func precedes(_ a: Key, _ b: Key, _ lhs: FeedPlan.Item, _ rhs: FeedPlan.Item) -> Bool {
        if a.seconds != b.seconds { return a.seconds > b.seconds }
        if a.nanoseconds != b.nanoseconds { return a.nanoseconds > b.nanoseconds }
        if a.number != b.number && a.number != .max && b.number != .max { return a.number < b.number }
        let order = SourceIDOrder.compare(lhs.sourceID, rhs.sourceID)
        if order != 0 { return order < 0 }
        return lhs.id < rhs.id
    }

    /// The indices of `items` in feed order.
    static func sortedIndices(_ items: [FeedPlan.Item]) -> [Int] {
        let keys = items.map(Key.init)
        return keys.indices.sorted { precedes(keys[$0], keys[$1], items[$0], items[$1]) }
    }
}
