import InventoryKit

/// Checks a parsed rule against a schema and compiles it, so that every type error is
/// found when the policy is prepared rather than halfway through an assessment.
struct RuleTypeChecker {
    let schema: RuleSchema

    /// A checked expression: its compiled node and static type.
    private struct Typed {
        var node: CompiledRule.Node
        var type: RuleType
        var range: Range<Int>
        /// The literal, when the expression is one (for enum value checks and messages).
        var literal: RuleLiteral?
        /// How the expression reads in a message: the path, the literal, or "the condition".
        var label: String
    }

    /// Compiles `expression`, which must be a condition (bool).
    func condition(_ expression: RuleExpression) throws(RuleError) -> CompiledRule.Node {
        let typed = try check(expression)
        try requireBool(typed, role: "a rule")
        return typed.node
    }

    private func requireBool(_ typed: Typed, role: String) throws(RuleError) {
        guard typed.type == .bool else {
            var hint: String?
            switch typed.type {
            case .date: hint = "test a date with 'within', e.g. \(typed.label) within 12 months"
            case .list: hint = "test a list with 'contains', e.g. \(typed.label) contains …"
            case .marking: hint = "compare a marking, e.g. \(typed.label) >= EU:RESTRICTED"
            case .number: hint = "compare a number, e.g. \(typed.label) >= 1"
            case .text: hint = "compare text, e.g. \(typed.label) == '…', or test exists(\(typed.label))"
            case .bool: hint = nil
            }
            throw RuleError(
                .type, "\(role) must be a condition, but \(typed.label) is \(typed.type.withArticle)", hint: hint,
                at: typed.range)
        }
    }

    private func check(_ expression: RuleExpression) throws(RuleError) -> Typed {
        let range = expression.range
        switch expression.kind {
        case .literal(let literal):
            let type: RuleType
            switch literal {
            case .bool: type = .bool
            case .number: type = .number
            case .string: type = .text(values: nil)
            case .date: type = .date
            case .marking(let marking): type = .marking(scales: [marking.scheme])
            }
            return Typed(
                node: .constant(RuleValue(literal)), type: type, range: range, literal: literal,
                label: RuleValue(literal).description)

        case .path(let path):
            let (accessor, type) = try schema.resolve(path)
            return Typed(
                node: .read(accessor, path: path.description), type: type, range: range, label: path.description)

        case .exists(let path):
            let (accessor, _) = try schema.resolve(path)
            return Typed(
                node: .exists(accessor, path: path.description), type: .bool, range: range, label: "exists(\(path))")

        case .list:
            throw RuleError(.syntax, "a list is only allowed after 'in'", at: range)

        case .not(let inner):
            let operand = try check(inner)
            try requireBool(operand, role: "the operand of 'not'")
            return Typed(node: .not(operand.node), type: .bool, range: range, label: "the condition")

        case .and(let a, let b), .or(let a, let b):
            let left = try check(a)
            let right = try check(b)
            let word: String
            if case .and = expression.kind { word = "and" } else { word = "or" }
            try requireBool(left, role: "each side of '\(word)'")
            try requireBool(right, role: "each side of '\(word)'")
            let node: CompiledRule.Node = word == "and" ? .and(left.node, right.node) : .or(left.node, right.node)
            return Typed(node: node, type: .bool, range: range, label: "the condition")

        case .compare(let op, let a, let b):
            let left = try check(a)
            let right = try check(b)
            return Typed(
                node: try comparison(op, left, right, range: range), type: .bool, range: range, label: "the comparison")

        case .isIn(let a, let b):
            let value = try check(a)
            if case .list(let items) = b.kind {
                var nodes: [CompiledRule.Node] = []
                for item in items {
                    let element = try check(item)
                    try requireEquatable(value, element, context: "'in'", range: element.range)
                    nodes.append(element.node)
                }
                return Typed(node: .oneOf(value.node, nodes), type: .bool, range: range, label: "the condition")
            }
            let list = try check(b)
            guard case .list(let elementType) = list.type else {
                throw RuleError(
                    .type, "'in' needs a list on its right, but \(list.label) is \(list.type.withArticle)",
                    hint: "write \(value.label) in [a, b] or \(value.label) == \(list.label)", at: list.range)
            }
            let element = Typed(
                node: list.node, type: elementType, range: list.range, label: "the elements of \(list.label)")
            try requireEquatable(value, element, context: "'in'", range: value.range)
            return Typed(
                node: .contains(list: list.node, value: value.node), type: .bool, range: range, label: "the condition")

        case .contains(let a, let b):
            let list = try check(a)
            let value = try check(b)
            guard case .list(let elementType) = list.type else {
                throw RuleError(
                    .type, "'contains' needs a list on its left, but \(list.label) is \(list.type.withArticle)",
                    hint: list.type == .text(values: nil) || list.type.isEnum
                        ? "compare text with ==, or test membership with \(list.label) in [..]" : nil,
                    at: list.range)
            }
            let element = Typed(
                node: list.node, type: elementType, range: list.range, label: "the elements of \(list.label)")
            try requireEquatable(element, value, context: "'contains'", range: value.range)
            return Typed(
                node: .contains(list: list.node, value: value.node), type: .bool, range: range, label: "the condition")

        case .within(let a, let amount, let unit):
            let date = try check(a)
            guard date.type == .date else {
                throw RuleError(
                    .type, "'within' needs a date, but \(date.label) is \(date.type.withArticle)", at: date.range)
            }
            return Typed(
                node: .within(date.node, amount: amount, unit: unit), type: .bool, range: range, label: "the condition")
        }
    }

    /// `a op b` for two typed operands: same kinds, ordered kinds for `<`…, one marking
    /// scale, enum values that exist; a list of markings against a marking is a coverage
    /// test.
    private func comparison(
        _ op: ComparisonOperator, _ left: Typed, _ right: Typed, range: Range<Int>
    ) throws(RuleError) -> CompiledRule.Node {
        // A list of markings against a marking, either way round.
        if case .list(let element) = left.type, case .marking = element, case .marking = right.type {
            return try cover(op, list: left, marking: right, elementType: element)
        }
        if case .list(let element) = right.type, case .marking = element, case .marking = left.type {
            return try cover(op.flipped, list: right, marking: left, elementType: element)
        }
        if case .list = left.type { throw listComparison(op, list: left, other: right) }
        if case .list = right.type { throw listComparison(op, list: right, other: left) }

        try requireSameKind(left, right, op: op)
        if op.isOrdering {
            switch left.type {
            case .number, .date, .marking: break
            default:
                throw RuleError(
                    .type,
                    "'\(op.rawValue)' needs ordered values (numbers, dates or markings), but \(left.label) is \(left.type.withArticle)",
                    hint: "use == or != for \(left.type.description) values", at: range)
            }
        }
        return .compare(op, left.node, right.node)
    }

    private func cover(
        _ op: ComparisonOperator, list: Typed, marking: Typed, elementType: RuleType
    ) throws(RuleError) -> CompiledRule.Node {
        guard op.isOrdering else {
            throw RuleError(
                .type, "'\(op.rawValue)' cannot compare \(list.label) (a list) with a marking",
                hint: "test membership with \(list.label) contains \(marking.label), or coverage with >=",
                at: list.range.lowerBound < marking.range.lowerBound
                    ? list.range.lowerBound..<marking.range.upperBound
                    : marking.range.lowerBound..<list.range.upperBound)
        }
        let element = Typed(
            node: list.node, type: elementType, range: list.range, literal: nil, label: "the elements of \(list.label)")
        try requireSameScale(element, marking)
        return .cover(op, list: list.node, marking: marking.node)
    }

    private func listComparison(_ op: ComparisonOperator, list: Typed, other: Typed) -> RuleError {
        RuleError(
            .type,
            "'\(op.rawValue)' cannot compare \(list.label) (\(list.type.withArticle)) with \(other.label) (\(other.type.withArticle))",
            hint: "test membership with \(list.label) contains …", at: list.range)
    }

    /// For `==`, `in` and `contains`: both sides the same kind, and known enum values.
    private func requireEquatable(_ a: Typed, _ b: Typed, context: String, range: Range<Int>) throws(RuleError) {
        if case .list = a.type {
            throw RuleError(
                .type, "\(context) cannot look for \(a.label) (\(a.type.withArticle)) in a list", at: a.range)
        }
        if case .list = b.type {
            throw RuleError(
                .type, "\(context) cannot look for \(b.label) (\(b.type.withArticle)) in a list", at: b.range)
        }
        try requireSameKind(a, b, op: nil, context: context)
    }

    private func requireSameKind(_ a: Typed, _ b: Typed, op: ComparisonOperator?, context: String? = nil)
        throws(RuleError)
    {
        let what = context ?? "'\(op?.rawValue ?? "==")'"
        switch (a.type, b.type) {
        case (.bool, .bool), (.number, .number), (.date, .date):
            return
        case (.text(let valuesA), .text(let valuesB)):
            try checkEnumValue(valuesA, b)
            try checkEnumValue(valuesB, a)
        case (.marking, .marking):
            try requireSameScale(a, b)
        default:
            let span =
                a.range.lowerBound < b.range.lowerBound
                ? a.range.lowerBound..<b.range.upperBound : b.range.lowerBound..<a.range.upperBound
            throw RuleError(
                .type,
                "\(what) cannot compare \(a.label) (\(a.type.withArticle)) with \(b.label) (\(b.type.withArticle))",
                at: span)
        }
    }

    /// A text literal compared with an enum (or a purpose) must be one of its values.
    private func checkEnumValue(_ values: [String]?, _ other: Typed) throws(RuleError) {
        guard let values, case .string(let text)? = other.literal, !values.contains(text) else { return }
        let suggestion = Suggestion.closest(to: text, among: values)
        throw RuleError(
            .unknownValue, "'\(text)' is not one of the values it is compared with",
            hint: suggestion.map { "did you mean '\($0)'?" } ?? "the values are "
                + values.map { "'\($0)'" }.joined(separator: ", "),
            at: other.range)
    }

    /// Markings on scales that can never meet are an error now; when the scales are only
    /// known from the data, the comparison is unknown (with a warning) at evaluation.
    private func requireSameScale(_ a: Typed, _ b: Typed) throws(RuleError) {
        guard case .marking(let scalesA) = a.type, case .marking(let scalesB) = b.type else { return }
        guard scalesA.isDisjoint(with: scalesB) else { return }
        let span =
            a.range.lowerBound < b.range.lowerBound
            ? a.range.lowerBound..<b.range.upperBound : b.range.lowerBound..<a.range.upperBound
        throw RuleError(
            .type, "\(a.label) (\(a.type.withArticle)) and \(b.label) (\(b.type.withArticle)) are on different scales",
            hint:
                "markings are ordered only within one scale (TLP, EU or NATO); TLP says how far information may be shared, not how it must be protected",
            at: span)
    }
}

extension RuleType {
    var isEnum: Bool {
        if case .text(let values) = self { return values != nil }
        return false
    }
}
