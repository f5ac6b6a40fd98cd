/// An instant in UTC with nanosecond precision, as feeds need it.
///
/// Foundation's `Date` is a `Double` and rounds microseconds of 2020 dates; a feed must print back exactly the
/// fraction the content gave, so feedpub keeps whole seconds and nanoseconds apart.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64
    /// Nanoseconds after `seconds`, `0..<1_000_000_000`.
    public var nanoseconds: Int32

    /// The instant `seconds` (+ `nanoseconds`) after the Unix epoch.
    public init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// The instant of a civil date and time in UTC; `nil` when a field is out of range (30 February, hour 25).
    public init?(
        year: Int,
        month: Int,
        day: Int,
        hour: Int = 0,
        minute: Int = 0,
        second: Int = 0,
        nanosecond: Int = 0,
        offsetSeconds: Int = 0
    ) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CivilDate.daysIn(month: month, year: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second),
            (0..<1_000_000_000).contains(nanosecond)
        else { return nil }
        let days = CivilDate.daysFromCivil(year: year, month: month, day: day)
        let local = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(seconds: local - Int64(offsetSeconds), nanoseconds: Int32(nanosecond))
    }

    /// The UTC calendar fields of this instant.
    public var civil: CivilDate {
        let days = Int(seconds.floorDivided(by: 86_400))
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        return CivilDate(days: days, secondOfDay: secondOfDay, nanosecond: Int(nanoseconds))
    }

    /// Whether `lhs` comes first.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }

    /// RFC 3339 in UTC (``rfc3339``).
    public var description: String { rfc3339 }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor < 0) ? quotient - 1 : quotient
    }
}
