import InventoryKit

/// A parsed rule before type-checking: the syntax tree, every node with its place in the
/// rule text so that type errors can point at it.
public struct RuleExpression: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        case literal(RuleLiteral)
        case path(PropertyPath)
        /// `[a, b, …]`, only on the right of `in`.
        case list([RuleExpression])
        case not(RuleExpression)
        case and(RuleExpression, RuleExpression)
        case or(RuleExpression, RuleExpression)
        case compare(ComparisonOperator, RuleExpression, RuleExpression)
        /// `value in [..]` or `value in list-path`.
        case isIn(RuleExpression, RuleExpression)
        /// `list contains value`.
        case contains(RuleExpression, RuleExpression)
        /// `date within N months|days` (back from the as-of date).
        case within(RuleExpression, amount: Int, unit: DurationUnit)
        case exists(PropertyPath)
    }

    public var kind: Kind
    /// Scalar offsets in the rule text.
    public var range: Range<Int>

    public init(_ kind: Kind, range: Range<Int>) {
        self.kind = kind
        self.range = range
    }
}

/// A constant written in a rule.
public enum RuleLiteral: Sendable, Hashable {
    case bool(Bool)
    case number(Double)
    case string(String)
    case date(CalendarDate)
    case marking(Marking)
}

/// The unit of a `within` duration.
public enum DurationUnit: String, Sendable, Hashable {
    case months, days
}

/// A dotted name such as `tool.end_to_end_encryption` or `tool.evidence.delivery_rate`.
public struct PropertyPath: Sendable, Hashable, CustomStringConvertible {
    public var segments: [String]
    /// Offsets of each segment in the rule text, for errors about one segment.
    public var segmentRanges: [Range<Int>]

    public init(segments: [String], segmentRanges: [Range<Int>]) {
        self.segments = segments
        self.segmentRanges = segmentRanges
    }

    public var description: String { segments.joined(separator: ".") }

    /// The whole path's place in the rule text.
    public var range: Range<Int> {
        guard let first = segmentRanges.first, let last = segmentRanges.last else { return 0..<0 }
        return first.lowerBound..<last.upperBound
    }
}
