package import FeedModel

/// Parses the dates content files hold, strictly, saying what it assumed.
///
/// Accepts RFC 3339 / ISO 8601 (`2020-11-26T09:08:19.821451Z`, offsets `+05:30`, `+0530`), and — each with a
/// note the item reports as a repair — a missing zone (UTC), missing seconds, a date alone (midnight UTC), a space
/// instead of `T`, and RFC 822 (`Thu, 26 Nov 2020 09:08:19 +0000`). Rejects what it cannot read without
/// guessing: words, `26/11/2020` (day or month first?), impossible dates such as 30 February, year 0000.
package enum ContentDate {
    /// A parsed date and what was assumed to read it.
    package struct Parsed: Equatable {
        package var timestamp: Timestamp
        package var assumptions: [String]
    }

    /// Why a text is not a date, in a phrase.
    package struct Failure: Error, Equatable {
        package var reason: String
    }

    package static func parse(_ text: String) throws(Failure) -> Parsed {
        let trimmed = text.trimmingWhitespace
        if trimmed.isEmpty { throw Failure(reason: "is empty") }
        var scanner = DigitScanner(Array(trimmed.utf8))
        if let first = scanner.peek, first >= 0x30 && first <= 0x39 {
            do {
                return try parseISO(&scanner, original: trimmed)
            } catch {
                // RFC 822's day of the week is optional: `26 Nov 2020 09:08:19 +0000` starts with a digit too.
                guard let parsed = RFC822Parser.parse(trimmed) else { throw error }
                return Parsed(timestamp: parsed, assumptions: ["read as an RFC 822 date"])
            }
        }
        if let parsed = RFC822Parser.parse(trimmed) {
            return Parsed(timestamp: parsed, assumptions: ["read as an RFC 822 date"])
        }
        throw Failure(reason: "'\(trimmed)' is not a date (expected YYYY-MM-DDTHH:MM:SSZ)")
    }

    private static func parseISO(_ s: inout DigitScanner, original: String) throws(Failure) -> Parsed {
        let expected = Failure(reason: "'\(original)' is not a date (expected YYYY-MM-DDTHH:MM:SSZ)")
        guard let year = s.digits(4), s.take(0x2D), let month = s.digits(2), s.take(0x2D), let day = s.digits(2)
        else { throw expected }
        var assumptions: [String] = []
        var hour = 0
        var minute = 0
        var second = 0
        var nanosecond = 0
        var offset = 0
        if s.atEnd {
            assumptions.append("has no time; taken as 00:00:00 UTC")
        } else {
            if s.take(0x20) {
                assumptions.append("has a space for 'T'")
            } else if !(s.take(0x54) || s.take(0x74)) {
                throw expected
            }
            guard let h = s.digits(2), s.take(0x3A), let m = s.digits(2) else { throw expected }
            hour = h
            minute = m
            if s.take(0x3A) {
                guard let sec = s.digits(2) else { throw expected }
                second = sec
                if s.take(0x2E) || s.take(0x2C) {
                    guard let fraction = s.fraction() else { throw expected }
                    nanosecond = fraction
                }
            } else {
                assumptions.append("has no seconds; taken as :00")
            }
            if s.atEnd {
                assumptions.append("has no time zone; taken as UTC")
            } else if s.take(0x5A) || s.take(0x7A) {
                // UTC
            } else if let sign = s.peek, sign == 0x2B || sign == 0x2D {
                _ = s.take(sign)
                guard let offsetHours = s.digits(2) else { throw expected }
                var offsetMinutes = 0
                if s.take(0x3A) {
                    guard let m = s.digits(2) else { throw expected }
                    offsetMinutes = m
                } else if let m = s.digits(2) {
                    offsetMinutes = m
                }
                guard offsetHours <= 23, offsetMinutes <= 59 else {
                    throw Failure(reason: "'\(original)' has an impossible time-zone offset")
                }
                offset = (offsetHours * 3600 + offsetMinutes * 60) * (sign == 0x2D ? -1 : 1)
            }
            guard s.atEnd else { throw expected }
        }
        guard year >= 1 else { throw Failure(reason: "'\(original)' has year 0000") }
        guard
            let timestamp = Timestamp(
                year: year,
                month: month,
                day: day,
                hour: hour,
                minute: minute,
                second: second,
                nanosecond: nanosecond,
                offsetSeconds: offset
            )
        else { throw Failure(reason: "'\(original)' is not a real date or time") }
        return Parsed(timestamp: timestamp, assumptions: assumptions)
    }
}

/// Reads ASCII digits and punctuation from the front of a byte array.
struct DigitScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var atEnd: Bool { index == bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Consumes `byte` if it is next.
    mutating func take(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    /// Exactly `count` digits as a number.
    mutating func digits(_ count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        index += count
        return value
    }

    /// One or more digits of a decimal fraction, as nanoseconds (digits past the ninth are dropped).
    mutating func fraction() -> Int? {
        var nanoseconds = 0
        var count = 0
        while let byte = peek, byte >= 0x30 && byte <= 0x39 {
            if count < 9 { nanoseconds = nanoseconds * 10 + Int(byte - 0x30) }
            count += 1
            index += 1
        }
        guard count > 0 else { return nil }
        for _ in count..<max(count, 9) { nanoseconds *= 10 }
        return nanoseconds
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line ends.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        if first == startIndex && last == index(before: endIndex) { return self }
        return String(self[first...last])
    }
}
