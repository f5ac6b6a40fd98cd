extension Timestamp {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// RFC 3339 in UTC, as Atom and JSON Feed want it: `2020-11-26T09:08:19.821451Z`.
    ///
    /// The fraction keeps every significant digit the content gave (up to nanoseconds) and is left out when
    /// zero. Pure: no `DateFormatter`, no time zone or locale of the machine.
    public var rfc3339: String {
        let c = civil
        var text = ""
        text.reserveCapacity(30)
        Self.append(c.year, width: 4, to: &text)
        text += "-"
        Self.append(c.month, width: 2, to: &text)
        text += "-"
        Self.append(c.day, width: 2, to: &text)
        text += "T"
        appendTime(c, to: &text)
        if c.nanosecond > 0 {
            var fraction = c.nanosecond
            var width = 9
            while fraction % 10 == 0 {
                fraction /= 10
                width -= 1
            }
            text += "."
            Self.append(fraction, width: width, to: &text)
        }
        text += "Z"
        return text
    }

    /// RFC 822 with a four-digit year, as RSS 2.0 wants it: `Thu, 26 Nov 2020 09:08:19 +0000`.
    ///
    /// English day and month names and UTC, whatever the machine's locale and zone; the fraction is dropped.
    public var rfc822: String {
        let c = civil
        var text = Self.weekdays[c.weekday] + ", "
        Self.append(c.day, width: 2, to: &text)
        text += " " + Self.months[c.month - 1] + " "
        Self.append(c.year, width: 4, to: &text)
        text += " "
        appendTime(c, to: &text)
        text += " +0000"
        return text
    }

    private func appendTime(_ c: CivilDate, to text: inout String) {
        Self.append(c.hour, width: 2, to: &text)
        text += ":"
        Self.append(c.minute, width: 2, to: &text)
        text += ":"
        Self.append(c.second, width: 2, to: &text)
    }

    private static func append(_ value: Int, width: Int, to text: inout String) {
        let digits = String(value)
        if digits.utf8.count < width {
            text += String(repeating: "0", count: width - digits.utf8.count)
        }
        text += digits
    }
}
