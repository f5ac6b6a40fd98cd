public import Foundation

extension Timestamp {
    /// The instant of `date`, to the nanosecond `Date`'s `Double` can tell.
    public init(_ date: Date) {
        let interval = date.timeIntervalSince1970
        let seconds = interval.rounded(.down)
        var nanoseconds = ((interval - seconds) * 1e9).rounded()
        var whole = Int64(seconds)
        if nanoseconds >= 1e9 {
            whole += 1
            nanoseconds -= 1e9
        }
        self.init(seconds: whole, nanoseconds: Int32(nanoseconds))
    }

    /// The instant as a Foundation `Date` (which rounds nanoseconds to what a `Double` holds).
    public var date: Date {
        Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9)
    }
}

extension Date {
    /// The instant of `timestamp`.
    public init(_ timestamp: Timestamp) {
        self = timestamp.date
    }
}
