import Testing

@testable import ExerciseKit

/// RFC 3339 timestamps (one spelling only) and time spans.
@Suite struct TimestampTests {
    @Test func knownInstants() throws {
        #expect(Timestamp(rfc3339: "1970-01-01T00:00:00Z")?.seconds == 0)
        #expect(Timestamp(rfc3339: "2000-03-01T00:00:00Z")?.seconds == 951_868_800)
        #expect(Timestamp(rfc3339: "2026-10-07T10:00:00Z")?.seconds == 1_791_367_200)
        #expect(Timestamp(rfc3339: "1969-12-31T23:59:59Z")?.seconds == -1)
        #expect(Timestamp(seconds: 1_791_367_200).description == "2026-10-07T10:00:00Z")
        #expect(Timestamp(seconds: -1).description == "1969-12-31T23:59:59Z")
        #expect(Timestamp(seconds: 1_791_367_200).dateText == "2026-10-07")
    }

    @Test(arguments: [
        "2024-02-29T12:34:56Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1600-03-01T00:00:00Z",
        "2100-12-31T00:00:00Z",
    ])
    func roundTrips(_ text: String) throws {
        let time = try #require(Timestamp(rfc3339: text))
        #expect(time.description == text)
        #expect(time.isRepresentable)
    }

    @Test(arguments: [
        "2026-10-07T10:00:00", "2026-10-07t10:00:00Z", "2026-10-07T10:00:00z", "2026-10-07T10:00:00.5Z",
        "2026-10-07T10:00:00+00:00", "2026-10-07 10:00:00Z", "2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
        "2026-04-31T00:00:00Z", "2026-10-07T24:00:00Z", "2026-10-07T10:60:00Z", "2026-10-07T10:00:60Z",
        "2026-1-07T10:00:00Z", "+026-10-07T10:00:00Z", "", "2026-10-07",
    ])
    func rejectsOtherSpellings(_ text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test func datesAsStartOrEndOfDay() {
        #expect(Timestamp(date: "2026-10-06")?.description == "2026-10-06T00:00:00Z")
        #expect(Timestamp(date: "2026-10-08", endOfDay: true)?.description == "2026-10-08T23:59:59Z")
        #expect(Timestamp(date: "2026-10-32") == nil)
        #expect(Timestamp(date: "2026-10-07T00:00:00Z") == nil)
    }

    @Test func timeSpans() {
        #expect(TimeSpan(parsing: "24h")?.seconds == 86_400)
        #expect(TimeSpan(parsing: "5m")?.seconds == 300)
        #expect(TimeSpan(parsing: "90s")?.seconds == 90)
        #expect(TimeSpan(parsing: "2d")?.seconds == 172_800)
        #expect(TimeSpan(parsing: "1h30m")?.seconds == 5400)
        #expect(TimeSpan(parsing: "1d2h3m4s")?.seconds == 93_784)
        #expect(TimeSpan(parsing: "0s")?.seconds == 0)
        for bad in ["", "5", "m", "5x", "30m1h", "1h1h", "-5m", "1.5h", " 5m", "99999999999d"] {
            #expect(TimeSpan(parsing: bad) == nil, "\(bad)")
        }
        #expect(TimeSpan(seconds: 93_784).description == "1d2h3m4s")
        #expect(TimeSpan(seconds: 300).description == "5m")
        #expect(TimeSpan(seconds: 0).description == "0s")
    }
}
