import Testing

@testable import InventoryKit

@Suite struct CalendarDateTests {
    @Test func parsesOnlyValidISODates() {
        #expect(CalendarDate("2026-11-01")?.description == "2026-11-01")
        #expect(CalendarDate("2024-02-29") != nil)
        #expect(CalendarDate("2026-02-29") == nil)
        #expect(CalendarDate("2026-13-01") == nil)
        #expect(CalendarDate("2026-1-01") == nil)
        #expect(CalendarDate("2026-11-01T00:00") == nil)
        #expect(CalendarDate("") == nil)
    }

    @Test func monthArithmeticClampsToMonthEnd() throws {
        let date = try #require(CalendarDate("2026-08-31"))
        #expect(date.adding(months: -6)?.description == "2026-02-28")
        #expect(date.adding(months: 6)?.description == "2027-02-28")
        #expect(date.adding(months: -24)?.description == "2024-08-31")
    }

    @Test func dayArithmeticRoundTrips() throws {
        let date = try #require(CalendarDate("2024-02-28"))
        #expect(date.adding(days: 1)?.description == "2024-02-29")
        #expect(date.adding(days: 2)?.description == "2024-03-01")
        #expect(date.adding(days: -365)?.description == "2023-02-28")
        #expect(CalendarDate("1970-01-01")?.dayNumber == 0)
        for offset in stride(from: -5000, through: 5000, by: 37) {
            let moved = try #require(date.adding(days: offset))
            #expect(moved.dayNumber - date.dayNumber == offset)
        }
    }
}
