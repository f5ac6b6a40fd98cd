/// The order of items in a feed — newest `published` first, then by ``FeedItem/sourceID`` (numbers by value,
/// before words), then by ``FeedItem/id`` — computed on small keys so that sorting a large history copies no items.
enum FeedOrder {
    /// What the order compares, extracted once per item.
    struct Key {
        let seconds: Int64
        let nanoseconds: Int32
        /// The source id's value when it is a number that fits, else `nil`.
        let number: UInt64?
        let sourceID: String
        let id: String

        init(_ item: FeedItem) {
            seconds = item.published.seconds
            nanoseconds = item.published.nanoseconds
            sourceID = item.sourceID
            id = item.id
            let digits = item.sourceID.utf8
            if !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                number = digits.reduce(0) { $0 * 10 + UInt64($1 - 0x30) }
            } else {
                number = nil
            }
        }

        func precedes(_ other: Key) -> Bool {
            if seconds != other.seconds { return seconds > other.seconds }
            if nanoseconds != other.nanoseconds { return nanoseconds > other.nanoseconds }
            if let number, let otherNumber = other.number, number != otherNumber { return number < otherNumber }
            let order = SourceIDOrder.compare(sourceID, other.sourceID)
            if order != 0 { return order < 0 }
            return id < other.id
        }
    }

    /// The indices of `items` in feed order.
    static func sortedIndices(_ items: [FeedItem]) -> [Int] {
        let keys = items.map(Key.init)
        return keys.indices.sorted { keys[$0].precedes(keys[$1]) }
    }
}
