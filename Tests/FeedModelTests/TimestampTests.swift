import FeedModel
import Foundation
import PropertyBased
import Testing

/// Instants and their calendar fields, independent of the machine's zone and locale.
@Suite struct TimestampTests {
    @Test func civilFieldsOfTheSeedDate() throws {
        let timestamp = try #require(
            Timestamp(year: 2020, month: 11, day: 26, hour: 9, minute: 8, second: 19, nanosecond: 821_451_000)
        )
        #expect(timestamp.seconds == 1_606_381_699)
        #expect(timestamp.nanoseconds == 821_451_000)
        let civil = timestamp.civil
        let fields: [Int] = [civil.year, civil.month, civil.day, civil.hour, civil.minute, civil.second]
        #expect(fields == [2020, 11, 26, 9, 8, 19])
        #expect(civil.weekday == 4)  // Thursday
    }

    @Test func offsetsAreSubtracted() throws {
        let local = try #require(Timestamp(year: 2020, month: 11, day: 26, hour: 14, minute: 38, offsetSeconds: 19_800))
        let utc = try #require(Timestamp(year: 2020, month: 11, day: 26, hour: 9, minute: 8))
        #expect(local == utc)
    }

    @Test(arguments: [
        (2021, 2, 29), (2020, 2, 30), (2020, 13, 1), (2020, 0, 1), (2020, 4, 31), (0, 1, 1), (10_000, 1, 1),
    ])
    func impossibleDatesAreRefused(year: Int, month: Int, day: Int) {
        #expect(Timestamp(year: year, month: month, day: day) == nil)
    }

    @Test func impossibleTimesAreRefused() {
        #expect(Timestamp(year: 2020, month: 1, day: 1, hour: 24) == nil)
        #expect(Timestamp(year: 2020, month: 1, day: 1, minute: 60) == nil)
        #expect(Timestamp(year: 2020, month: 1, day: 1, second: 60) == nil)
        #expect(Timestamp(year: 2020, month: 1, day: 1, nanosecond: 1_000_000_000) == nil)
        #expect(Timestamp(year: 2024, month: 2, day: 29) != nil)
        #expect(Timestamp(year: 2000, month: 2, day: 29) != nil)
        #expect(Timestamp(year: 1900, month: 2, day: 29) == nil)
    }

    @Test func beforeTheEpoch() throws {
        let timestamp = try #require(Timestamp(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59))
        #expect(timestamp.seconds == -1)
        #expect(timestamp.rfc3339 == "1969-12-31T23:59:59Z")
        #expect(timestamp.rfc822 == "Wed, 31 Dec 1969 23:59:59 +0000")
    }

    @Test func civilFieldsAgreeWithFoundation() async {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        await propertyCheck(count: 500, input: Gen.int64(in: -2_000_000_000...50_000_000_000)) { seconds in
            let civil = Timestamp(seconds: seconds).civil
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            let fields = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
            #expect(civil.year == fields.year)
            #expect(civil.month == fields.month)
            #expect(civil.day == fields.day)
            #expect(civil.hour == fields.hour)
            #expect(civil.minute == fields.minute)
            #expect(civil.second == fields.second)
            #expect(civil.weekday + 1 == fields.weekday)
            let back = Timestamp(
                year: civil.year,
                month: civil.month,
                day: civil.day,
                hour: civil.hour,
                minute: civil.minute,
                second: civil.second
            )
            #expect(back?.seconds == seconds)
        }
    }

    @Test func orderIsBySecondsThenNanoseconds() {
        #expect(Timestamp(seconds: 1, nanoseconds: 5) < Timestamp(seconds: 1, nanoseconds: 6))
        #expect(Timestamp(seconds: 1, nanoseconds: 999_999_999) < Timestamp(seconds: 2))
        #expect(Timestamp(seconds: -1) < Timestamp(seconds: 0))
    }
}
