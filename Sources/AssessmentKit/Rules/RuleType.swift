import InventoryKit

/// The static type of a rule expression, worked out when a policy is prepared.
public indirect enum RuleType: Sendable, Hashable, CustomStringConvertible {
    case bool
    /// Ints and numbers.
    case number
    case date
    /// Free text, or an enum when `values` lists what it may be.
    case text(values: [String]?)
    /// A marking on one of `scales`: one scale for `usage.highest_tlp` or a literal, the
    /// classification scales for `usage.highest_classification`, any scale for a catalogued
    /// marking property (its scale is known only from the value).
    case marking(scales: Set<MarkingScheme>)
    case list(RuleType)

    public init(_ type: PropertyType) {
        switch type {
        case .bool: self = .bool
        case .int, .number: self = .number
        case .date: self = .date
        case .text: self = .text(values: nil)
        case .enumeration(let values): self = .text(values: values)
        case .marking: self = .marking(scales: Set(MarkingScheme.allCases))
        case .list(let element): self = .list(RuleType(element))
        }
    }

    public var description: String {
        switch self {
        case .bool: return "bool"
        case .number: return "number"
        case .date: return "date"
        case .text(let values): return values == nil ? "text" : "enum"
        case .marking(let scales):
            if scales.count == 1, let scale = scales.first { return "\(scale.rawValue) marking" }
            if scales == Set(MarkingScheme.allCases) { return "marking" }
            return MarkingScheme.allCases.filter(scales.contains).map(\.rawValue).joined(separator: "/") + " marking"
        case .list(let element): return "list of \(element)"
        }
    }

    /// "a bool", "an enum", "a list of …", for messages.
    var withArticle: String {
        let text = description
        // "an enum", "an EU marking", "a NATO marking".
        let vowel = text.first.map { "aeiouAEIOU".contains($0) } ?? false
        return (vowel ? "an " : "a ") + text
    }
}
