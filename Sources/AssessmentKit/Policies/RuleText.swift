import InventoryKit

/// A rule as written in a policy file, with what is needed to turn an offset in the rule
/// into a `file:line:column` and to show the file's line with a caret under it.
public struct RuleText: Sendable, Equatable, CustomStringConvertible {
    public var text: String
    private var origin: Origin

    private enum Origin: Sendable {
        /// Not read from a file (tests, the command line): offsets are columns of the text
        /// itself on line 1.
        case inline(file: String)
        /// A YAML scalar: the whole file's text, where the scalar node starts, and how it
        /// was quoted (quotes, escapes and folded lines move later characters).
        case scalar(file: String, source: String, start: SourceLocation, style: YAMLScalar.Style)
    }

    public init(_ text: String, file: String = "<rule>") {
        self.text = text
        origin = .inline(file: file)
    }

    /// A rule read from the YAML scalar `node` of a file whose whole text is `source`.
    public init(scalar node: YAMLNode, source: String) {
        text = node.scalar?.text ?? ""
        origin = .scalar(
            file: node.location.file, source: source, start: node.location, style: node.scalar?.style ?? .plain)
    }

    public var description: String { text }

    public static func == (a: RuleText, b: RuleText) -> Bool {
        a.text == b.text && a.location == b.location
    }

    /// Where the rule starts.
    public var location: SourceLocation? { location(ofOffset: 0) }

    /// Where the scalar at `offset` (in Unicode scalars) is in the file.
    public func location(ofOffset offset: Int) -> SourceLocation? {
        let (locations, _) = layout()
        guard !locations.isEmpty else { return nil }
        return locations[min(max(0, offset), locations.count - 1)]
    }

    /// The file's line holding the start of `range`, with a caret line under the range
    /// (clipped to that line).
    public func excerpt(for range: Range<Int>) -> String {
        let (locations, lines) = layout()
        let count = locations.count
        let start = locations[min(max(0, range.lowerBound), count - 1)]
        let line = lines[start.line] ?? text
        var width = 1
        if range.count > 1 {
            let end = locations[min(range.upperBound - 1, count - 1)]
            if end.line == start.line { width = max(1, end.column - start.column + 1) }
        }
        return RuleError.caret(line: line, column: start.column - 1, width: width)
    }

    /// The rule error as a diagnostic at its place in the file. The message's first line
    /// says what is wrong; the next two show the line and the caret.
    public func diagnostic(for error: RuleError, context: String) -> Diagnostic {
        Diagnostic(
            .error, code: error.code.rawValue, "\(context): \(error.message)\n\(excerpt(for: error.range))",
            hint: error.hint, at: location(ofOffset: error.range.lowerBound))
    }

    /// The place of each scalar of the text and one past its end, and the source lines
    /// they are on.
    ///
    /// For a YAML scalar, the decoded text is aligned with the raw characters after the
    /// node's start: a raw character that matches the next decoded one is its place, any
    /// other (a quote, an escape's backslash, folded indentation) is skipped. That is exact
    /// for plain and quoted one-line rules and for block scalars, and close for exotic
    /// escapes. Computed only when a location is asked for, i.e. for diagnostics.
    private func layout() -> ([SourceLocation], [Int: String]) {
        let decoded = Array(text.unicodeScalars)
        switch origin {
        case .inline(let file):
            let locations = (0...decoded.count).map { SourceLocation(file: file, line: 1, column: $0 + 1) }
            return (locations, [1: text])
        case .scalar(let file, let source, let start, let style):
            let rawLines = source.split(separator: "\n", omittingEmptySubsequences: false).map {
                Array($0.unicodeScalars.filter { $0 != "\r" })
            }
            var line = start.line - 1
            var column = start.column - 1
            switch style {
            case .singleQuoted, .doubleQuoted: column += 1
            case .literal, .folded:
                line += 1
                column = 0
            case .plain: break
            }
            var locations: [SourceLocation] = []
            locations.reserveCapacity(decoded.count + 1)
            var usedLines: [Int: String] = [:]
            var last = SourceLocation(file: file, line: start.line, column: start.column)
            while locations.count < decoded.count, line < rawLines.count {
                let raw = rawLines[line]
                let scalar: Unicode.Scalar = column < raw.count ? raw[column] : "\n"
                if scalar == decoded[locations.count] {
                    last = SourceLocation(file: file, line: line + 1, column: column + 1)
                    locations.append(last)
                    usedLines[line + 1] = String(String.UnicodeScalarView(raw))
                }
                if column < raw.count {
                    column += 1
                } else {
                    line += 1
                    column = 0
                }
            }
            while locations.count < decoded.count { locations.append(last) }
            let end = locations.last.map { SourceLocation(file: file, line: $0.line, column: $0.column + 1) } ?? last
            locations.append(end)
            if usedLines[end.line] == nil, end.line - 1 < rawLines.count, end.line >= 1 {
                usedLines[end.line] = String(String.UnicodeScalarView(rawLines[end.line - 1]))
            }
            return (locations, usedLines)
        }
    }
}
