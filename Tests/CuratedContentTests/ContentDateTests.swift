import FeedModel
import Foundation
import PropertyBased
import Testing

@testable import CuratedContent

/// `ContentDate.parse`: RFC 3339 read strictly, the tolerated forms read with a note, the rest rejected.
@Suite("Content dates")
struct ContentDateTests {
    private func parse(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ContentDate.Parsed {
        do {
            return try ContentDate.parse(text)
        } catch {
            Issue.record("'\(text)' rejected: \(error.reason)", sourceLocation: sourceLocation)
            throw error
        }
    }

    @Test(arguments: 1...12)
    func fractionDigits(_ count: Int) throws {
        let digits = String("123456789123".prefix(count))
        let parsed = try parse("2020-11-26T09:08:19.\(digits)Z")
        let kept = String(digits.prefix(9))
        let expected = Int32(kept)! * Int32(pow(10, Double(9 - kept.count)))
        #expect(parsed.timestamp.nanoseconds == expected)
        #expect(parsed.timestamp.seconds == 1_606_381_699)
        #expect(parsed.assumptions.isEmpty)
    }

    @Test func seedDateKeepsItsMicroseconds() throws {
        let parsed = try parse("2020-11-26T09:08:19.821451Z")
        #expect(parsed.timestamp == Timestamp(seconds: 1_606_381_699, nanoseconds: 821_451_000))
        #expect(parsed.timestamp.rfc3339 == "2020-11-26T09:08:19.821451Z")
    }

    @Test(arguments: [
        ("2020-11-26T09:08:19Z", "2020-11-26T09:08:19Z"),
        ("2020-11-26t09:08:19z", "2020-11-26T09:08:19Z"),
        ("2020-11-26T09:08:19+00:00", "2020-11-26T09:08:19Z"),
        ("2020-11-26T09:08:19-00:00", "2020-11-26T09:08:19Z"),
        ("2020-11-26T09:08:19+05:30", "2020-11-26T03:38:19Z"),
        ("2020-11-26T09:08:19+0530", "2020-11-26T03:38:19Z"),
        ("2020-11-26T09:08:19-0800", "2020-11-26T17:08:19Z"),
        ("2020-11-26T09:08:19+05", "2020-11-26T04:08:19Z"),
        ("2020-11-26T01:08:19.5+05:30", "2020-11-25T19:38:19.5Z"),
        ("2020-12-31T20:00:00-08:00", "2021-01-01T04:00:00Z"),
        ("2020-11-26T09:08:19,25Z", "2020-11-26T09:08:19.25Z"),
        ("  2020-11-26T09:08:19Z\n", "2020-11-26T09:08:19Z"),
    ])
    func zonesAreConvertedToUTC(_ text: String, _ utc: String) throws {
        let parsed = try parse(text)
        #expect(parsed.timestamp.rfc3339 == utc)
        #expect(parsed.assumptions.isEmpty)
    }

    @Test(arguments: [
        ("2020-11-26T09:08Z", "2020-11-26T09:08:00Z", ["has no seconds; taken as :00"]),
        ("2020-11-26", "2020-11-26T00:00:00Z", ["has no time; taken as 00:00:00 UTC"]),
        ("2020-11-26 09:08:19Z", "2020-11-26T09:08:19Z", ["has a space for 'T'"]),
        ("2020-11-26T09:08:19", "2020-11-26T09:08:19Z", ["has no time zone; taken as UTC"]),
        (
            "2020-11-26 09:08", "2020-11-26T09:08:00Z",
            ["has a space for 'T'", "has no seconds; taken as :00", "has no time zone; taken as UTC"]
        ),
        ("Thu, 26 Nov 2020 09:08:19 +0000", "2020-11-26T09:08:19Z", ["read as an RFC 822 date"]),
        ("Thu, 26 Nov 2020 01:08:19 PST", "2020-11-26T09:08:19Z", ["read as an RFC 822 date"]),
        ("26 Nov 2020 10:08 +0100", "2020-11-26T09:08:00Z", ["read as an RFC 822 date"]),
    ])
    func toleratedFormsAreNoted(_ text: String, _ utc: String, _ assumptions: [String]) throws {
        let parsed = try parse(text)
        #expect(parsed.timestamp.rfc3339 == utc)
        #expect(parsed.assumptions == assumptions)
    }

    @Test func leapDays() throws {
        #expect(try parse("2024-02-29T12:00:00Z").timestamp.rfc3339 == "2024-02-29T12:00:00Z")
        #expect(try parse("2000-02-29").timestamp.rfc3339 == "2000-02-29T00:00:00Z")
        #expect(throws: ContentDate.Failure.self) { try ContentDate.parse("2023-02-29T12:00:00Z") }
        #expect(throws: ContentDate.Failure.self) { try ContentDate.parse("1900-02-29T12:00:00Z") }
    }

    @Test(arguments: [
        "yesterday", "2021-02-30T10:00:00Z", "2020-13-01T00:00:00Z", "26/11/2020 09:08", "", "   ",
        "2020-11-26T25:61:00Z", "0000-00-00T00:00:00Z", "0000-01-01T00:00:00Z", "2020-11-26T09:08:19.Z",
        "2020-11-26T09:08:60Z", "2020-11-26T09:08:19+05:60", "2020-11-26T09:08:19+5:30", "2020-11-26T09:08:19Zjunk",
        "2020-1-26", "20201126T090819Z", "2020-11-26X09:08:19Z", "Thu, 31 Nov 2020 09:08:19 +0000",
        "Thu, 26 Nov 2020 09:08:19 +2400", "Thu, 26 Nov 20 09:08:19 +0000", "2020-11-26T09:08:19 +05:30",
    ])
    func rejected(_ text: String) {
        #expect(throws: ContentDate.Failure.self, "'\(text)'") { try ContentDate.parse(text) }
    }

    @Test func failureReasonsNameTheText() {
        #expect(throws: ContentDate.Failure(reason: "is empty")) { try ContentDate.parse(" ") }
        #expect(throws: ContentDate.Failure(reason: "'0000-00-00T00:00:00Z' has year 0000")) {
            try ContentDate.parse("0000-00-00T00:00:00Z")
        }
        #expect(throws: ContentDate.Failure(reason: "'2021-02-30T10:00:00Z' is not a real date or time")) {
            try ContentDate.parse("2021-02-30T10:00:00Z")
        }
        #expect(throws: ContentDate.Failure(reason: "'2020-11-26T09:08:19+24:00' has an impossible time-zone offset")) {
            try ContentDate.parse("2020-11-26T09:08:19+24:00")
        }
    }

    @Test func assumptionsAreReportedAsRepairs() throws {
        let document = ContentDocument.sample.setting("date", " 2021-03-04").setting("lastMod", nil)
        let outcome = document.read()
        let item = try #require(outcome.item)
        #expect(outcome.status == .repaired)
        #expect(item.published.rfc3339 == "2021-03-04T00:00:00Z")
        let warning = try #require(ContentTestKit.warnings(outcome, field: "date").first)
        #expect(warning.message == "'2021-03-04' has no time; taken as 00:00:00 UTC")
        #expect(warning.line == document.line(of: "date"))
    }

    @Test func offsetDateInAnItemIsPublishedInUTC() throws {
        let outcome = ContentDocument.sample.setting("date", " '2021-03-04T05:06:07+05:30'").read()
        #expect(outcome.status == .published)
        #expect(try #require(outcome.item).published.rfc3339 == "2021-03-03T23:36:07Z")
    }

    /// A civil date-time, a fraction and an offset, as the property test draws them.
    struct Moment: Sendable, CustomStringConvertible {
        var year, month, day, hour, minute, second: Int
        var nanosecond: Int
        var fractionDigits: Int
        var offsetMinutes: Int
        var colonInOffset: Bool

        /// The fraction as written: the first `fractionDigits` of the nanoseconds.
        var fraction: String {
            String(String(format: "%09d", nanosecond).prefix(fractionDigits))
        }

        var text: String {
            var text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second)
            if fractionDigits > 0 { text += "." + fraction }
            if offsetMinutes == 0 && !colonInOffset { return text + "Z" }
            let sign = offsetMinutes < 0 ? "-" : "+"
            let hours = abs(offsetMinutes) / 60
            let minutes = abs(offsetMinutes) % 60
            return text + String(format: colonInOffset ? "%@%02d:%02d" : "%@%02d%02d", sign, hours, minutes)
        }

        var description: String { text }
    }

    static let moments = zip(
        zip(Gen.int(in: 1601...9998), Gen.int(in: 1...12), Gen.int(in: 1...31)),
        zip(Gen.int(in: 0...23), Gen.int(in: 0...59), Gen.int(in: 0...59)),
        zip(Gen.int(in: 0...999_999_999), Gen.int(in: 0...9)),
        zip(Gen.int(in: -(23 * 60 + 59)...(23 * 60 + 59)), Gen.bool)
    ).map { date, time, fraction, offset in
        let days = CivilDate.daysIn(month: date.1, year: date.0)
        return Moment(
            year: date.0,
            month: date.1,
            day: min(date.2, days),
            hour: time.0,
            minute: time.1,
            second: time.2,
            nanosecond: fraction.0,
            fractionDigits: fraction.1,
            offsetMinutes: offset.0,
            colonInOffset: offset.1
        )
    }

    @Test func rfc3339WithAnOffsetGivesTheInstantFoundationComputes() async {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        await propertyCheck(count: 500, input: Self.moments) { moment in
            let components = DateComponents(
                year: moment.year,
                month: moment.month,
                day: moment.day,
                hour: moment.hour,
                minute: moment.minute,
                second: moment.second
            )
            guard let local = calendar.date(from: components) else {
                Issue.record("Foundation has no date for \(moment)")
                return
            }
            let expectedSeconds = Int64(local.timeIntervalSince1970.rounded()) - Int64(moment.offsetMinutes * 60)
            let kept = moment.fraction
            let expectedNanoseconds = kept.isEmpty ? 0 : Int32(kept)! * Int32(pow(10, Double(9 - kept.count)))
            do {
                let parsed = try ContentDate.parse(moment.text)
                #expect(parsed.timestamp.seconds == expectedSeconds, "\(moment)")
                #expect(parsed.timestamp.nanoseconds == expectedNanoseconds, "\(moment)")
                #expect(parsed.assumptions.isEmpty, "\(moment)")
                // And back: the UTC form reads as the same instant.
                #expect(try ContentDate.parse(parsed.timestamp.rfc3339).timestamp == parsed.timestamp)
            } catch {
                Issue.record("\(moment) rejected: \(error)")
            }
        }
    }
}
