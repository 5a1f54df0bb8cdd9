import InventoryKit

/// One lexical unit of a rule, with where it is in the rule text.
struct RuleToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// A name: a path segment, a keyword (`and`, `within`, …) or a unit (`months`).
        case word(String)
        case number(Double)
        case string(String)
        case date(CalendarDate)
        case marking(Marking)
        case comparison(ComparisonOperator)
        case leftParenthesis, rightParenthesis, leftBracket, rightBracket, comma, dot
        case end
    }

    var kind: Kind
    /// Scalar offsets in the rule text.
    var range: Range<Int>

    /// How the token reads in an error message.
    var spelling: String {
        switch kind {
        case .word(let word): return "'\(word)'"
        case .number(let value): return "number \(RuleValue.format(value))"
        case .string(let text): return "string '\(text)'"
        case .date(let date): return "date \(date)"
        case .marking(let marking): return "marking \(marking)"
        case .comparison(let op): return "'\(op.rawValue)'"
        case .leftParenthesis: return "'('"
        case .rightParenthesis: return "')'"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .comma: return "','"
        case .dot: return "'.'"
        case .end: return "the end of the rule"
        }
    }

    func isWord(_ word: String) -> Bool { kind == .word(word) }
}

/// The six comparison operators.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    /// Whether the operator needs an order (numbers, dates, markings of one scale).
    public var isOrdering: Bool { self != .equal && self != .notEqual }

    /// The operator with its operands swapped: `a < b` is `b > a`.
    public var flipped: ComparisonOperator {
        switch self {
        case .equal, .notEqual: return self
        case .less: return .greater
        case .lessOrEqual: return .greaterOrEqual
        case .greater: return .less
        case .greaterOrEqual: return .lessOrEqual
        }
    }

    /// Applies the operator to the result of a three-way comparison.
    func holds(_ order: Int) -> Bool {
        switch self {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        case .greaterOrEqual: return order >= 0
        }
    }
}
