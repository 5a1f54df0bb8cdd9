/// A YAML node that remembers where it was written.
///
/// Yams' own `Node` keeps a line and column only while its parser is alive and shares
/// aliased subtrees; this tree is a plain value that owns every node and carries a
/// `SourceLocation` (file, 1-based line and column) on every node and every mapping key,
/// so that any later stage (inventory validation, policy preparation) can point at the
/// exact place of a problem.
public struct YAMLNode: Sendable, Hashable {
    /// What the node holds.
    public enum Content: Sendable, Hashable {
        case scalar(YAMLScalar)
        case mapping(YAMLMapping)
        case sequence([YAMLNode])
    }

    public var content: Content
    /// Where the node starts.
    public var location: SourceLocation

    public init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    public var mapping: YAMLMapping? {
        if case .mapping(let mapping) = content { return mapping }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// A scalar that YAML reads as null (`~`, `null`, or nothing at all after `key:`).
    public var isNull: Bool { scalar?.resolved == .null }

    /// A short name of the node's kind for messages: `text`, `a number`, `a list`, ….
    public var kindDescription: String {
        switch content {
        case .scalar(let scalar): return scalar.resolved.kindDescription
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}

/// A scalar as written: its text, how it was quoted, and its explicit tag if any.
///
/// The text is kept verbatim so that `1.10` stays `1.10` where text is wanted; typed
/// readers resolve it with the YAML 1.2 core schema (so `NO` is text, not false).
public struct YAMLScalar: Sendable, Hashable {
    /// How the scalar was written.
    public enum Style: String, Sendable, Hashable {
        case plain
        case singleQuoted = "single-quoted"
        case doubleQuoted = "double-quoted"
        case literal
        case folded
    }

    public let text: String
    public let style: Style
    /// The explicit tag (`!!str`, `!custom`), nil when none was written.
    public let tag: String?
    /// The value under the YAML 1.2 core schema: quoted or tagged `!!str` scalars are
    /// always text. Resolved once here, as every typed read needs it.
    public let resolved: YAMLResolvedScalar

    public init(_ text: String, style: Style = .plain, tag: String? = nil) {
        self.text = text
        self.style = style
        self.tag = tag
        self.resolved = YAMLResolvedScalar(text: text, style: style, tag: tag)
    }

    /// Plain scalars are the only ones YAML resolves to booleans, numbers and null.
    public var isPlain: Bool { style == .plain && tag == nil }
}

/// A scalar resolved with the YAML 1.2 core schema.
public enum YAMLResolvedScalar: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case text(String)

    init(text: String, style: YAMLScalar.Style, tag: String?) {
        switch tag {
        case "tag:yaml.org,2002:str", "!!str": self = .text(text); return
        case "tag:yaml.org,2002:null", "!!null": self = .null; return
        case nil: break
        default:
            // A tag we do not interpret: keep the text and let the reader decide.
            if style != .plain { self = .text(text); return }
        }
        guard style == .plain else {
            self = .text(text)
            return
        }
        self = YAMLResolvedScalar.resolvePlain(text)
    }

    /// The core schema's regular expressions, spelled out for speed.
    static func resolvePlain(_ text: String) -> YAMLResolvedScalar {
        // Most scalars are words: only these first characters can start a non-text value.
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
            UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
            UInt8(ascii: "f"), UInt8(ascii: "F"):
            break
        default:
            return .text(text)
        }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .number(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .number(-.infinity)
        case ".nan", ".NaN", ".NAN": return .number(.nan)
        default: break
        }
        let bytes = Array(text.utf8)
        if let int = parseInteger(bytes) { return .int(int) }
        if isDecimalFloat(bytes), let value = Double(text) { return .number(value) }
        return .text(text)
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`; nil when not an integer or out of range.
    private static func parseInteger(_ bytes: [UInt8]) -> Int? {
        guard !bytes.isEmpty else { return nil }
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            if bytes[1] == UInt8(ascii: "x") { return Int(String(decoding: bytes[2...], as: UTF8.self), radix: 16) }
            if bytes[1] == UInt8(ascii: "o") { return Int(String(decoding: bytes[2...], as: UTF8.self), radix: 8) }
        }
        var digits = bytes[...]
        if let first = digits.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return Int(String(decoding: bytes, as: UTF8.self))
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
    private static func isDecimalFloat(_ bytes: [UInt8]) -> Bool {
        var i = 0
        func digits() -> Int {
            let start = i
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
            return i - start
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
        let whole = digits()
        var fraction = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            fraction = digits()
            if whole == 0 && fraction == 0 { return false }
        } else if whole == 0 {
            return false
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
            if digits() == 0 { return false }
        }
        return i == bytes.count
    }

    public var kindDescription: String {
        switch self {
        case .null: return "empty (null)"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .number: return "a number"
        case .text: return "text"
        }
    }
}

/// A mapping with its keys in written order, each key with its own location.
///
/// Keys are text (the YAML layer refuses other keys); lookups are by dictionary, so a
/// mapping with many keys costs linear time to check.
public struct YAMLMapping: Sendable, Hashable {
    /// One `key: value` pair.
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: YAMLNode

        public init(key: String, keyLocation: SourceLocation, value: YAMLNode) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }
    }

    /// The pairs in the order they were written.
    public private(set) var entries: [Entry]
    /// Where the mapping starts (its first key, for a block mapping), for "missing key"
    /// diagnostics.
    public var location: SourceLocation
    private var index: [String: Int]

    public init(_ entries: [Entry] = [], at location: SourceLocation) {
        self.entries = []
        self.index = [:]
        self.location = location
        for entry in entries { append(entry) }
    }

    /// Adds a pair; a repeated key keeps its first value (the YAML layer reports repeats).
    public mutating func append(_ entry: Entry) {
        guard index[entry.key] == nil else { return }
        index[entry.key] = entries.count
        entries.append(entry)
    }

    public var keys: [String] { entries.map(\.key) }
    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    public func entry(_ key: String) -> Entry? { index[key].map { entries[$0] } }
    public subscript(key: String) -> YAMLNode? { entry(key)?.value }

    public static func == (a: YAMLMapping, b: YAMLMapping) -> Bool {
        a.entries == b.entries && a.location == b.location
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(entries)
        hasher.combine(location)
    }
}
