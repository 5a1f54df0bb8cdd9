/// A use case that networks use tools for (`inventory.yaml`, `purposes:`).
public struct Purpose: Sendable, Hashable {
    public var id: String
    public var title: String
    public var description: String?
    public var location: SourceLocation?

    public init(id: String, title: String, description: String? = nil, location: SourceLocation? = nil) {
        self.id = id
        self.title = title
        self.description = description
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
    public var note: String?
    public var location: SourceLocation?

    public init(
        id: String, name: String, kind: Kind, legalBasis: String? = nil, members: [Member] = [],
        uses: [Usage] = [], source: String? = nil, note: String? = nil, location: SourceLocation? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.legalBasis = legalBasis
        self.members = members
        self.uses = uses
        self.source = source
        self.note = note
        self.location = location
    }

    /// The member with this id, or nil.
    public func member(_ id: String) -> Member? { members.first { $0.id == id } }
}

/// A tool or channel (`tools/<id>.yaml`) and the catalogued properties stated about it.
public struct Tool: Sendable, Hashable {
    public var id: String
    public var name: String
    public var category: String
    public var `operator`: String?
    /// The tool's public home page, for readers of reports.
    public var url: String?
    public var note: String?
    /// Catalogued property id → value. An absent property is unknown, never false.
    public var properties: [String: SourcedValue]
    /// Exercise evidence (`evidence/<id>.yaml`), read by rules as `tool.evidence.<key>`;
    /// keys are those of `EvidenceCatalogue.definitions`.
    public var evidence: [String: SourcedValue]
    public var location: SourceLocation?

    public init(
        id: String, name: String, category: String, operator: String? = nil, url: String? = nil,
        note: String? = nil, properties: [String: SourcedValue] = [:], evidence: [String: SourcedValue] = [:],
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.name = name
        self.category = category
        self.operator = `operator`
        self.url = url
        self.note = note
        self.properties = properties
        self.evidence = evidence
        self.location = location
    }
}

/// The whole validated inventory: the model every later stage works on.
///
/// Arrays are sorted by id so that every stage and every output is deterministic.
///
/// Lookups by id (`tool(_:)`, `network(_:)`, `source(_:)`, `property(_:)`) use indexes
/// kept up to date when an array is assigned, so they cost O(1) and an assessment of
/// 10,000 tools stays linear. Each assignment to an array (including a change to one of
/// its elements through a subscript) rebuilds that array's index, so for large
/// inventories build the array first and assign it once.
public struct Inventory: Sendable, Hashable {
    public var title: String
    public var asOf: CalendarDate
    public var schema: Int
    public var purposes: [Purpose] { didSet { purposeIndex = Inventory.index(purposes, \.id) } }
    public var catalogue: [PropertyDefinition] { didSet { propertyIndex = Inventory.index(catalogue, \.id) } }
    public var sources: [Source] { didSet { sourceIndex = Inventory.index(sources, \.id) } }
    public var networks: [Network] { didSet { networkIndex = Inventory.index(networks, \.id) } }
    public var tools: [Tool] { didSet { toolIndex = Inventory.index(tools, \.id) } }

    private var purposeIndex: [String: Int]
    private var propertyIndex: [String: Int]
    private var sourceIndex: [String: Int]
    private var networkIndex: [String: Int]
    private var toolIndex: [String: Int]

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
        purposeIndex = Inventory.index(purposes, \.id)
        propertyIndex = Inventory.index(catalogue, \.id)
        sourceIndex = Inventory.index(sources, \.id)
        networkIndex = Inventory.index(networks, \.id)
        toolIndex = Inventory.index(tools, \.id)
    }

    public func tool(_ id: String) -> Tool? { toolIndex[id].map { tools[$0] } }
    public func network(_ id: String) -> Network? { networkIndex[id].map { networks[$0] } }
    public func source(_ id: String) -> Source? { sourceIndex[id].map { sources[$0] } }
    public func property(_ id: String) -> PropertyDefinition? { propertyIndex[id].map { catalogue[$0] } }
    public func purpose(_ id: String) -> Purpose? { purposeIndex[id].map { purposes[$0] } }

    /// Every (network, usage) pair, in network order then usage order.
    public var usages: [(network: Network, usage: Usage)] {
        networks.flatMap { network in network.uses.map { (network, $0) } }
    }

    /// Position of each id; the first element wins when an id repeats.
    private static func index<Element>(_ elements: [Element], _ id: KeyPath<Element, String>) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(elements.count)
        for (position, element) in elements.enumerated() where index[element[keyPath: id]] == nil {
            index[element[keyPath: id]] = position
        }
        return index
    }

    public static func == (a: Inventory, b: Inventory) -> Bool {
        a.title == b.title && a.asOf == b.asOf && a.schema == b.schema && a.purposes == b.purposes
            && a.catalogue == b.catalogue && a.sources == b.sources && a.networks == b.networks
            && a.tools == b.tools
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(title)
        hasher.combine(asOf)
        hasher.combine(schema)
        hasher.combine(purposes)
        hasher.combine(catalogue)
        hasher.combine(sources)
        hasher.combine(networks)
        hasher.combine(tools)
    }
}
