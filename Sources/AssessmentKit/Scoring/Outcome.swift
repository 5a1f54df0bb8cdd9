/// The outcome of one criterion for one subject (DESIGN §3).
public enum Outcome: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    case pass
    case fail
    /// The rule could not be decided: a value is missing or not trusted enough.
    case unknown
    /// The criterion's `applies_when` is false for this subject.
    case notApplicable = "not-applicable"
    /// A fail or unknown that an active waiver accepts; the underlying outcome is kept
    /// beside it.
    case waived

    public var description: String { rawValue }
}

/// The verdict on a subject, from the interval between the worst case (every unknown
/// fails) and the best case (every unknown passes).
public enum Verdict: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// Even the worst case meets the policy.
    case meets
    /// Meets or fails depending on values that are unknown.
    case incomplete
    /// Even the best case does not meet the policy.
    case fails

    public var description: String { rawValue }
}

/// A percentage, exact for decisions and rounded to one decimal for every output, so
/// all formats print the same figure.
public struct Percentage: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The exact value, 0–100.
    public let value: Double
    /// The value in tenths of a percent, rounded half away from zero: 12.25 → 123.
    public let tenths: Int

    public init(_ value: Double) {
        self.value = value
        tenths = Int((value * 10).rounded(.toNearestOrAwayFromZero))
    }

    /// `part / whole` as a percentage; 100 when `whole` is 0 (nothing to fall short of).
    public init(part: Double, of whole: Double) {
        self.init(whole > 0 ? 100 * part / whole : 100)
    }

    /// The rounded value as a number, e.g. 83.3.
    public var rounded: Double { Double(tenths) / 10 }

    /// `83.3`, `100.0`.
    public var description: String {
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    public static func < (a: Percentage, b: Percentage) -> Bool { a.value < b.value }
}
