import FeedModel

/// Reads RFC 822 / RFC 1123 dates (`Thu, 26 Nov 2020 09:08:19 +0000`), which some exporters write.
enum RFC822Parser {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let zones: [String: Int] = [
        "gmt": 0, "ut": 0, "utc": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
        "pst": -8, "pdt": -7,
    ]

    /// The instant, or `nil` when `text` is not an RFC 822 date of a real day.
    static func parse(_ text: String) -> Timestamp? {
        var words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if let first = words.first, first.count >= 3, first.allSatisfy(\.isLetter) { words.removeFirst() }
        guard words.count == 5,
            let day = Int(words[0]), let monthIndex = months.firstIndex(of: String(words[1].prefix(3))),
            let year = Int(words[2]), words[2].count == 4
        else { return nil }
        let time = words[3].split(separator: ":").map { Int($0) }
        guard time.count == 2 || time.count == 3, let hour = time[0], let minute = time[1] else { return nil }
        let second = time.count == 3 ? time[2] : 0
        guard let second, let offset = offsetSeconds(words[4]) else { return nil }
        return Timestamp(
            year: year,
            month: monthIndex + 1,
            day: day,
            hour: hour,
            minute: minute,
            second: second,
            offsetSeconds: offset
        )
    }

    private static func offsetSeconds(_ zone: String) -> Int? {
        if let hours = zones[zone] { return hours * 3600 }
        let bytes = Array(zone.utf8)
        guard bytes.count == 5, bytes[0] == 0x2B || bytes[0] == 0x2D,
            let hours = Int(zone.dropFirst().prefix(2)), let minutes = Int(zone.suffix(2)), hours <= 23, minutes <= 59
        else { return nil }
        return (hours * 3600 + minutes * 60) * (bytes[0] == 0x2D ? -1 : 1)
    }
}
