import FeedModel

/// HTTP dates (RFC 9110 §5.6.7): written as IMF-fixdate, read in that form and the two obsolete ones.
enum HTTPDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Sun, 06 Nov 1994 08:49:37 GMT` for `seconds` since the epoch.
    static func format(_ seconds: Int64) -> String {
        let civil = Timestamp(seconds: seconds).civil  // FeedModel's calendar, as the feeds' dates
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[civil.weekday]), \(two(civil.day)) \(months[civil.month - 1]) \(civil.year) "
            + "\(two(civil.hour)):\(two(civil.minute)):\(two(civil.second)) GMT"
    }

    /// The seconds since the epoch of an IMF-fixdate, RFC 850 or asctime date; `nil` for anything else.
    static func parse(_ text: String) -> Int64? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" })
        var day: Int64?
        var month: Int64?
        var year: Int64?
        var time: [Int64]?
        for part in parts {
            if let index = months.firstIndex(of: String(part)) {
                month = Int64(index + 1)
            } else if part.contains(":") {
                let pieces = part.split(separator: ":").compactMap { Int64($0) }
                guard pieces.count == 3 else { return nil }
                time = pieces
            } else if let number = Int64(part) {
                if day == nil && number <= 31 && part.count <= 2 {
                    day = number
                } else {
                    year = number < 100 ? (number < 70 ? 2000 + number : 1900 + number) : number
                }
            }
        }
        guard let day, let month, let year, let time, time[0] < 24, time[1] < 60, time[2] <= 60,
            let instant = Timestamp(
                year: Int(year),
                month: Int(month),
                day: Int(day),
                hour: Int(time[0]),
                minute: Int(time[1]),
                second: Int(min(time[2], 59))  // a leap second reads as the second before it
            )
        else { return nil }
        return instant.seconds
    }
}
