/// Typed access to located YAML nodes that records a diagnostic for every problem
/// instead of stopping at the first.
///
/// Each reader has a code prefix (`inventory`, `policy`, …) so that the same helpers give
/// `inventory.unknown-key` in an inventory and `policy.unknown-key` in a policy. Every
/// accessor returns nil after recording a diagnostic, so callers read on and collect
/// every problem in one pass. The codes are:
///
/// | code | when |
/// |---|---|
/// | `<prefix>.unknown-key` | a key the file kind does not define (with "did you mean") |
/// | `<prefix>.missing-key` | a required key is absent or empty |
/// | `<prefix>.wrong-type` | e.g. a list where text is wanted, `yes` where a boolean is |
/// | `<prefix>.bad-date` | a date that is not a valid `YYYY-MM-DD` day |
/// | `<prefix>.bad-enum-value` | a value outside a fixed set (with "did you mean") |
///
/// `what` arguments name the value in messages, e.g. `'kind'` or `'kind' of a network`.
/// The reader is a reference type so that closures and helpers can share one collection
/// of diagnostics; it is meant to live for one load.
///
/// A loader reads a file like this:
///
/// ```swift
/// let parsed = YAMLDocument.parse(data, file: path)
/// let reader = YAMLReader(codePrefix: "policy")
/// reader.append(parsed.diagnostics)
/// guard let root = parsed.root, let policy = reader.mapping(root, "a policy") else { … }
/// reader.checkKeys(policy, allowed: ["id", "title", "scope", "criteria"], in: "a policy")
/// let id = reader.text("id", in: policy, of: "a policy", required: true)
/// let scope = reader.choice("scope", in: policy, of: "a policy", as: Scope.self, required: true)
/// // … then reader.diagnostics.sorted()
/// ```
public final class YAMLReader {
    public let codePrefix: String
    public private(set) var diagnostics: [Diagnostic] = []

    public init(codePrefix: String) {
        self.codePrefix = codePrefix
    }

    /// `<prefix>.<name>`.
    public func code(_ name: String) -> String { "\(codePrefix).\(name)" }

    public func error(_ name: String, _ message: String, hint: String? = nil, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.error, code: code(name), message, hint: hint, at: location))
    }

    public func warning(_ name: String, _ message: String, hint: String? = nil, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.warning, code: code(name), message, hint: hint, at: location))
    }

    /// Adds diagnostics found elsewhere (e.g. by `YAMLDocument.parse`).
    public func append(_ more: [Diagnostic]) { diagnostics.append(contentsOf: more) }

    /// Whether any error (not warning) has been recorded.
    public var hasErrors: Bool { diagnostics.hasErrors }

    // MARK: Shape

    public func wrongType(_ node: YAMLNode, _ what: String, expected: String, hint: String? = nil) {
        error("wrong-type", "\(what) should be \(expected), not \(node.kindDescription)", hint: hint, at: node.location)
    }

    /// The node as a mapping, or nil after a `wrong-type` diagnostic.
    public func mapping(_ node: YAMLNode, _ what: String) -> YAMLMapping? {
        if let mapping = node.mapping { return mapping }
        wrongType(node, what, expected: "a mapping (key: value lines)")
        return nil
    }

    /// The node as a list, or nil after a `wrong-type` diagnostic.
    public func sequence(_ node: YAMLNode, _ what: String) -> [YAMLNode]? {
        if let items = node.sequence { return items }
        wrongType(node, what, expected: "a list", hint: "write it as `[a, b]` or as lines starting with `- `")
        return nil
    }

    /// Reports every key of `mapping` not in `allowed`, each at the key's own location,
    /// with the nearest allowed key as a hint.
    public func checkKeys(_ mapping: YAMLMapping, allowed: [String], in what: String) {
        var allowedSet: Set<String>?
        for entry in mapping.entries {
            if allowedSet == nil { allowedSet = Set(allowed) }
            guard allowedSet?.contains(entry.key) == false else { continue }
            let hint =
                Suggestion.hint(for: entry.key, among: allowed)
                ?? "the keys of \(what) are: \(allowed.joined(separator: ", "))"
            error("unknown-key", "unknown key '\(entry.key)' in \(what)", hint: hint, at: entry.keyLocation)
        }
    }

    /// The value under `key`; nil when absent or null, after a `missing-key` diagnostic
    /// at the mapping (absent) or the key (empty) when `required`.
    public func field(_ key: String, in mapping: YAMLMapping, of what: String, required: Bool = false) -> YAMLNode? {
        guard let entry = mapping.entry(key) else {
            if required { error("missing-key", "\(what) needs '\(key)'", hint: "add `\(key): …`", at: mapping.location) }
            return nil
        }
        if entry.value.isNull {
            if required { error("missing-key", "'\(key)' of \(what) is empty", hint: "give it a value", at: entry.keyLocation) }
            return nil
        }
        return entry.value
    }

    // MARK: Scalars

    /// Any non-null scalar as written (`1.10` stays `1.10`).
    public func text(_ node: YAMLNode, _ what: String) -> String? {
        guard let scalar = node.scalar, !node.isNull else {
            wrongType(node, what, expected: "text")
            return nil
        }
        return scalar.text
    }

    /// `true` or `false` (YAML 1.2: not `yes`, `no`, `on`, `off`, nor quoted).
    public func bool(_ node: YAMLNode, _ what: String) -> Bool? {
        if case .bool(let value)? = node.scalar?.resolved { return value }
        var hint: String?
        if let scalar = node.scalar {
            switch scalar.text.lowercased() {
            case "true", "false": hint = "remove the quotes: a quoted value is text"
            case "yes", "on", "y": hint = "write true"
            case "no", "off", "n": hint = "write false"
            default: break
            }
        }
        wrongType(node, what, expected: "true or false", hint: hint)
        return nil
    }

    /// A whole number.
    public func int(_ node: YAMLNode, _ what: String) -> Int? {
        if case .int(let value)? = node.scalar?.resolved { return value }
        wrongType(
            node, what, expected: "a whole number",
            hint: node.scalar?.isPlain == false ? "remove the quotes: a quoted value is text" : nil)
        return nil
    }

    /// A finite number (integers are numbers too).
    public func number(_ node: YAMLNode, _ what: String) -> Double? {
        switch node.scalar?.resolved {
        case .int(let value)?: return Double(value)
        case .number(let value)? where value.isFinite: return value
        default:
            wrongType(
                node, what, expected: "a number",
                hint: node.scalar?.isPlain == false ? "remove the quotes: a quoted value is text" : nil)
            return nil
        }
    }

    /// A `YYYY-MM-DD` day; a scalar that is not one gives `bad-date`.
    public func date(_ node: YAMLNode, _ what: String) -> CalendarDate? {
        guard let scalar = node.scalar, !node.isNull else {
            wrongType(node, what, expected: "a date (YYYY-MM-DD)")
            return nil
        }
        if let date = CalendarDate(scalar.text) { return date }
        error(
            "bad-date", "\(what) is not a valid date: '\(scalar.text)'",
            hint: "write a calendar day as YYYY-MM-DD, e.g. 2026-11-01", at: node.location)
        return nil
    }

    /// One of a fixed set of values; `bad-enum-value` with "did you mean" otherwise.
    public func choice(_ node: YAMLNode, _ what: String, among values: [String]) -> String? {
        guard let text = text(node, what) else { return nil }
        if values.contains(text) { return text }
        let hint = Suggestion.hint(for: text, among: values) ?? "use one of: \(values.joined(separator: ", "))"
        error(
            "bad-enum-value", "\(what) is '\(text)', which is not one of \(values.joined(separator: ", "))",
            hint: hint, at: node.location)
        return nil
    }

    /// A case of a string-valued enum.
    public func choice<E: RawRepresentable & CaseIterable>(_ node: YAMLNode, _ what: String, as type: E.Type) -> E?
    where E.RawValue == String {
        choice(node, what, among: E.allCases.map(\.rawValue)).flatMap(E.init(rawValue:))
    }

    /// A list of text values; a single scalar is not accepted as a list of one.
    public func textList(_ node: YAMLNode, _ what: String) -> [(text: String, location: SourceLocation)]? {
        guard let items = sequence(node, what) else { return nil }
        var result: [(text: String, location: SourceLocation)] = []
        result.reserveCapacity(items.count)
        for item in items {
            if let text = text(item, "an item of \(what)") { result.append((text, item.location)) }
        }
        return result
    }

    // MARK: Keyed conveniences

    public func text(_ key: String, in mapping: YAMLMapping, of what: String, required: Bool = false) -> String? {
        field(key, in: mapping, of: what, required: required).flatMap { text($0, "'\(key)' of \(what)") }
    }

    public func bool(_ key: String, in mapping: YAMLMapping, of what: String, required: Bool = false) -> Bool? {
        field(key, in: mapping, of: what, required: required).flatMap { bool($0, "'\(key)' of \(what)") }
    }

    public func int(_ key: String, in mapping: YAMLMapping, of what: String, required: Bool = false) -> Int? {
        field(key, in: mapping, of: what, required: required).flatMap { int($0, "'\(key)' of \(what)") }
    }

    public func number(_ key: String, in mapping: YAMLMapping, of what: String, required: Bool = false) -> Double? {
        field(key, in: mapping, of: what, required: required).flatMap { number($0, "'\(key)' of \(what)") }
    }

    public func date(_ key: String, in mapping: YAMLMapping, of what: String, required: Bool = false) -> CalendarDate? {
        field(key, in: mapping, of: what, required: required).flatMap { date($0, "'\(key)' of \(what)") }
    }

    public func choice<E: RawRepresentable & CaseIterable>(
        _ key: String, in mapping: YAMLMapping, of what: String, as type: E.Type, required: Bool = false
    ) -> E? where E.RawValue == String {
        field(key, in: mapping, of: what, required: required).flatMap { choice($0, "'\(key)' of \(what)", as: type) }
    }
}
