import Foundation
import Yams

/// Bounds that keep a hostile or broken file from costing more than a diagnostic.
public struct YAMLLimits: Sendable, Hashable {
    /// Files larger than this are refused before they are read into the parser.
    public var maxBytes: Int
    /// The deepest nesting of mappings, lists and flow collections accepted. Inventory and
    /// policy files need fewer than ten levels.
    public var maxDepth: Int

    public init(maxBytes: Int = 8 << 20, maxDepth: Int = 64) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    /// 8 MiB and 64 levels.
    public static let standard = YAMLLimits()
}

/// The stable codes of the YAML layer's diagnostics. They are the same for every kind of
/// file (inventory, policy, evidence), so tools can match them.
public enum YAMLDiagnosticCode {
    /// The file is larger than `YAMLLimits.maxBytes`.
    public static let tooLarge = "yaml.too-large"
    /// Invalid UTF-8, or control characters: a binary file.
    public static let encoding = "yaml.encoding"
    /// No document at all (empty, only comments, or only `~`).
    public static let empty = "yaml.empty"
    /// libyaml could not parse the text; the location is libyaml's.
    public static let syntax = "yaml.syntax"
    /// An anchor (`&a`) or alias (`*a`): not needed in these files, and refused so that
    /// "billion laughs" documents cost nothing.
    public static let alias = "yaml.alias"
    /// Nesting deeper than `YAMLLimits.maxDepth`.
    public static let tooDeep = "yaml.too-deep"
    /// A key written twice in one mapping.
    public static let duplicateKey = "yaml.duplicate-key"
    /// A mapping key that is not a scalar (a list or mapping used as a key).
    public static let keyType = "yaml.key-type"
}

/// The result of parsing one YAML file: the located tree when there is one, and every
/// problem found on the way.
public struct YAMLParseResult: Sendable, Hashable {
    /// The document's root, or nil when the file could not be parsed or is empty.
    public var root: YAMLNode?
    public var diagnostics: [Diagnostic]

    public init(root: YAMLNode?, diagnostics: [Diagnostic]) {
        self.root = root
        self.diagnostics = diagnostics
    }
}

/// Parses YAML text into located nodes (`YAMLNode`).
///
/// Pure: it takes the bytes and the name to show in diagnostics, and never reads files.
/// Callers that read files should refuse oversized ones before reading them
/// (`YAMLDocument.tooLarge(file:size:limits:)` gives the diagnostic).
public enum YAMLDocument {
    /// Parses one YAML document.
    ///
    /// - Parameters:
    ///   - data: the file's bytes (UTF-8; a byte order mark is allowed).
    ///   - file: the path to print in diagnostics, as the user gave it.
    ///   - limits: size and depth bounds.
    public static func parse(_ data: Data, file: String, limits: YAMLLimits = .standard) -> YAMLParseResult {
        parse(bytes: [UInt8](data), file: file, limits: limits)
    }

    /// Parses one YAML document from text (tests, and callers that already have a string).
    public static func parse(_ text: String, file: String, limits: YAMLLimits = .standard) -> YAMLParseResult {
        parse(bytes: Array(text.utf8), file: file, limits: limits)
    }

    /// The diagnostic for a file refused for its size, for loaders that check the size on
    /// disk before reading.
    public static func tooLarge(file: String, size: Int, limits: YAMLLimits = .standard) -> Diagnostic {
        Diagnostic(
            .error, code: YAMLDiagnosticCode.tooLarge,
            "the file is \(describe(bytes: size)), more than the limit of \(describe(bytes: limits.maxBytes)); it was not read",
            hint: "inventory and policy files are small; split the data into one file per network or tool",
            at: SourceLocation(file: file, line: 1, column: 1))
    }

    static func describe(bytes: Int) -> String {
        if bytes >= 1 << 20 { return "\(bytes >> 20) MiB (\(bytes) bytes)" }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KiB (\(bytes) bytes)" }
        return "\(bytes) bytes"
    }

    private static func parse(bytes: [UInt8], file: String, limits: YAMLLimits) -> YAMLParseResult {
        func failure(_ code: String, _ message: String, hint: String? = nil, line: Int = 1, column: Int = 1)
            -> YAMLParseResult
        {
            YAMLParseResult(
                root: nil,
                diagnostics: [
                    Diagnostic(
                        .error, code: code, message, hint: hint,
                        at: SourceLocation(file: file, line: line, column: column))
                ])
        }

        if bytes.count > limits.maxBytes {
            return YAMLParseResult(root: nil, diagnostics: [tooLarge(file: file, size: bytes.count, limits: limits)])
        }
        if bytes.isEmpty {
            return failure(YAMLDiagnosticCode.empty, "the file is empty", hint: "write a YAML mapping, e.g. `id: …`")
        }
        let scanner = YAMLPreScanner(bytes: bytes, maxDepth: limits.maxDepth)
        if let problem = scanner.scan() {
            switch problem.kind {
            case .encoding(let why):
                return failure(
                    YAMLDiagnosticCode.encoding, "not UTF-8 text: \(why)",
                    hint: "save the file as UTF-8 text", line: problem.line, column: problem.column)
            case .tooDeep:
                return failure(
                    YAMLDiagnosticCode.tooDeep, "nesting deeper than \(limits.maxDepth) levels",
                    hint: "these files need only a few levels of nesting; check for runaway brackets or indentation",
                    line: problem.line, column: problem.column)
            case .anchor, .alias:
                return failure(
                    YAMLDiagnosticCode.alias,
                    problem.kind == .anchor ? "YAML anchors (&name) are not allowed" : "YAML aliases (*name) are not allowed",
                    hint: "write the value out in full; anchors and aliases are refused so that a small file cannot expand into a huge one",
                    line: problem.line, column: problem.column)
            }
        }

        let text = String(decoding: bytes, as: UTF8.self)
        let parser: Parser
        let root: Node?
        do {
            // The basic resolver leaves every scalar untyped: this layer resolves scalars
            // itself (YAML 1.2 core), and Yams' YAML 1.1 regular expressions, run on every
            // mapping key for its duplicate check, would cost a fifth of the load time.
            // The encoding is given: Yams' default reads the whole environment on every
            // parse (3 % of loading 10,000 files) and prints to stdout when
            // YAMS_DEFAULT_ENCODING is set.
            parser = try Parser(yaml: text, resolver: .basic, encoding: .utf8)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            var diagnostic = diagnostic(for: error, file: file)
            if let line = diagnostic.location?.line, indentsWithTab(bytes, line: line) {
                diagnostic.hint = "indent with spaces; YAML does not allow tabs for indentation"
            }
            return YAMLParseResult(root: nil, diagnostics: [diagnostic])
        } catch {
            return failure(YAMLDiagnosticCode.syntax, "cannot parse YAML: \(error)")
        }
        // Yams keeps anchors weakly; the parser holds them, so keep it alive while the
        // tree is converted to be able to see (and refuse) any anchor the scan missed.
        return withExtendedLifetime(parser) {
            guard let root else {
                return failure(
                    YAMLDiagnosticCode.empty, "the file holds no YAML document (only comments or blank lines)",
                    hint: "write a YAML mapping, e.g. `id: …`")
            }
            var converter = Converter(file: file)
            let node = converter.convert(root)
            if converter.diagnostics.isEmpty, node?.isNull ?? true {
                return failure(
                    YAMLDiagnosticCode.empty, "the document is empty (null)",
                    hint: "write a YAML mapping, e.g. `id: …`")
            }
            return YAMLParseResult(
                root: converter.diagnostics.isEmpty ? node : nil, diagnostics: converter.diagnostics.sorted())
        }
    }

    /// libyaml's message and location, with the context it gives.
    static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        func message(_ context: YamlError.Context?, _ problem: String) -> String {
            guard let context else { return problem }
            return "\(problem) (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
        }
        switch error {
        case .composer(_, let problem, let mark, _) where problem.contains("undefined alias"):
            return Diagnostic(
                .error, code: YAMLDiagnosticCode.alias, "YAML aliases (*name) are not allowed",
                hint: "write the value out in full; a value that starts with * must be quoted", at: at(mark))
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return Diagnostic(
                .error, code: YAMLDiagnosticCode.syntax, "invalid YAML: \(message(context, problem))",
                hint: syntaxHint(problem), at: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return Diagnostic(
                .error, code: YAMLDiagnosticCode.duplicateKey,
                "the key \(keys) is written more than once in this mapping",
                hint: "keep one of them; YAML does not merge repeated keys", at: at(context.mark))
        case .reader(let problem, _, _, _):
            return Diagnostic(
                .error, code: YAMLDiagnosticCode.encoding, "cannot read the text: \(problem)",
                hint: "save the file as UTF-8 text", at: SourceLocation(file: file, line: 1, column: 1))
        default:
            return Diagnostic(
                .error, code: YAMLDiagnosticCode.syntax, "cannot parse YAML: \(error)",
                at: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    /// Whether line `line` (1-based) starts its indentation with a tab, the usual cause of
    /// libyaml's "cannot start any token".
    private static func indentsWithTab(_ bytes: [UInt8], line: Int) -> Bool {
        var current = 1
        var i = 0
        while current < line, i < bytes.count {
            if bytes[i] == UInt8(ascii: "\n") { current += 1 }
            i += 1
        }
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
        return i < bytes.count && bytes[i] == UInt8(ascii: "\t")
    }

    private static func syntaxHint(_ problem: String) -> String? {
        if problem.contains("tab") { return "indent with spaces; YAML does not allow tabs for indentation" }
        if problem.contains("mapping values are not allowed") {
            return "quote a value that contains ': ', or check the indentation of the line"
        }
        if problem.contains("another document") { return "one YAML document per file: remove the extra `---`" }
        if problem.contains("did not find expected key") || problem.contains("block end") {
            return "check the indentation: keys of one mapping must line up"
        }
        return nil
    }

    /// Turns Yams nodes into located nodes, refusing anchors and non-scalar keys.
    private struct Converter {
        let file: String
        var diagnostics: [Diagnostic] = []

        init(file: String) { self.file = file }

        func location(_ mark: Mark?) -> SourceLocation {
            SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
        }

        mutating func refuseAnchor(at mark: Mark?) {
            diagnostics.append(
                Diagnostic(
                    .error, code: YAMLDiagnosticCode.alias, "YAML anchors (&name) are not allowed",
                    hint: "write the value out in full; a value that starts with & must be quoted", at: location(mark)))
        }

        mutating func convert(_ node: Node) -> YAMLNode? {
            switch node {
            case .alias(let alias):
                refuseAnchor(at: alias.mark)
                return nil
            case .scalar(let scalar):
                if scalar.anchor != nil {
                    refuseAnchor(at: scalar.mark)
                    return nil
                }
                let style: YAMLScalar.Style
                switch scalar.style {
                case .singleQuoted: style = .singleQuoted
                case .doubleQuoted: style = .doubleQuoted
                case .literal: style = .literal
                case .folded: style = .folded
                case .any, .plain: style = .plain
                }
                var tag: String? = scalar.tag.rawValue.isEmpty ? nil : scalar.tag.rawValue
                // libyaml tags every quoted scalar `!!str`; only a written tag matters.
                if style != .plain, tag == Tag.Name.str.rawValue { tag = nil }
                return YAMLNode(.scalar(YAMLScalar(scalar.string, style: style, tag: tag)), at: location(scalar.mark))
            case .sequence(let sequence):
                if sequence.anchor != nil {
                    refuseAnchor(at: sequence.mark)
                    return nil
                }
                var items: [YAMLNode] = []
                items.reserveCapacity(sequence.count)
                for item in sequence {
                    if let converted = convert(item) { items.append(converted) }
                }
                return YAMLNode(.sequence(items), at: location(sequence.mark))
            case .mapping(let mapping):
                if mapping.anchor != nil {
                    refuseAnchor(at: mapping.mark)
                    return nil
                }
                var result = YAMLMapping(at: location(mapping.mark))
                for (key, value) in mapping {
                    guard case .scalar(let keyScalar) = key else {
                        diagnostics.append(
                            Diagnostic(
                                .error, code: YAMLDiagnosticCode.keyType,
                                "a mapping key must be text, not \(key.sequence != nil ? "a list" : "a mapping")",
                                hint: "use a plain word as the key", at: location(key.mark)))
                        continue
                    }
                    if keyScalar.anchor != nil {
                        refuseAnchor(at: keyScalar.mark)
                        continue
                    }
                    guard let converted = convert(value) else { continue }
                    result.append(
                        YAMLMapping.Entry(key: keyScalar.string, keyLocation: location(keyScalar.mark), value: converted))
                }
                return YAMLNode(.mapping(result), at: location(mapping.mark))
            }
        }
    }
}
