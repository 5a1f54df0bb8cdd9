/// The type of a catalogued property (`inventory.yaml`, `properties:`).
public indirect enum PropertyType: Sendable, Hashable, CustomStringConvertible {
    case bool
    case int
    case number
    case date
    case text
    /// One of a fixed set of values.
    case enumeration([String])
    case marking
    /// A list whose elements all have the given type (`type: list`, `of: marking`).
    case list(PropertyType)

    public var description: String {
        switch self {
        case .bool: return "bool"
        case .int: return "int"
        case .number: return "number"
        case .date: return "date"
        case .text: return "text"
        case .enumeration: return "enum"
        case .marking: return "marking"
        case .list(let element): return "list of \(element)"
        }
    }
}

/// One entry of the property catalogue: what tools may state and policies may read.
public struct PropertyDefinition: Sendable, Hashable {
    public var id: String
    public var type: PropertyType
    public var description: String
    public var location: SourceLocation?

    public init(id: String, type: PropertyType, description: String, location: SourceLocation? = nil) {
        self.id = id
        self.type = type
        self.description = description
        self.location = location
    }
}

/// A typed property value. Enum values are `.text` (the catalogue says which values are
/// allowed).
public indirect enum PropertyValue: Sendable, Hashable, CustomStringConvertible {
    case bool(Bool)
    case int(Int)
    case number(Double)
    case date(CalendarDate)
    case text(String)
    case marking(Marking)
    case list([PropertyValue])

    public var description: String {
        switch self {
        case .bool(let v): return String(v)
        case .int(let v): return String(v)
        case .number(let v): return String(v)
        case .date(let v): return v.description
        case .text(let v): return v
        case .marking(let v): return v.description
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        }
    }
}

/// A property value with its provenance: where it comes from and how sure we are.
///
/// A value written in the short form (`end_to_end_encryption: true`) has no source and
/// counts as `unverified`.
public struct SourcedValue: Sendable, Hashable {
    public var value: PropertyValue
    /// An id in `sources.yaml`, or nil when none was given.
    public var source: String?
    public var confidence: Confidence
    public var assessed: CalendarDate?
    public var note: String?
    public var location: SourceLocation?

    public init(
        _ value: PropertyValue, source: String? = nil, confidence: Confidence = .unverified,
        assessed: CalendarDate? = nil, note: String? = nil, location: SourceLocation? = nil
    ) {
        self.value = value
        self.source = source
        self.confidence = confidence
        self.assessed = assessed
        self.note = note
        self.location = location
    }
}
