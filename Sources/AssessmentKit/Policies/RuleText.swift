import InventoryKit

/// A rule as written in a policy file, with the means to turn an offset in the rule into
/// a `file:line:column` and to show the file's line with a caret under it.
public struct RuleText: Sendable, Hashable {
    public var text: String
    /// The place of each scalar of `text`, and one past the end; empty when the rule was
    /// not read from a file.
    var locations: [SourceLocation]
    /// The file's lines that hold the rule, by line number, for excerpts.
    var sourceLines: [Int: String]

    /// A rule not read from a file (tests, the command line): positions are columns in the
    /// text itself, on line 1 of `file`.
    public init(_ text: String, file: String = "<rule>") {
        self.text = text
        let count = text.unicodeScalars.count
        locations = (0...count).map { SourceLocation(file: file, line: 1, column: $0 + 1) }
        sourceLines = [1: text]
    }

    init(text: String, locations: [SourceLocation], sourceLines: [Int: String]) {
        self.text = text
        self.locations = locations
        self.sourceLines = sourceLines
    }

    /// Where the scalar at `offset` is in the file.
    public func location(ofOffset offset: Int) -> SourceLocation? {
        guard !locations.isEmpty else { return nil }
        return locations[min(max(0, offset), locations.count - 1)]
    }

    /// Where the rule starts.
    public var location: SourceLocation? { location(ofOffset: 0) }

    /// The file's line holding the start of `range`, with a caret line under the range
    /// (clipped to that line).
    public func excerpt(for range: Range<Int>) -> String? {
        guard let start = location(ofOffset: range.lowerBound), let line = sourceLines[start.line] else { return nil }
        var width = 1
        if range.count > 1, let end = location(ofOffset: range.upperBound - 1), end.line == start.line {
            width = end.column - start.column + 1
        }
        return RuleError.caret(line: line, column: start.column - 1, width: width)
    }

    /// The rule error as a diagnostic at its place in the file, with the excerpt appended to
    /// the message so it reaches every renderer of diagnostics.
    public func diagnostic(for error: RuleError, context: String) -> Diagnostic {
        var message = "\(context): \(error.message)"
        if let excerpt = excerpt(for: error.range) { message += "\n" + excerpt }
        return Diagnostic(.error, code: error.code.rawValue, message, hint: error.hint, at: location(ofOffset: error.range.lowerBound))
    }
}
