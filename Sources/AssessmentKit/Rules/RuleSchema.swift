import InventoryKit

/// Whether a policy judges each tool or each (network, tool) usage.
public enum PolicyScope: String, Sendable, Hashable, CaseIterable, Codable {
    case tool
    case usage
}

/// Where a property path reads its value from, resolved once when a policy is prepared.
public enum PathAccessor: Sendable, Hashable {
    case toolID, toolName, toolCategory, toolOperator
    /// A catalogued property (`tool.<id>`).
    case toolProperty(String)
    /// An exercise evidence value (`tool.evidence.<key>`).
    case toolEvidence(String)
    case usageTool, usagePurposes, usageHighestTLP, usageHighestClassification, usageRole, usageOnboarded
    case networkID, networkKind, networkName

    /// Sourced values carry a confidence, so a criterion's `min_confidence` applies to
    /// them. The other fields describe the subject being judged and are taken as given.
    public var isSourced: Bool {
        switch self {
        case .toolProperty, .toolEvidence: return true
        default: return false
        }
    }
}

/// Which property paths a rule may read in a policy's scope, and their types: the core
/// fields of tools, usages and networks, the inventory's property catalogue and the
/// built-in evidence catalogue.
public struct RuleSchema: Sendable {
    public var scope: PolicyScope
    /// Catalogued property id → type.
    public var properties: [String: RuleType]
    /// The inventory's purpose ids, so that `usage.purposes contains 'x'` can be checked;
    /// nil to accept any purpose.
    public var purposes: [String]?

    public init(scope: PolicyScope, catalogue: [PropertyDefinition], purposes: [String]? = nil) {
        self.scope = scope
        var properties: [String: RuleType] = [:]
        for definition in catalogue { properties[definition.id] = RuleType(definition.type) }
        self.properties = properties
        self.purposes = purposes
    }

    public init(scope: PolicyScope, inventory: Inventory) {
        self.init(scope: scope, catalogue: inventory.catalogue, purposes: inventory.purposes.map(\.id))
    }

    /// The evidence keys an exercise report writes (`EvidenceCatalogue`), with their types.
    public static let evidenceCatalogue: [String: RuleType] = Dictionary(
        uniqueKeysWithValues: EvidenceCatalogue.definitions.map { ($0.id, RuleType($0.type)) })

    static let toolFields: [String: (PathAccessor, RuleType)] = [
        "id": (.toolID, .text(values: nil)),
        "name": (.toolName, .text(values: nil)),
        "category": (.toolCategory, .text(values: nil)),
        "operator": (.toolOperator, .text(values: nil)),
    ]

    var usageFields: [String: (PathAccessor, RuleType)] {
        [
            "tool": (.usageTool, .text(values: nil)),
            "purposes": (.usagePurposes, .list(.text(values: purposes))),
            "highest_tlp": (.usageHighestTLP, .marking(scales: [.tlp])),
            "highest_classification": (.usageHighestClassification, .marking(scales: [.eu, .nato])),
            "role": (.usageRole, .text(values: Usage.Role.allCases.map(\.rawValue))),
            "onboarded": (.usageOnboarded, .number),
        ]
    }

    static let networkFields: [String: (PathAccessor, RuleType)] = [
        "id": (.networkID, .text(values: nil)),
        "kind": (.networkKind, .text(values: Network.Kind.allCases.map(\.rawValue))),
        "name": (.networkName, .text(values: nil)),
    ]

    /// The accessor and type of `path`, or the reason it cannot be read here.
    func resolve(_ path: PropertyPath) throws(RuleError) -> (PathAccessor, RuleType) {
        let segments = path.segments
        let ranges = path.segmentRanges
        let root = segments[0]
        func tooLong(after count: Int) -> RuleError {
            let extra = ranges[count].lowerBound..<ranges[ranges.count - 1].upperBound
            let prefix = segments[..<count].joined(separator: ".")
            return RuleError(.unknownPath, "'\(prefix)' has no fields; '\(path)' does not exist", at: extra)
        }
        func unknown(_ name: String, in candidates: [String], what: String, at range: Range<Int>) -> RuleError {
            let suggestion = Suggestion.closest(to: name, among: candidates.sorted())
            return RuleError(
                .unknownPath, "unknown \(what) '\(name)'",
                hint: suggestion.map { "did you mean '\($0)'?" } ?? "known: "
                    + candidates.sorted().joined(separator: ", "),
                at: range)
        }
        guard segments.count >= 2 else {
            if ["tool", "usage", "network"].contains(root) {
                throw RuleError(.unknownPath, "'\(root)' needs a property name, e.g. '\(root).id'", at: ranges[0])
            }
            throw unknown(root, in: ["tool", "usage", "network"], what: "name", at: ranges[0])
        }
        let name = segments[1]
        switch root {
        case "tool":
            if name == "evidence" {
                guard segments.count >= 3 else {
                    throw RuleError(
                        .unknownPath, "'tool.evidence' needs an evidence key, e.g. 'tool.evidence.last_tested'",
                        at: path.range)
                }
                let key = segments[2]
                guard let type = RuleSchema.evidenceCatalogue[key] else {
                    throw unknown(
                        key, in: Array(RuleSchema.evidenceCatalogue.keys), what: "evidence key", at: ranges[2])
                }
                guard segments.count == 3 else { throw tooLong(after: 3) }
                return (.toolEvidence(key), type)
            }
            let resolved: (PathAccessor, RuleType)
            if let field = RuleSchema.toolFields[name] {
                resolved = field
            } else if let type = properties[name] {
                resolved = (.toolProperty(name), type)
            } else {
                let candidates = Array(properties.keys) + Array(RuleSchema.toolFields.keys) + ["evidence"]
                throw unknown(name, in: candidates, what: "tool property", at: ranges[1])
            }
            guard segments.count == 2 else { throw tooLong(after: 2) }
            return resolved
        case "usage", "network":
            guard scope == .usage else {
                throw RuleError(
                    .scope, "'\(path)' cannot be read in a policy with scope 'tool'",
                    hint: "a tool policy judges each tool on its own; use scope: usage to read \(root) fields",
                    at: path.range)
            }
            let fields = root == "usage" ? usageFields : RuleSchema.networkFields
            guard let field = fields[name] else {
                throw unknown(name, in: Array(fields.keys), what: "\(root) field", at: ranges[1])
            }
            guard segments.count == 2 else { throw tooLong(after: 2) }
            return field
        default:
            throw unknown(root, in: ["tool", "usage", "network"], what: "name", at: ranges[0])
        }
    }
}
