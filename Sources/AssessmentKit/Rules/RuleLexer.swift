import InventoryKit

/// Splits a rule into tokens, refusing anything the grammar does not have (with a hint for
/// the usual slips from other languages: `=`, `&&`, `"text"`).
struct RuleLexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// Every token, ending with `.end`.
    static func tokens(of text: String) throws(RuleError) -> [RuleToken] {
        var lexer = RuleLexer(text)
        var tokens: [RuleToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        position + ahead < scalars.count ? scalars[position + ahead] : nil
    }

    private static func isDigit(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return ("0"..."9").contains(c)
    }

    private static func isWordStart(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "_"
    }

    private static func isWordPart(_ c: Unicode.Scalar?) -> Bool {
        isWordStart(c) || isDigit(c) || c == "-"
    }

    private mutating func next() throws(RuleError) -> RuleToken {
        while let c = peek(), c == " " || c == "\t" || c == "\n" || c == "\r" { position += 1 }
        let start = position
        guard let c = peek() else { return RuleToken(kind: .end, range: start..<start) }
        func token(_ kind: RuleToken.Kind, length: Int) -> RuleToken {
            position = start + length
            return RuleToken(kind: kind, range: start..<position)
        }
        switch c {
        case "(": return token(.leftParenthesis, length: 1)
        case ")": return token(.rightParenthesis, length: 1)
        case "[": return token(.leftBracket, length: 1)
        case "]": return token(.rightBracket, length: 1)
        case ",": return token(.comma, length: 1)
        case ".": return token(.dot, length: 1)
        case "=":
            if peek(1) == "=" { return token(.comparison(.equal), length: 2) }
            throw RuleError(.syntax, "unexpected '='", hint: "compare with '=='", at: start..<start + 1)
        case "!":
            if peek(1) == "=" { return token(.comparison(.notEqual), length: 2) }
            throw RuleError(.syntax, "unexpected '!'", hint: "negate with 'not'", at: start..<start + 1)
        case "<":
            if peek(1) == "=" { return token(.comparison(.lessOrEqual), length: 2) }
            if peek(1) == ">" {
                throw RuleError(.syntax, "unexpected '<>'", hint: "write '!=' for not equal", at: start..<start + 2)
            }
            return token(.comparison(.less), length: 1)
        case ">":
            if peek(1) == "=" { return token(.comparison(.greaterOrEqual), length: 2) }
            return token(.comparison(.greater), length: 1)
        case "&":
            throw RuleError(
                .syntax, "unexpected '&'", hint: "combine conditions with 'and'",
                at: start..<start + (peek(1) == "&" ? 2 : 1))
        case "|":
            throw RuleError(
                .syntax, "unexpected '|'", hint: "combine conditions with 'or'",
                at: start..<start + (peek(1) == "|" ? 2 : 1))
        case "'": return try string(from: start)
        case "\"":
            throw RuleError(
                .syntax, "unexpected '\"'", hint: "write text in single quotes: 'like this'", at: start..<start + 1)
        default:
            break
        }
        if RuleLexer.isDigit(c) || (c == "-" && RuleLexer.isDigit(peek(1))) { return try number(from: start) }
        if RuleLexer.isWordStart(c) { return try word(from: start) }
        throw RuleError(.syntax, "unexpected character '\(c)'", at: start..<start + 1)
    }

    /// `'…'` with `\'` and `\\` as the only escapes.
    private mutating func string(from start: Int) throws(RuleError) -> RuleToken {
        position += 1
        var text = ""
        while let c = peek() {
            position += 1
            if c == "'" { return RuleToken(kind: .string(text), range: start..<position) }
            if c == "\\", let escaped = peek(), escaped == "'" || escaped == "\\" {
                text.unicodeScalars.append(escaped)
                position += 1
                continue
            }
            text.unicodeScalars.append(c)
        }
        throw RuleError(
            .syntax, "text is missing its closing quote", hint: "end the text with ' (write \\' for a quote inside it)",
            at: start..<start + 1)
    }

    /// A number (`3`, `0.9`, `-1`) or a date (`2026-01-01`).
    private mutating func number(from start: Int) throws(RuleError) -> RuleToken {
        if peek() == "-" { position += 1 }
        let digitsStart = position
        while RuleLexer.isDigit(peek()) { position += 1 }
        let wholeDigits = position - digitsStart
        if peek() == "-", wholeDigits == 4, scalars[start] != "-" {
            // A date: exactly YYYY-MM-DD.
            while RuleLexer.isDigit(peek()) || peek() == "-" { position += 1 }
            let text = String(String.UnicodeScalarView(scalars[start..<position]))
            guard let date = CalendarDate(text) else {
                throw RuleError(
                    .syntax, "'\(text)' is not a valid date", hint: "write dates as YYYY-MM-DD, e.g. 2026-01-31",
                    at: start..<position)
            }
            return RuleToken(kind: .date(date), range: start..<position)
        }
        if peek() == ".", RuleLexer.isDigit(peek(1)) {
            position += 1
            while RuleLexer.isDigit(peek()) { position += 1 }
        }
        let text = String(String.UnicodeScalarView(scalars[start..<position]))
        if RuleLexer.isWordStart(peek()) || peek() == "." || peek() == "-" {
            var end = position
            while end < scalars.count, RuleLexer.isWordPart(scalars[end]) || scalars[end] == "." { end += 1 }
            let whole = String(String.UnicodeScalarView(scalars[start..<end]))
            throw RuleError(
                .syntax, "'\(whole)' is not a number", hint: "put a space between a number and a word (12 months)",
                at: start..<end)
        }
        guard let value = Double(text), value.isFinite else {
            throw RuleError(.syntax, "'\(text)' is not a number", at: start..<position)
        }
        return RuleToken(kind: .number(value), range: start..<position)
    }

    /// A word, or a marking when a scale name is followed by `:` (`TLP:AMBER+STRICT`).
    private mutating func word(from start: Int) throws(RuleError) -> RuleToken {
        while RuleLexer.isWordPart(peek()) { position += 1 }
        let text = String(String.UnicodeScalarView(scalars[start..<position]))
        guard peek() == ":" else { return RuleToken(kind: .word(text), range: start..<position) }
        position += 1
        while let c = peek(), RuleLexer.isWordPart(c) || c == "+" { position += 1 }
        let whole = String(String.UnicodeScalarView(scalars[start..<position]))
        guard let scheme = MarkingScheme(rawValue: text) else {
            throw RuleError(
                .syntax, "unknown marking scale '\(text)' in '\(whole)'",
                hint: "markings are written TLP:LEVEL, EU:LEVEL or NATO:LEVEL", at: start..<position)
        }
        guard let marking = Marking(whole), marking.scheme == scheme else {
            throw RuleError(
                .syntax, "unknown marking '\(whole)'",
                hint: "the \(scheme.rawValue) levels are "
                    + scheme.levels.map { "\(scheme.rawValue):\($0)" }.joined(separator: ", "),
                at: start..<position)
        }
        return RuleToken(kind: .marking(marking), range: start..<position)
    }
}
