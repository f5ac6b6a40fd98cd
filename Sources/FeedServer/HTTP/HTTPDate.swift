/// HTTP dates (RFC 9110 §5.6.7): written as IMF-fixdate, read in that form and the two obsolete ones.
enum HTTPDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Sun, 06 Nov 1994 08:49:37 GMT` for `seconds` since the epoch.
    static func format(_ seconds: Int64) -> String {
        let dayCount = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - dayCount * 86_400
        let (year, month, day) = civil(fromDays: dayCount)
        let weekday = Int((dayCount % 7 + 11) % 7)  // 1970-01-01 was a Thursday
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[weekday]), \(two(day)) \(months[Int(month) - 1]) \(year) "
            + "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) GMT"
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
        guard let day, let month, let year, let time, (1...31).contains(day), time[0] < 24, time[1] < 60,
            time[2] < 61
        else { return nil }
        return days(fromCivil: year, month, day) * 86_400 + time[0] * 3600 + time[1] * 60 + time[2]
    }

    // Howard Hinnant's days-from-civil algorithms.
    private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays count: Int64) -> (Int64, Int64, Int64) {
        let z = count + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
