import InventoryKit

/// A value while a rule is evaluated.
///
/// Ints and numbers are one kind (compared as numbers); enum values are text. The absent
/// `usage.highest_classification` is `.unclassified`: the lowest level of whichever
/// classification scale (EU or NATO) it is compared with.
public indirect enum RuleValue: Sendable, Hashable, CustomStringConvertible {
    case bool(Bool)
    case number(Double)
    case date(CalendarDate)
    case text(String)
    case marking(Marking)
    case unclassified
    case list([RuleValue])

    public init(_ value: PropertyValue) {
        switch value {
        case .bool(let v): self = .bool(v)
        case .int(let v): self = .number(Double(v))
        case .number(let v): self = .number(v)
        case .date(let v): self = .date(v)
        case .text(let v): self = .text(v)
        case .marking(let v): self = .marking(v)
        case .list(let items): self = .list(items.map(RuleValue.init))
        }
    }

    init(_ literal: RuleLiteral) {
        switch literal {
        case .bool(let v): self = .bool(v)
        case .number(let v): self = .number(v)
        case .string(let v): self = .text(v)
        case .date(let v): self = .date(v)
        case .marking(let v): self = .marking(v)
        }
    }

    public var description: String {
        switch self {
        case .bool(let v): return String(v)
        case .number(let v): return RuleValue.format(v)
        case .date(let v): return v.description
        case .text(let v): return "'\(v)'"
        case .marking(let v): return v.description
        case .unclassified: return "unclassified"
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        }
    }

    /// A number without a trailing `.0` when it is whole: `3`, `0.95`.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// The lowest level of the classification scales, which `.unclassified` stands for.
    static func isLowestClassification(_ marking: Marking) -> Bool {
        marking.rank == 0 && marking.scheme != .tlp
    }
}
