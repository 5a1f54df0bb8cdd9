/// The inventory as JSON values, for `commsmap inventory list --format json` and
/// `inventory show --format json`. Version 1 of this shape is `schema: 1`.
public enum InventoryJSON {
    /// Networks, tools and usages, one summary object each.
    public static func listing(_ inventory: Inventory) -> JSONValue {
        [
            "schema": 1,
            "title": .string(inventory.title),
            "as_of": .string(inventory.asOf.description),
            "networks": .array(
                inventory.networks.map { network in
                    [
                        "id": .string(network.id), "name": .string(network.name), "kind": .string(network.kind.rawValue),
                        "members": .int(network.members.count), "usages": .int(network.uses.count),
                    ]
                }),
            "tools": .array(
                inventory.tools.map { tool in
                    [
                        "id": .string(tool.id), "name": .string(tool.name), "category": .string(tool.category),
                        "operator": JSONValue(tool.operator), "properties": .int(tool.properties.count),
                        "evidence": .bool(!tool.evidence.isEmpty),
                    ]
                }),
            "usages": .array(inventory.usages.map { usage($0.usage, network: $0.network.id) }),
        ]
    }

    /// One usage, naming its network.
    public static func usage(_ usage: Usage, network: String) -> JSONValue {
        [
            "network": .string(network), "tool": .string(usage.tool),
            "purposes": .array(usage.purposes.map(JSONValue.string)),
            "role": .string(usage.role.rawValue),
            "highest_tlp": JSONValue(usage.highestTLP?.description),
            "highest_classification": JSONValue(usage.highestClassification?.description),
            "onboarded": onboarded(usage.onboarded),
            "source": JSONValue(usage.source),
            "confidence": JSONValue(usage.confidence?.rawValue),
            "note": JSONValue(usage.note),
        ]
    }

    /// A tool with every catalogued property (null when unknown), its evidence and the
    /// usages of it.
    public static func tool(_ tool: Tool, in inventory: Inventory) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        for definition in inventory.catalogue {
            properties[definition.id] = tool.properties[definition.id].map(sourced) ?? .null
        }
        var evidence: [String: JSONValue] = [:]
        for (key, value) in tool.evidence { evidence[key] = sourced(value) }
        let usedBy = inventory.usages.filter { $0.usage.tool == tool.id }.map { usage($0.usage, network: $0.network.id) }
        return [
            "kind": "tool", "id": .string(tool.id), "name": .string(tool.name), "category": .string(tool.category),
            "operator": JSONValue(tool.operator), "url": JSONValue(tool.url), "note": JSONValue(tool.note),
            "location": JSONValue(tool.location?.description),
            "properties": .object(properties), "evidence": .object(evidence), "used_by": .array(usedBy),
        ]
    }

    /// A network with its members and usages.
    public static func network(_ network: Network) -> JSONValue {
        [
            "kind": "network", "id": .string(network.id), "name": .string(network.name),
            "network_kind": .string(network.kind.rawValue), "legal_basis": JSONValue(network.legalBasis),
            "source": JSONValue(network.source), "note": JSONValue(network.note),
            "location": JSONValue(network.location?.description),
            "members": .array(
                network.members.map { ["id": .string($0.id), "name": .string($0.name), "country": .string($0.country)] }),
            "uses": .array(network.uses.map { usage($0, network: network.id) }),
        ]
    }

    /// A value with its provenance.
    public static func sourced(_ value: SourcedValue) -> JSONValue {
        [
            "value": self.value(value.value), "source": JSONValue(value.source),
            "confidence": .string(value.confidence.rawValue), "assessed": JSONValue(value.assessed?.description),
            "note": JSONValue(value.note), "location": JSONValue(value.location?.description),
        ]
    }

    /// Dates and markings as their canonical text.
    public static func value(_ value: PropertyValue) -> JSONValue {
        switch value {
        case .bool(let v): return .bool(v)
        case .int(let v): return .int(v)
        case .number(let v): return .number(v)
        case .date(let v): return .string(v.description)
        case .text(let v): return .string(v)
        case .marking(let v): return .string(v.description)
        case .list(let items): return .array(items.map(self.value))
        }
    }

    static func onboarded(_ onboarded: Onboarded?) -> JSONValue {
        switch onboarded {
        case nil: return .null
        case .all?: return "all"
        case .count(let n)?: return .int(n)
        case .members(let ids)?: return .array(ids.map(JSONValue.string))
        }
    }
}
