import AssessmentKit
import CommsMapTestSupport
import Foundation
import InventoryKit
import Testing

/// One table-driven case from `Cases/*.yaml`: its file, name and the YAML mapping that
/// holds its inputs and wanted results.
struct AssessmentCase: Sendable, CustomTestStringConvertible {
    let file: String
    let name: String
    let map: YAMLMapping

    var testDescription: String { "\(file): \(name)" }

    /// Every case of every file in `folder` (default `Cases/`; sub-folders such as
    /// `Cases/coverage/` have runners of their own), with each file's `defaults:` merged in.
    static func all(in folderPath: String = "Tests/AssessmentKitTests/Cases") -> [AssessmentCase] {
        let folder = TestPaths.repository(folderPath)
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".yaml") }
            .sorted() ?? []
        var cases: [AssessmentCase] = []
        for name in names {
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { continue }
            let parsed = YAMLDocument.parse(data, file: name)
            guard let root = parsed.root?.mapping, let items = root["cases"]?.sequence else {
                cases.append(
                    AssessmentCase(
                        file: name, name: "<unreadable: \(parsed.diagnostics)>",
                        map: YAMLMapping(at: SourceLocation(file: name, line: 1, column: 1))))
                continue
            }
            let defaults = root["defaults"]?.mapping
            for item in items {
                guard var map = item.mapping else { continue }
                if let defaults {
                    for entry in defaults.entries where map.entry(entry.key) == nil { map.append(entry) }
                }
                cases.append(
                    AssessmentCase(
                        file: name, name: map["name"]?.scalar?.text ?? "line \(item.location.line)", map: map))
            }
        }
        return cases
    }

    // MARK: Reading fields

    func text(_ key: String) -> String? { map[key]?.scalar?.text }

    func date(_ key: String) throws -> CalendarDate? {
        guard let text = text(key) else { return nil }
        let date: CalendarDate = try #require(CalendarDate(text), "\(key) is not a date")
        return date
    }

    var asOf: CalendarDate { (try? date("as_of")).flatMap { $0 } ?? CalendarDate(year: 2026, month: 11, day: 1)! }

    /// The catalogue: `id: type` where type is bool, int, number, date, text, marking,
    /// `enum a b c` or `list of <type>`.
    func catalogue() throws -> [PropertyDefinition] {
        guard let map = map["catalogue"]?.mapping else { return [] }
        return try map.entries.map { entry in
            let spec = try #require(entry.value.scalar?.text)
            return PropertyDefinition(id: entry.key, type: try CaseModel.type(spec), description: entry.key)
        }
    }

    func purposes() -> [Purpose] {
        let ids =
            map["purposes"]?.sequence?.compactMap { $0.scalar?.text }
            ?? ["crisis-coordination", "incident-coordination", "threat-intel-sharing"]
        return ids.map { Purpose(id: $0, title: $0) }
    }

    /// The inventory the case describes: `tools:` and `networks:`, or a single `tool:`,
    /// `network:` and `usage:`.
    func inventory() throws -> Inventory {
        let catalogue = try catalogue()
        let types = Dictionary(uniqueKeysWithValues: catalogue.map { ($0.id, $0.type) })
        var tools: [Tool] = []
        if let items = map["tools"]?.sequence {
            tools = try items.map { try CaseModel.tool(try #require($0.mapping), types: types) }
        }
        if let single = singleTool() { tools.append(try CaseModel.tool(single, types: types)) }
        var networks: [Network] = []
        if let items = map["networks"]?.sequence {
            networks = try items.map { try CaseModel.network(try #require($0.mapping)) }
        }
        if map["usage"] != nil || map["network"] != nil {
            var network = try CaseModel.network(map["network"]?.mapping ?? YAMLMapping(at: map.location))
            if let usage = map["usage"]?.mapping {
                network.uses = [try CaseModel.usage(usage, defaultTool: tools.first?.id ?? "t")]
            }
            networks.append(network)
        }
        let sources = (map["sources"]?.sequence ?? []).compactMap { $0.scalar?.text }.map {
            Source(id: $0, title: $0, kind: .official)
        }
        return Inventory(
            title: "case", asOf: asOf, purposes: purposes(), catalogue: catalogue, sources: sources,
            networks: networks, tools: tools)
    }

    /// The case's single tool: `tool:` with `properties:` and `evidence:` beside it at the
    /// case level, or just `properties:`.
    private func singleTool() -> YAMLMapping? {
        guard map["tools"] == nil else { return nil }
        var tool = map["tool"]?.mapping ?? YAMLMapping(at: map.location)
        for key in ["properties", "evidence"] {
            if let entry = map.entry(key), tool.entry(key) == nil { tool.append(entry) }
        }
        return tool
    }
}

/// Builders of model values from case YAML.
enum CaseModel {
    static func type(_ spec: String) throws -> PropertyType {
        let words = spec.split(separator: " ").map(String.init)
        switch words.first {
        case "bool": return .bool
        case "int": return .int
        case "number": return .number
        case "date": return .date
        case "text": return .text
        case "marking": return .marking
        case "enum": return .enumeration(Array(words.dropFirst()))
        case "list":
            try #require(words.count >= 3 && words[1] == "of", "write 'list of <type>'")
            return .list(try type(words.dropFirst(2).joined(separator: " ")))
        default:
            Issue.record("unknown type '\(spec)'")
            return .text
        }
    }

    static func value(_ node: YAMLNode, type: PropertyType) throws -> PropertyValue {
        switch type {
        case .bool:
            guard case .bool(let b)? = node.scalar?.resolved else { throw CaseError("not a bool: \(node)") }
            return .bool(b)
        case .int:
            guard case .int(let n)? = node.scalar?.resolved else { throw CaseError("not an int: \(node)") }
            return .int(n)
        case .number:
            switch node.scalar?.resolved {
            case .int(let n)?: return .number(Double(n))
            case .number(let x)?: return .number(x)
            default: throw CaseError("not a number: \(node)")
            }
        case .date:
            return .date(try #require(node.scalar.flatMap { CalendarDate($0.text) }))
        case .text, .enumeration:
            return .text(try #require(node.scalar?.text))
        case .marking:
            return .marking(try #require(node.scalar.flatMap { Marking($0.text) }, "not a marking: \(node)"))
        case .list(let element):
            let items = try #require(node.sequence, "not a list")
            return .list(try items.map { try value($0, type: element) })
        }
    }

    /// A value in the short form, or `{value, confidence, source, assessed}`.
    static func sourced(_ node: YAMLNode, type: PropertyType) throws -> SourcedValue {
        if let map = node.mapping, let inner = map["value"] {
            var sourced = SourcedValue(try value(inner, type: type))
            if let confidence = map["confidence"]?.scalar?.text {
                sourced.confidence = try #require(Confidence(rawValue: confidence))
            }
            sourced.source = map["source"]?.scalar?.text
            sourced.assessed = map["assessed"]?.scalar.flatMap { CalendarDate($0.text) }
            return sourced
        }
        return SourcedValue(try value(node, type: type))
    }

    static func tool(_ map: YAMLMapping, types: [String: PropertyType]) throws -> Tool {
        var properties: [String: SourcedValue] = [:]
        for entry in map["properties"]?.mapping?.entries ?? [] {
            let type = try #require(types[entry.key], "'\(entry.key)' is not in the case's catalogue")
            properties[entry.key] = try sourced(entry.value, type: type)
        }
        var evidence: [String: SourcedValue] = [:]
        for entry in map["evidence"]?.mapping?.entries ?? [] {
            let type = try #require(
                EvidenceCatalogue.definition(entry.key)?.type, "'\(entry.key)' is not an evidence key")
            var value = try sourced(entry.value, type: type)
            if entry.value.mapping == nil { value.confidence = .verified }
            evidence[entry.key] = value
        }
        let id = map["id"]?.scalar?.text ?? "t"
        return Tool(
            id: id, name: map["name"]?.scalar?.text ?? id, category: map["category"]?.scalar?.text ?? "messenger",
            operator: map["operator"]?.scalar?.text, properties: properties, evidence: evidence)
    }

    static func network(_ map: YAMLMapping) throws -> Network {
        let id = map["id"]?.scalar?.text ?? "n"
        let kind = try #require(Network.Kind(rawValue: map["kind"]?.scalar?.text ?? "civilian"))
        var members: [Member] = []
        if case .int(let count)? = map["members"]?.scalar?.resolved {
            members = (0..<count).map { Member(id: "m\($0)", name: "M\($0)", country: "EU") }
        }
        let uses = try (map["uses"]?.sequence ?? []).map { try usage(try #require($0.mapping), defaultTool: "t") }
        return Network(id: id, name: map["name"]?.scalar?.text ?? id, kind: kind, members: members, uses: uses)
    }

    static func usage(_ map: YAMLMapping, defaultTool: String) throws -> Usage {
        var onboarded: Onboarded?
        if let node = map["onboarded"] {
            if let items = node.sequence {
                onboarded = .members(items.compactMap { $0.scalar?.text })
            } else if case .int(let n)? = node.scalar?.resolved {
                onboarded = .count(n)
            } else if node.scalar?.text == "all" {
                onboarded = .all
            }
        }
        return Usage(
            tool: map["tool"]?.scalar?.text ?? defaultTool,
            purposes: map["purposes"]?.sequence?.compactMap { $0.scalar?.text } ?? [],
            highestTLP: try map["highest_tlp"].map { try #require(Marking($0.scalar?.text ?? "")) },
            highestClassification: try map["highest_classification"].map {
                try #require(Marking($0.scalar?.text ?? ""))
            },
            role: try #require(Usage.Role(rawValue: map["role"]?.scalar?.text ?? "primary")),
            onboarded: onboarded, source: map["source"]?.scalar?.text)
    }
}

struct CaseError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
