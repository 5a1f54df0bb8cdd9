/// Parses rule text into a `RuleExpression` (recursive descent, one token of look-ahead).
///
/// Grammar, loosest binding first:
/// ```
/// rule       := or
/// or         := and ("or" and)*
/// and        := unary ("and" unary)*
/// unary      := "not" unary | comparison
/// comparison := operand [ ("=="|"!="|"<"|"<="|">"|">=") operand
///                       | "in" (list | operand)
///                       | "contains" operand
///                       | "within" NUMBER ("months"|"month"|"days"|"day") ]
/// operand    := literal | path | "exists" "(" path ")" | "(" or ")"
/// list       := "[" [operand ("," operand)*] "]"
/// path       := WORD ("." WORD)*
/// literal    := "true" | "false" | NUMBER | STRING | DATE | MARKING
/// ```
/// Comparisons do not chain (`a < b < c` is an error), so every rule reads one way.
public struct RuleParser {
    private let tokens: [RuleToken]
    private var index = 0
    /// How many '(' and 'not' enclose the current token.
    private var depth = 0

    /// The deepest nesting of parentheses and 'not' a rule may have. The parser, the type
    /// checker and the evaluator recurse once per level, so without a bound a rule of a few
    /// hundred '(' overflows the stack (found by Tools/fuzz, fuzz-rule); no sensible rule
    /// comes near it.
    public static let maximumDepth = 64

    private init(tokens: [RuleToken]) {
        self.tokens = tokens
    }

    /// Words that cannot start a path.
    static let keywords: Set<String> = ["and", "or", "not", "in", "contains", "within", "exists", "true", "false"]

    /// Parses a whole rule.
    public static func parse(_ text: String) throws(RuleError) -> RuleExpression {
        var parser = RuleParser(tokens: try RuleLexer.tokens(of: text))
        if parser.current.kind == .end {
            throw RuleError(
                .syntax, "the rule is empty", hint: "write a condition such as tool.end_to_end_encryption", at: 0..<0)
        }
        let expression = try parser.or()
        guard parser.current.kind == .end else {
            throw parser.unexpected(after: expression)
        }
        return expression
    }

    private var current: RuleToken { tokens[index] }

    /// One level deeper, or an error past `maximumDepth`.
    private mutating func enter(at range: Range<Int>) throws(RuleError) {
        guard depth < Self.maximumDepth else {
            throw RuleError(
                .syntax, "the rule nests parentheses and 'not' more than \(Self.maximumDepth) levels deep",
                hint: "split the condition, or remove redundant parentheses", at: range)
        }
        depth += 1
    }

    private mutating func advance() -> RuleToken {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private mutating func or() throws(RuleError) -> RuleExpression {
        var left = try and()
        while current.isWord("or") {
            _ = advance()
            let right = try and()
            left = RuleExpression(.or(left, right), range: left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    private mutating func and() throws(RuleError) -> RuleExpression {
        var left = try unary()
        while current.isWord("and") {
            _ = advance()
            let right = try unary()
            left = RuleExpression(.and(left, right), range: left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    private mutating func unary() throws(RuleError) -> RuleExpression {
        if current.isWord("not") {
            let not = advance()
            try enter(at: not.range)
            defer { depth -= 1 }
            let operand = try unary()
            return RuleExpression(.not(operand), range: not.range.lowerBound..<operand.range.upperBound)
        }
        return try comparison()
    }

    private mutating func comparison() throws(RuleError) -> RuleExpression {
        let left = try operand()
        let result: RuleExpression
        switch current.kind {
        case .comparison(let op):
            _ = advance()
            let right = try operand()
            result = RuleExpression(.compare(op, left, right), range: left.range.lowerBound..<right.range.upperBound)
        case .word("in"):
            _ = advance()
            let right = current.kind == .leftBracket ? try list() : try operand()
            result = RuleExpression(.isIn(left, right), range: left.range.lowerBound..<right.range.upperBound)
        case .word("contains"):
            _ = advance()
            let right = try operand()
            result = RuleExpression(.contains(left, right), range: left.range.lowerBound..<right.range.upperBound)
        case .word("within"):
            _ = advance()
            let amountToken = advance()
            guard case .number(let value) = amountToken.kind else {
                throw RuleError(
                    .syntax, "expected a number after 'within', found \(amountToken.spelling)",
                    hint: "write e.g. 'within 12 months' or 'within 90 days'", at: amountToken.range)
            }
            guard value >= 0, value == value.rounded(), value <= 1_000_000 else {
                throw RuleError(
                    .syntax, "'within' needs a whole number of months or days, not \(RuleValue.format(value))",
                    at: amountToken.range)
            }
            let unitToken = advance()
            let unit: DurationUnit
            switch unitToken.kind {
            case .word("months"), .word("month"): unit = .months
            case .word("days"), .word("day"): unit = .days
            default:
                throw RuleError(
                    .syntax, "expected 'months' or 'days' after 'within \(Int(value))', found \(unitToken.spelling)",
                    at: unitToken.range)
            }
            result = RuleExpression(
                .within(left, amount: Int(value), unit: unit), range: left.range.lowerBound..<unitToken.range.upperBound
            )
        default:
            return left
        }
        if case .comparison = current.kind {
            throw RuleError(
                .syntax, "comparisons cannot be chained", hint: "join two comparisons with 'and'", at: current.range)
        }
        return result
    }

    private mutating func list() throws(RuleError) -> RuleExpression {
        let open = advance()
        var items: [RuleExpression] = []
        if current.kind == .rightBracket {
            let close = advance()
            return RuleExpression(.list(items), range: open.range.lowerBound..<close.range.upperBound)
        }
        while true {
            items.append(try operand())
            let separator = advance()
            switch separator.kind {
            case .comma: continue
            case .rightBracket:
                return RuleExpression(.list(items), range: open.range.lowerBound..<separator.range.upperBound)
            default:
                throw RuleError(
                    .syntax, "expected ',' or ']' in the list, found \(separator.spelling)",
                    hint: current.kind == .end || separator.kind == .end ? "close the list with ']'" : nil,
                    at: separator.range)
            }
        }
    }

    private mutating func operand() throws(RuleError) -> RuleExpression {
        let token = advance()
        switch token.kind {
        case .number(let value): return RuleExpression(.literal(.number(value)), range: token.range)
        case .string(let text): return RuleExpression(.literal(.string(text)), range: token.range)
        case .date(let date): return RuleExpression(.literal(.date(date)), range: token.range)
        case .marking(let marking): return RuleExpression(.literal(.marking(marking)), range: token.range)
        case .word("true"): return RuleExpression(.literal(.bool(true)), range: token.range)
        case .word("false"): return RuleExpression(.literal(.bool(false)), range: token.range)
        case .word("exists"):
            let open = advance()
            guard open.kind == .leftParenthesis else {
                throw RuleError(
                    .syntax, "expected '(' after 'exists', found \(open.spelling)", hint: "write exists(tool.property)",
                    at: open.range)
            }
            let first = advance()
            guard case .word(let word) = first.kind, !RuleParser.keywords.contains(word) else {
                throw RuleError(
                    .syntax, "expected a property path inside exists(…), found \(first.spelling)",
                    hint: "write exists(tool.property)", at: first.range)
            }
            let path = try self.path(startingWith: word, at: first.range)
            let close = advance()
            guard close.kind == .rightParenthesis else {
                throw RuleError(.syntax, "expected ')' after exists(\(path), found \(close.spelling)", at: close.range)
            }
            return RuleExpression(.exists(path), range: token.range.lowerBound..<close.range.upperBound)
        case .word(let word) where !RuleParser.keywords.contains(word):
            let path = try self.path(startingWith: word, at: token.range)
            return RuleExpression(.path(path), range: path.range)
        case .leftParenthesis:
            try enter(at: token.range)
            defer { depth -= 1 }
            let inner = try or()
            let close = advance()
            guard close.kind == .rightParenthesis else {
                throw RuleError(
                    .syntax,
                    "expected ')' to close the '(' at offset \(token.range.lowerBound + 1), found \(close.spelling)",
                    at: close.range)
            }
            return RuleExpression(inner.kind, range: token.range.lowerBound..<close.range.upperBound)
        case .leftBracket:
            throw RuleError(
                .syntax, "a list is only allowed after 'in'", hint: "write value in [a, b]", at: token.range)
        case .end:
            throw RuleError(.syntax, "the rule ends where a value was expected", at: token.range)
        default:
            throw RuleError(.syntax, "expected a value, found \(token.spelling)", at: token.range)
        }
    }

    private mutating func path(startingWith first: String, at firstRange: Range<Int>) throws(RuleError) -> PropertyPath
    {
        var segments = [first]
        var ranges = [firstRange]
        while current.kind == .dot {
            let dot = advance()
            let segment = advance()
            guard case .word(let word) = segment.kind, !RuleParser.keywords.contains(word) else {
                throw RuleError(
                    .syntax, "expected a property name after '.', found \(segment.spelling)",
                    at: segment.kind == .end ? dot.range : segment.range)
            }
            segments.append(word)
            ranges.append(segment.range)
        }
        return PropertyPath(segments: segments, segmentRanges: ranges)
    }

    /// The error for a token left over after a complete expression.
    private func unexpected(after expression: RuleExpression) -> RuleError {
        let token = current
        switch token.kind {
        case .rightParenthesis:
            return RuleError(.syntax, "unmatched ')'", at: token.range)
        case .word(let word) where word == "AND" || word == "OR" || word == "NOT":
            return RuleError(
                .syntax, "unexpected '\(word)'", hint: "keywords are lower case: '\(word.lowercased())'",
                at: token.range)
        case .word(let word) where word == "month" || word == "months" || word == "days" || word == "day":
            return RuleError(
                .syntax, "unexpected \(token.spelling)", hint: "write 'path within N \(word)'", at: token.range)
        default:
            return RuleError(
                .syntax, "unexpected \(token.spelling) after a complete condition",
                hint: "join conditions with 'and' or 'or'", at: token.range)
        }
    }
}
