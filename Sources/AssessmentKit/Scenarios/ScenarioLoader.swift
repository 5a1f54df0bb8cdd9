import Foundation
import InventoryKit

/// Reads a scenario file through the located YAML layer:
///
/// ```yaml
/// id: eu-cloud-outage
/// title: EU cloud provider outage
/// description: The shared EU cloud region is down for a day.   # optional
/// without: [misp, cerebrate]                                     # tool ids, optional
/// drop_when: "tool.hosting == 'eu-cloud'"                        # a tool rule, optional
/// ```
///
/// At least one of `without` and `drop_when` is needed. Every problem comes back with its
/// `file:line:column`; `drop_when` is only type-checked by `PreparedScenario.prepare`,
/// because its types come from the inventory's catalogue.
public enum ScenarioLoader {
    static let keys = ["id", "title", "description", "without", "drop_when"]

    /// Parses one scenario file. The scenario is nil when there is any error.
    public static func parse(_ data: Data, file: String) -> (Scenario?, [Diagnostic]) {
        let parsed = YAMLDocument.parse(data, file: file)
        let reader = YAMLReader(codePrefix: "scenario")
        reader.append(parsed.diagnostics)
        guard let root = parsed.root, let map = reader.mapping(root, "a scenario") else {
            return (nil, reader.diagnostics.sorted())
        }
        reader.checkKeys(map, allowed: keys, in: "a scenario")
        let what = "the scenario"
        var id = reader.text("id", in: map, of: what, required: true)
        if let text = id, !isIdentifier(text) {
            reader.error(
                "bad-id", "'\(text)' is not a valid scenario id",
                hint: "use lower-case letters, digits, '-' and '_', e.g. eu-cloud-outage", at: map["id"]?.location)
            id = nil
        }
        let title = reader.text("title", in: map, of: what, required: true)
        let description = reader.text("description", in: map, of: what)
        var without: [String] = []
        var locations: [String: SourceLocation] = [:]
        if let node = reader.field("without", in: map, of: what),
            let items = reader.textList(node, "'without' of \(what)")
        {
            for item in items where locations[item.text] == nil {
                without.append(item.text)
                locations[item.text] = item.location
            }
        }
        var dropWhen: RuleText?
        if let node = reader.field("drop_when", in: map, of: what) {
            if node.scalar != nil {
                dropWhen = RuleText(scalar: node, source: String(decoding: data, as: UTF8.self))
            } else {
                reader.wrongType(
                    node, "'drop_when' of \(what)", expected: "a rule (text)",
                    hint: "quote the rule: drop_when: \"tool.hosting == 'eu-cloud'\"")
            }
        }
        if map["without"] == nil && map["drop_when"] == nil {
            reader.error(
                "nothing-dropped", "the scenario drops no tool",
                hint: "add without: [tool ids], drop_when: \"<rule over tool properties>\", or both",
                at: map.location)
        }
        guard !reader.hasErrors, let id, let title else { return (nil, reader.diagnostics.sorted()) }
        let scenario = Scenario(
            id: id, title: title, description: description, without: without, dropWhen: dropWhen,
            location: root.location, toolLocations: locations)
        return (scenario, reader.diagnostics.sorted())
    }

    /// Parses one scenario from text (tests).
    public static func parse(_ text: String, file: String) -> (Scenario?, [Diagnostic]) {
        parse(Data(text.utf8), file: file)
    }

    private static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first != "-", first != "_", first != "." else { return false }
        return text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        }
    }
}
