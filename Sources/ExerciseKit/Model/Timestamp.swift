/// A moment in UTC with one-second resolution, written as RFC 3339 `2026-10-07T10:00:00Z`.
///
/// Only that one form is read or written (no fractions, no offsets, no lower-case `t`/`z`),
/// so a timestamp has exactly one encoding and signed headers compare byte for byte. Kits
/// never read the clock: every "now" arrives as a `Timestamp` parameter.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z (no leap seconds, as POSIX).
    public var seconds: Int64

    public init(seconds: Int64) {
        self.seconds = seconds
    }

    /// The earliest and latest moments with a four-digit year.
    static let earliest = Timestamp(seconds: daysFromCivil(year: 0, month: 1, day: 1) * 86_400)
    static let latest = Timestamp(seconds: daysFromCivil(year: 9999, month: 12, day: 31) * 86_400 + 86_399)

    /// Parses `YYYY-MM-DDTHH:MM:SSZ`; nil for anything else.
    public init?(rfc3339 text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            bytes[19] == UInt8(ascii: "Z"),
            let date = Self.date(bytes[0..<10]),
            let hour = Self.number(bytes[11..<13]), hour < 24,
            let minute = Self.number(bytes[14..<16]), minute < 60,
            let second = Self.number(bytes[17..<19]), second < 60
        else { return nil }
        seconds = date * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// Parses a calendar date `YYYY-MM-DD` as the start (00:00:00Z) or, with `endOfDay`, the
    /// last second (23:59:59Z) of that day in UTC; nil for anything else.
    public init?(date text: some StringProtocol, endOfDay: Bool = false) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let days = Self.date(bytes[0..<10])
        else { return nil }
        seconds = days * 86_400 + (endOfDay ? 86_399 : 0)
    }

    /// The RFC 3339 form, `2026-10-07T10:00:00Z`.
    public var description: String {
        let days = Self.floorDivide(seconds, 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        return
            "\(dateText)T\(Self.pad(secondOfDay / 3600, 2)):\(Self.pad(secondOfDay / 60 % 60, 2)):\(Self.pad(secondOfDay % 60, 2))Z"
    }

    /// The UTC calendar date, `2026-10-07`.
    public var dateText: String {
        let (year, month, day) = Self.civil(fromDays: Self.floorDivide(seconds, 86_400))
        return "\(Self.pad(Int(year), 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
    }

    /// Whether the year has four digits, so that the timestamp can be written.
    public var isRepresentable: Bool { self >= Self.earliest && self <= Self.latest }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.seconds < b.seconds }

    public static func + (a: Timestamp, b: TimeSpan) -> Timestamp { Timestamp(seconds: a.seconds + b.seconds) }
    public static func - (a: Timestamp, b: TimeSpan) -> Timestamp { Timestamp(seconds: a.seconds - b.seconds) }

    // MARK: - Calendar arithmetic (proleptic Gregorian, H. Hinnant's civil algorithms)

    /// Days since 1970-01-01 of `YYYY-MM-DD`, checking the day against the month's length.
    private static func date(_ bytes: ArraySlice<UInt8>) -> Int64? {
        let start = bytes.startIndex
        guard bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"),
            let year = number(bytes[start..<(start + 4)]),
            let month = number(bytes[(start + 5)..<(start + 7)]), (1...12).contains(month),
            let day = number(bytes[(start + 8)..<(start + 10)]), day >= 1,
            day <= daysInMonth(year: year, month: month)
        else { return nil }
        return daysFromCivil(year: Int64(year), month: month, day: day)
    }

    /// A fixed-width run of ASCII digits.
    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func daysFromCivil(year: Int64, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
        let month = Int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

/// A length of time in whole seconds, read and written as `90s`, `5m`, `24h`, `7d` or a
/// sum such as `1h30m` (for `--max-age` and `--clock-skew`).
public struct TimeSpan: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var seconds: Int64

    public init(seconds: Int64) {
        self.seconds = seconds
    }

    public static func minutes(_ n: Int64) -> TimeSpan { TimeSpan(seconds: n * 60) }
    public static func hours(_ n: Int64) -> TimeSpan { TimeSpan(seconds: n * 3600) }
    public static func days(_ n: Int64) -> TimeSpan { TimeSpan(seconds: n * 86_400) }

    private static let units: [(suffix: UInt8, seconds: Int64)] = [
        (UInt8(ascii: "d"), 86_400), (UInt8(ascii: "h"), 3600), (UInt8(ascii: "m"), 60), (UInt8(ascii: "s"), 1),
    ]

    /// Parses one or more `<digits><unit>` groups, units `d`, `h`, `m`, `s` in that order,
    /// each at most once (`2d`, `1h30m`, `45s`); nil for anything else, including `0`
    /// without a unit and values beyond 100 years.
    public init?(parsing text: some StringProtocol) {
        var total: Int64 = 0
        var digits: Int64?
        var nextUnit = 0
        for byte in text.utf8 {
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                let value = (digits ?? 0) * 10 + Int64(byte - UInt8(ascii: "0"))
                guard value <= 3_153_600_000 else { return nil }
                digits = value
                continue
            }
            guard let value = digits,
                let index = Self.units.indices.first(where: { Self.units[$0].suffix == byte }), index >= nextUnit
            else { return nil }
            total += value * Self.units[index].seconds
            digits = nil
            nextUnit = index + 1
        }
        guard digits == nil, nextUnit > 0, total <= 3_153_600_000 else { return nil }
        seconds = total
    }

    /// The shortest form: `1d2h`, `5m`, `0s`.
    public var description: String {
        guard seconds != 0 else { return "0s" }
        var rest = abs(seconds)
        var text = seconds < 0 ? "-" : ""
        for unit in Self.units where rest >= unit.seconds {
            text += "\(rest / unit.seconds)\(Character(Unicode.Scalar(unit.suffix)))"
            rest %= unit.seconds
        }
        return text
    }

    public static func < (a: TimeSpan, b: TimeSpan) -> Bool { a.seconds < b.seconds }
}
