/// A problem in a rule's text, found while lexing, parsing or type-checking it.
///
/// Positions are offsets in Unicode scalars into the rule text (the unit libyaml counts
/// columns in), so the policy loader can add them to the rule's place in the YAML file.
public struct RuleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stable codes of rule problems.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The text is not a well-formed rule.
        case syntax = "rule.syntax"
        /// The parts do not fit together: a marking compared with a bool, `within` on a
        /// non-date, markings of two scales, ….
        case type = "rule.type"
        /// A property path that the catalogue does not know.
        case unknownPath = "rule.unknown-path"
        /// A text value outside an enum property's values (or an unknown purpose).
        case unknownValue = "rule.unknown-value"
        /// A path that does not exist in the policy's scope (`usage.x` in a tool policy).
        case scope = "rule.scope"
    }

    public var code: Code
    public var message: String
    public var hint: String?
    /// The offending token or expression, as scalar offsets into the rule text.
    public var range: Range<Int>

    public init(_ code: Code, _ message: String, hint: String? = nil, at range: Range<Int>) {
        self.code = code
        self.message = message
        self.hint = hint
        self.range = range
    }

    public var description: String { "\(range.lowerBound + 1): \(message) [\(code.rawValue)]" }

    /// The rule's text with a caret line under the offending part, for a terminal:
    /// ```
    /// tool.e2ee and )
    ///               ^
    /// ```
    public func caret(in rule: String) -> String {
        RuleError.caret(line: rule, column: range.lowerBound, width: range.count)
    }

    /// `line`, then spaces up to `column` (0-based, in scalars) and `^` (`^~~~` for a wider
    /// range). Tabs in the line are kept under the caret so it lines up in a terminal.
    public static func caret(line: String, column: Int, width: Int) -> String {
        let scalars = Array(line.unicodeScalars)
        var pad = ""
        for index in 0..<min(column, scalars.count) {
            pad.unicodeScalars.append(scalars[index] == "\t" ? "\t" : " ")
        }
        if column > scalars.count { pad += String(repeating: " ", count: column - scalars.count) }
        let marker = "^" + String(repeating: "~", count: max(0, width - 1))
        return line + "\n" + pad + marker
    }
}
