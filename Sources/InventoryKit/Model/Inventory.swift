/// A use case that networks use tools for (`inventory.yaml`, `purposes:`).
public struct Purpose: Sendable, Hashable {
    public var id: String
    public var title: String
    public var location: SourceLocation?

    public init(id: String, title: String, location: SourceLocation? = nil) {
        self.id = id
        self.title = title
        self.location = location
    }
}

/// A cited source (`sources.yaml`).
public struct Source: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case official, vendor, press, secondary, exercise
    }

    public var id: String
    public var title: String
    public var url: String?
    public var published: CalendarDate?
    public var kind: Kind
    public var location: SourceLocation?

    public init(
        id: String, title: String, url: String? = nil, published: CalendarDate? = nil,
        kind: Kind, location: SourceLocation? = nil
    ) {
        self.id = id
        self.title = title
        self.url = url
        self.published = published
        self.kind = kind
        self.location = location
    }
}

/// A member organisation of a network.
public struct Member: Sendable, Hashable {
    public var id: String
    public var name: String
    /// ISO 3166-1 alpha-2 code, or `EU` for EU bodies.
    public var country: String
    public var location: SourceLocation?

    public init(id: String, name: String, country: String, location: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.country = country
        self.location = location
    }
}

/// Who in a network is onboarded on a tool.
public enum Onboarded: Sendable, Hashable {
    case all
    case members([String])
    case count(Int)
}

/// How a network uses a tool: for which purposes, up to which markings.
public struct Usage: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
        case primary, backup
        case adHoc = "ad-hoc"
    }

    public var tool: String
    public var purposes: [String]
    public var highestTLP: Marking?
    /// Absent: unclassified use.
    public var highestClassification: Marking?
    public var role: Role
    public var onboarded: Onboarded?
    public var source: String?
    public var confidence: Confidence?
    public var note: String?
    public var location: SourceLocation?

    public init(
        tool: String, purposes: [String], highestTLP: Marking? = nil,
        highestClassification: Marking? = nil, role: Role, onboarded: Onboarded? = nil,
        source: String? = nil, confidence: Confidence? = nil, note: String? = nil,
        location: SourceLocation? = nil
    ) {
        self.tool = tool
        self.purposes = purposes
        self.highestTLP = highestTLP
        self.highestClassification = highestClassification
        self.role = role
        self.onboarded = onboarded
        self.source = source
        self.confidence = confidence
        self.note = note
        self.location = location
    }
}

/// A cooperation network (`networks/<id>.yaml`).
public struct Network: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case civilian
        case crisisLiaison = "crisis-liaison"
        case military
        case euBody = "eu-body"
        case other
    }

    public var id: String
    public var name: String
    public var kind: Kind
    public var legalBasis: String?
    public var members: [Member]
    public var uses: [Usage]
    public var source: String?
    public var location: SourceLocation?

    public init(
        id: String, name: String, kind: Kind, legalBasis: String? = nil, members: [Member] = [],
        uses: [Usage] = [], source: String? = nil, location: SourceLocation? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.legalBasis = legalBasis
        self.members = members
        self.uses = uses
        self.source = source
        self.location = location
    }
}

/// A tool or channel (`tools/<id>.yaml`) and the catalogued properties stated about it.
public struct Tool: Sendable, Hashable {
    public var id: String
    public var name: String
    public var category: String
    public var `operator`: String?
    /// Catalogued property id → value. An absent property is unknown, never false.
    public var properties: [String: SourcedValue]
    /// Exercise evidence (`evidence/<id>.yaml`), read by rules as `tool.evidence.<key>`.
    public var evidence: [String: SourcedValue]
    public var location: SourceLocation?

    public init(
        id: String, name: String, category: String, operator: String? = nil,
        properties: [String: SourcedValue] = [:], evidence: [String: SourcedValue] = [:],
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.name = name
        self.category = category
        self.operator = `operator`
        self.properties = properties
        self.evidence = evidence
        self.location = location
    }
}

/// The whole validated inventory: the model every later stage works on.
///
/// Arrays are sorted by id so that every stage and every output is deterministic.
public struct Inventory: Sendable, Hashable {
    public var title: String
    public var asOf: CalendarDate
    public var schema: Int
    public var purposes: [Purpose]
    public var catalogue: [PropertyDefinition]
    public var sources: [Source]
    public var networks: [Network]
    public var tools: [Tool]

    public init(
        title: String, asOf: CalendarDate, schema: Int = 1, purposes: [Purpose] = [],
        catalogue: [PropertyDefinition] = [], sources: [Source] = [], networks: [Network] = [],
        tools: [Tool] = []
    ) {
        self.title = title
        self.asOf = asOf
        self.schema = schema
        self.purposes = purposes
        self.catalogue = catalogue
        self.sources = sources
        self.networks = networks
        self.tools = tools
    }

    public func tool(_ id: String) -> Tool? { tools.first { $0.id == id } }
    public func network(_ id: String) -> Network? { networks.first { $0.id == id } }
    public func source(_ id: String) -> Source? { sources.first { $0.id == id } }
    public func property(_ id: String) -> PropertyDefinition? { catalogue.first { $0.id == id } }
}
