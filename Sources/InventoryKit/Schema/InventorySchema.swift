/// The kinds of file in an inventory directory.
public enum InventoryFileKind: String, Sendable, Hashable, CaseIterable {
    case inventory, sources, network, tool, evidence

    /// Where files of this kind live, for schema titles and editor settings.
    public var pathPattern: String {
        switch self {
        case .inventory: return "inventory.yaml"
        case .sources: return "sources.yaml"
        case .network: return "networks/*.yaml"
        case .tool: return "tools/*.yaml"
        case .evidence: return "evidence/*.yaml"
        }
    }
}

/// JSON Schemas (draft 2020-12) for the inventory files, so that YAML editors can
/// complete keys and flag mistakes while typing.
///
/// The tool schema is generated from the property catalogue: each catalogued property
/// gets its own schema, accepting the short form (the bare value) or the long form
/// (`value`, `source`, `confidence`, `assessed`, `note`), and no other property is
/// allowed. The schemas catch what an editor can see in one file; `commsmap validate`
/// remains the full check (references across files, duplicate ids, …).
public enum InventorySchema {
    public static let dialect = "https://json-schema.org/draft/2020-12/schema"

    /// The schema for one kind of file.
    public static func schema(for kind: InventoryFileKind, catalogue: [PropertyDefinition]) -> JSONValue {
        var schema: [String: JSONValue]
        switch kind {
        case .inventory: schema = inventorySchema()
        case .sources: schema = sourcesSchema()
        case .network: schema = networkSchema()
        case .tool: schema = toolSchema(catalogue: catalogue)
        case .evidence: schema = evidenceSchema()
        }
        schema["$schema"] = .string(dialect)
        schema["$id"] = .string("urn:commsmap:schema:1:\(kind.rawValue)")
        schema["title"] = .string("commsmap \(kind.pathPattern) (schema 1)")
        return .object(schema)
    }

    /// Every kind's schema, keyed by kind.
    public static func all(catalogue: [PropertyDefinition]) -> JSONValue {
        var result: [String: JSONValue] = [:]
        for kind in InventoryFileKind.allCases { result[kind.rawValue] = schema(for: kind, catalogue: catalogue) }
        return .object(result)
    }

    // MARK: Building blocks

    static let idPattern = "^[a-z0-9][a-z0-9._-]*$"
    static let propertyIDPattern = "^[a-z][a-z0-9_]*$"

    static var id: JSONValue { ["type": "string", "pattern": .string(idPattern)] }
    static var text: JSONValue { ["type": "string", "minLength": 1] }
    static var date: JSONValue {
        ["type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"]
    }
    static var confidence: JSONValue { .object(["enum": .array(Confidence.allCases.map { .string($0.rawValue) })]) }

    /// Every spelling `Marking` accepts on the given scales: canonical names, TLP:WHITE,
    /// and the official names.
    static func markings(_ schemes: [MarkingScheme]) -> JSONValue {
        var names: [String] = []
        for scheme in schemes {
            names += scheme.levels.map { "\(scheme.rawValue):\($0)" }
            if scheme == .tlp { names.append("TLP:WHITE") }
        }
        names += Marking.aliases.filter { schemes.contains($0.value.scheme) }.keys.sorted()
        return ["type": "string", "enum": .array(names.map(JSONValue.string))]
    }

    static func object(
        _ properties: [String: JSONValue], required: [String], description: String? = nil
    ) -> [String: JSONValue] {
        var schema: [String: JSONValue] = [
            "type": "object", "additionalProperties": false, "properties": .object(properties),
            "required": .array(required.map(JSONValue.string)),
        ]
        if let description { schema["description"] = .string(description) }
        return schema
    }

    static func list(_ items: JSONValue, minItems: Int? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "array", "items": items]
        if let minItems { schema["minItems"] = .int(minItems) }
        return .object(schema)
    }

    static func enumeration(_ values: [String]) -> JSONValue {
        ["type": "string", "enum": .array(values.map(JSONValue.string))]
    }

    // MARK: Kinds

    static func inventorySchema() -> [String: JSONValue] {
        let purpose = object(
            ["id": id, "title": text, "description": text], required: ["id", "title"],
            description: "A use case that networks use tools for")
        let typeNames = ["bool", "int", "number", "date", "text", "enum", "marking", "list"]
        var property = object(
            [
                "id": ["type": "string", "pattern": .string(propertyIDPattern)],
                "type": enumeration(typeNames),
                "of": enumeration(typeNames.filter { $0 != "list" }),
                "values": list(text, minItems: 1),
                "description": text,
            ], required: ["id", "type", "description"], description: "A catalogued property tools may state")
        property["allOf"] = [
            ["if": ["properties": ["type": ["const": "enum"]]], "then": ["required": ["values"]]],
            ["if": ["properties": ["type": ["const": "list"]]], "then": ["required": ["of"]]],
        ]
        return object(
            [
                "title": text, "as_of": date, "schema": ["const": 1],
                "purposes": list(.object(purpose)), "properties": list(.object(property)),
            ], required: ["title", "as_of", "schema", "purposes", "properties"],
            description: "The inventory header: title, date, purposes and the property catalogue")
    }

    static func sourcesSchema() -> [String: JSONValue] {
        let source = object(
            [
                "id": id, "title": text, "url": ["type": "string", "format": "uri"], "published": date,
                "kind": enumeration(Source.Kind.allCases.map(\.rawValue)),
            ], required: ["id", "title", "kind"], description: "A cited source")
        return object(["sources": list(.object(source))], required: ["sources"], description: "Every source cited")
    }

    static func networkSchema() -> [String: JSONValue] {
        let member = object(
            ["id": id, "name": text, "country": text], required: ["id", "name", "country"],
            description: "A member organisation; country is an ISO 3166-1 alpha-2 code or EU")
        let usage = object(
            [
                "tool": id, "purposes": list(id, minItems: 1),
                "highest_tlp": markings([.tlp]),
                "highest_classification": markings([.eu, .nato]),
                "role": enumeration(Usage.Role.allCases.map(\.rawValue)),
                "onboarded": [
                    "anyOf": [["const": "all"], ["type": "integer", "minimum": 0], list(id)]
                ],
                "source": id, "confidence": confidence, "note": text,
            ], required: ["tool", "purposes", "role"], description: "How the network uses one tool")
        return object(
            [
                "id": id, "name": text, "kind": enumeration(Network.Kind.allCases.map(\.rawValue)),
                "legal_basis": text, "source": id, "note": text,
                "members": list(.object(member)), "uses": list(.object(usage)),
            ], required: ["id", "name", "kind"], description: "A cooperation network and the tools it uses")
    }

    static func toolSchema(catalogue: [PropertyDefinition]) -> [String: JSONValue] {
        var properties: [String: JSONValue] = [:]
        for definition in catalogue { properties[definition.id] = propertySchema(definition) }
        return object(
            [
                "id": id, "name": text, "category": text, "operator": text,
                "url": ["type": "string", "format": "uri"], "note": text,
                "properties": .object(object(properties, required: [], description: "Catalogued properties only")),
            ], required: ["id", "name", "category"], description: "A tool or channel and its properties")
    }

    /// Short form, long form, or null (unknown).
    static func propertySchema(_ definition: PropertyDefinition) -> JSONValue {
        let value = valueSchema(definition.type)
        let long = object(
            ["value": value, "source": id, "confidence": confidence, "assessed": date, "note": text],
            required: ["value"])
        return [
            "description": .string("\(definition.description) (\(definition.type))"),
            "anyOf": [value, .object(long), ["type": "null"]],
        ]
    }

    static func valueSchema(_ type: PropertyType) -> JSONValue {
        switch type {
        case .bool: return ["type": "boolean"]
        case .int: return ["type": "integer"]
        case .number: return ["type": "number"]
        case .date: return date
        case .text: return text
        case .enumeration(let values): return enumeration(values)
        case .marking: return markings(MarkingScheme.allCases)
        case .list(let element): return list(valueSchema(element))
        }
    }

    static func evidenceSchema() -> [String: JSONValue] {
        var entry: [String: JSONValue] = ["tool": id]
        for definition in EvidenceCatalogue.definitions {
            var schema = valueSchema(definition.type)
            if case .object(var members) = schema {
                members["description"] = .string(definition.description)
                switch definition.id {
                case "delivery_rate":
                    members["minimum"] = 0
                    members["maximum"] = 1
                case "sent", "delivered", "median_latency_minutes", "p95_latency_minutes":
                    members["minimum"] = 0
                default: break
                }
                schema = .object(members)
            }
            entry[definition.id] = schema
        }
        return object(
            [
                "exercise": id, "title": text, "from": date, "until": date, "control": id,
                "tools": list(.object(object(entry, required: ["tool"]))),
            ], required: ["exercise", "from", "until", "tools"],
            description: "What an exercise proved about each channel (written by commsmap exercise report)")
    }
}
