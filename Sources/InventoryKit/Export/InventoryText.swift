/// The inventory as plain-text tables for a terminal: `commsmap inventory list` and
/// `inventory show`.
public enum InventoryText {
    /// Networks, tools and usages as aligned tables.
    public static func listing(_ inventory: Inventory) -> String {
        var out = "\(inventory.title) (as of \(inventory.asOf))\n\n"
        out += "Networks (\(inventory.networks.count))\n"
        out += table(
            inventory.networks.map { network in
                [
                    network.id, network.name, network.kind.rawValue, count(network.members.count, "member"),
                    count(network.uses.count, "usage"),
                ]
            })
        out += "\nTools (\(inventory.tools.count))\n"
        out += table(
            inventory.tools.map { tool in
                [
                    tool.id, tool.name, tool.category, tool.operator ?? "-",
                    "\(tool.properties.count)/\(inventory.catalogue.count) properties known",
                ]
            })
        let usages = inventory.usages
        out += "\nUsages (\(usages.count))\n"
        out += table(
            usages.map { pair in
                let usage = pair.usage
                return [
                    "\(pair.network.id) → \(usage.tool)", usage.role.rawValue, usage.purposes.joined(separator: ", "),
                    [usage.highestTLP?.description, usage.highestClassification?.description].compactMap { $0 }
                        .joined(separator: " "),
                ]
            })
        return out
    }

    /// A tool: its fields, every catalogued property (known or not) with source and
    /// confidence, its exercise evidence, and who uses it.
    public static func tool(_ tool: Tool, in inventory: Inventory) -> String {
        var out = "Tool \(tool.id): \(tool.name)\n"
        var fields: [[String]] = [["category", tool.category]]
        if let value = tool.operator { fields.append(["operator", value]) }
        if let value = tool.url { fields.append(["url", value]) }
        if let value = tool.note { fields.append(["note", value]) }
        if let location = tool.location { fields.append(["defined at", location.description]) }
        out += table(fields)
        out += "\nProperties (\(tool.properties.count) of \(inventory.catalogue.count) known)\n"
        out += table(
            inventory.catalogue.map { definition in
                guard let value = tool.properties[definition.id] else {
                    return [definition.id, "unknown", "", ""]
                }
                return [definition.id] + describe(value)
            })
        if !tool.evidence.isEmpty {
            out += "\nExercise evidence\n"
            out += table(
                EvidenceCatalogue.definitions.compactMap { definition in
                    tool.evidence[definition.id].map { [definition.id] + describe($0) }
                })
        }
        let usedBy = inventory.usages.filter { $0.usage.tool == tool.id }
        out += "\nUsed by (\(usedBy.count))\n"
        out += table(usedBy.map { usageRow($0.usage, network: $0.network.id) })
        return out
    }

    /// A network: its fields, members and usages.
    public static func network(_ network: Network) -> String {
        var out = "Network \(network.id): \(network.name)\n"
        var fields: [[String]] = [["kind", network.kind.rawValue]]
        if let value = network.legalBasis { fields.append(["legal basis", value]) }
        if let value = network.source { fields.append(["source", value]) }
        if let value = network.note { fields.append(["note", value]) }
        if let location = network.location { fields.append(["defined at", location.description]) }
        out += table(fields)
        out += "\nMembers (\(network.members.count))\n"
        out += table(network.members.map { [$0.id, $0.name, $0.country] })
        out += "\nUsages (\(network.uses.count))\n"
        out += table(network.uses.map { usageRow($0, network: nil) })
        return out
    }

    private static func usageRow(_ usage: Usage, network: String?) -> [String] {
        let onboarded: String
        switch usage.onboarded {
        case nil: onboarded = "onboarded: unknown"
        case .all?: onboarded = "onboarded: all"
        case .count(let n)?: onboarded = "onboarded: \(n)"
        case .members(let ids)?: onboarded = "onboarded: " + ids.joined(separator: ", ")
        }
        return [
            network ?? usage.tool, usage.role.rawValue, usage.purposes.joined(separator: ", "),
            [usage.highestTLP?.description, usage.highestClassification?.description].compactMap { $0 }
                .joined(separator: " "),
            onboarded,
            usage.source.map { "source: \($0)" } ?? "no source",
            "confidence: \((usage.confidence ?? .unverified).rawValue)",
        ]
    }

    /// Value, source, and confidence (with assessed date and note).
    private static func describe(_ value: SourcedValue) -> [String] {
        var provenance = "confidence: \(value.confidence.rawValue)"
        if let assessed = value.assessed { provenance += ", assessed \(assessed)" }
        if let note = value.note { provenance += " (\(note))" }
        return [value.value.description, value.source.map { "source: \($0)" } ?? "no source", provenance]
    }

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// Left-aligned columns, two spaces apart, indented by two; no trailing spaces.
    static func table(_ rows: [[String]]) -> String {
        guard !rows.isEmpty else { return "  (none)\n" }
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        var out = ""
        for row in rows {
            var line = " "
            for (index, cell) in row.enumerated() {
                line += " " + cell
                if index < row.count - 1 { line += String(repeating: " ", count: widths[index] - cell.count + 1) }
            }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
