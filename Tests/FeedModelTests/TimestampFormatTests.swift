import FeedModel
import Foundation
import PropertyBased
import Testing

/// The dates feeds print: ``Timestamp/rfc3339`` (Atom, JSON Feed) and ``Timestamp/rfc822`` (RSS, OPML), and the
/// civil-date initializer they are built from.
@Suite struct TimestampFormatTests {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    @Test(
        arguments: [
            (0, "1970-01-01T00:00:00Z"),
            (821_451_000, "2020-11-26T09:08:19.821451Z"),
            (500_000_000, "2020-11-26T09:08:19.5Z"),
            (1, "2020-11-26T09:08:19.000000001Z"),
            (100, "2020-11-26T09:08:19.0000001Z"),
            (120_000_000, "2020-11-26T09:08:19.12Z"),
            (999_999_999, "2020-11-26T09:08:19.999999999Z"),
        ] as [(Int32, String)]
    )
    func rfc3339TrimsTheFraction(nanoseconds: Int32, expected: String) {
        let seconds: Int64 = nanoseconds == 0 ? 0 : 1_606_381_699
        #expect(Timestamp(seconds: seconds, nanoseconds: nanoseconds).rfc3339 == expected)
    }

    /// Weekdays before 1583 checked with Python's proleptic Gregorian `datetime.date(...).strftime("%a")`.
    @Test(arguments: [
        (Timestamp(seconds: 1_606_381_699), "Thu, 26 Nov 2020 09:08:19 +0000", "2020-11-26T09:08:19Z"),
        (Timestamp(seconds: 0), "Thu, 01 Jan 1970 00:00:00 +0000", "1970-01-01T00:00:00Z"),
        (Timestamp(seconds: -1), "Wed, 31 Dec 1969 23:59:59 +0000", "1969-12-31T23:59:59Z"),
        (
            Timestamp(seconds: -1, nanoseconds: 250_000_000), "Wed, 31 Dec 1969 23:59:59 +0000",
            "1969-12-31T23:59:59.25Z"
        ),
        (Timestamp(seconds: -86_400), "Wed, 31 Dec 1969 00:00:00 +0000", "1969-12-31T00:00:00Z"),
        (Timestamp(seconds: -2_208_988_800), "Mon, 01 Jan 1900 00:00:00 +0000", "1900-01-01T00:00:00Z"),
        (Timestamp(seconds: 951_782_400), "Tue, 29 Feb 2000 00:00:00 +0000", "2000-02-29T00:00:00Z"),
        (Timestamp(year: 999, month: 3, day: 5)!, "Tue, 05 Mar 0999 00:00:00 +0000", "0999-03-05T00:00:00Z"),
        (Timestamp(year: 1, month: 1, day: 1)!, "Mon, 01 Jan 0001 00:00:00 +0000", "0001-01-01T00:00:00Z"),
        (
            Timestamp(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59, nanosecond: 999_999_999)!,
            "Fri, 31 Dec 9999 23:59:59 +0000", "9999-12-31T23:59:59.999999999Z"
        ),
    ])
    func knownInstants(timestamp: Timestamp, rfc822: String, rfc3339: String) {
        #expect(timestamp.rfc822 == rfc822)
        #expect(timestamp.rfc3339 == rfc3339)
    }

    @Test func rfc822WeekdayAndFieldsMatchFoundation() async {
        // Foundation's Gregorian calendar switches to Julian before 1582-10-15; compare from 1583 on.
        let first = Timestamp(year: 1583, month: 1, day: 1)!.seconds
        let last = Timestamp(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59)!.seconds
        await propertyCheck(count: 1000, input: Gen.int64(in: first...last)) { seconds in
            let timestamp = Timestamp(seconds: seconds)
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            let c = Self.utc.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
            let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            let expected = String(
                format: "%@, %02d %@ %04d %02d:%02d:%02d +0000",
                weekdays[c.weekday! - 1],
                c.day!,
                months[c.month! - 1],
                c.year!,
                c.hour!,
                c.minute!,
                c.second!
            )
            #expect(timestamp.rfc822 == expected, "seconds: \(seconds)")
            let iso = String(
                format: "%04d-%02d-%02dT%02d:%02d:%02dZ",
                c.year!,
                c.month!,
                c.day!,
                c.hour!,
                c.minute!,
                c.second!
            )
            #expect(timestamp.rfc3339 == iso, "seconds: \(seconds)")
        }
    }

    @Test func rfc3339FractionKeepsEverySignificantDigit() async {
        await propertyCheck(
            count: 500,
            input: Gen.int64(in: -10_000_000_000...100_000_000_000),
            Gen.int32(in: 0...999_999_999)
        ) {
            seconds,
            nanoseconds in
            let text = Timestamp(seconds: seconds, nanoseconds: nanoseconds).rfc3339
            let whole = Timestamp(seconds: seconds).rfc3339
            #expect(text.hasSuffix("Z"))
            if nanoseconds == 0 {
                #expect(text == whole)
                return
            }
            #expect(text.hasPrefix(whole.dropLast() + "."))
            let digits = text.dropFirst(whole.count).dropLast()
            #expect((1...9).contains(digits.count) && digits.last != "0", "\(text)")
            let padded = digits + String(repeating: "0", count: max(0, 9 - digits.count))
            #expect(Int32(padded) == nanoseconds, "\(text)")
        }
    }

    @Test func civilDateInitializerRoundTrips() async {
        await propertyCheck(
            count: 500,
            input: Gen.int(in: 1...9999),
            Gen.int(in: 1...12),
            Gen.int(in: 1...31),
            Gen.int(in: 0...86_399)
        ) { year, month, day, second in
            let timestamp = Timestamp(
                year: year,
                month: month,
                day: day,
                hour: second / 3600,
                minute: second / 60 % 60,
                second: second % 60
            )
            guard day <= CivilDate.daysIn(month: month, year: year) else {
                #expect(timestamp == nil, "\(year)-\(month)-\(day)")
                return
            }
            let civil = timestamp?.civil
            #expect(civil?.year == year && civil?.month == month && civil?.day == day)
            #expect(civil.map { $0.hour * 3600 + $0.minute * 60 + $0.second } == second)
        }
    }

    @Test(
        arguments: [
            (2021, 2, 29, 0, 0, 0, 0), (2020, 2, 30, 0, 0, 0, 0), (1900, 2, 29, 0, 0, 0, 0), (2020, 4, 31, 0, 0, 0, 0),
            (2020, 13, 1, 0, 0, 0, 0), (2020, 0, 1, 0, 0, 0, 0), (2020, 1, 0, 0, 0, 0, 0), (2020, 1, 32, 0, 0, 0, 0),
            (2020, 1, 1, 24, 0, 0, 0), (2020, 1, 1, -1, 0, 0, 0), (2020, 1, 1, 0, 60, 0, 0), (2020, 1, 1, 0, 0, 60, 0),
            (2020, 1, 1, 0, 0, 0, 1_000_000_000), (2020, 1, 1, 0, 0, 0, -1), (0, 1, 1, 0, 0, 0, 0),
            (10000, 1, 1, 0, 0, 0, 0),
        ] as [(Int, Int, Int, Int, Int, Int, Int)]
    )
    func rejectsImpossibleDates(y: Int, mo: Int, d: Int, h: Int, mi: Int, s: Int, ns: Int) {
        #expect(Timestamp(year: y, month: mo, day: d, hour: h, minute: mi, second: s, nanosecond: ns) == nil)
    }

    @Test func acceptsLeapDays() {
        #expect(Timestamp(year: 2000, month: 2, day: 29)?.rfc3339 == "2000-02-29T00:00:00Z")
        #expect(Timestamp(year: 2024, month: 2, day: 29)?.rfc822 == "Thu, 29 Feb 2024 00:00:00 +0000")
    }

    @Test func offsetsAreSubtractedToGiveUTC() throws {
        let utc = try #require(Timestamp(year: 2020, month: 11, day: 26, hour: 9, minute: 8, second: 19))
        let paris = Timestamp(year: 2020, month: 11, day: 26, hour: 10, minute: 8, second: 19, offsetSeconds: 3600)
        #expect(paris == utc)
        let newYork = try #require(
            Timestamp(year: 2020, month: 12, day: 31, hour: 20, minute: 30, second: 0, offsetSeconds: -5 * 3600)
        )
        #expect(newYork.rfc3339 == "2021-01-01T01:30:00Z")
        #expect(newYork.rfc822 == "Fri, 01 Jan 2021 01:30:00 +0000")
        let kolkata = try #require(
            Timestamp(year: 2020, month: 1, day: 1, hour: 3, minute: 0, second: 0, nanosecond: 7, offsetSeconds: 19_800)
        )
        #expect(kolkata.rfc3339 == "2019-12-31T21:30:00.000000007Z")
    }
}
