/// Counts how often each value is named and tells the most named; the value most items name is counted without
/// hashing, since nearly every item of a community names the same slug and title.
struct Votes<Value: Hashable & Comparable> {
    private var common: Value?
    private var commonCount = 0
    private var others: [Value: Int] = [:]

    /// Counts one vote for `value`.
    mutating func add(_ value: Value) {
        if commonCount > 0 && value == common {
            commonCount += 1
        } else if commonCount == 0 {
            common = value
            commonCount = 1
        } else {
            others[value, default: 0] += 1
        }
    }

    /// The value with the most votes, the first in order on a tie; `nil` when there are none.
    var winner: Value? {
        var all = others
        if let common { all[common, default: 0] += commonCount }
        return all.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
    }
}
