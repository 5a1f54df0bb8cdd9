import AssessmentKit
import InventoryKit

/// The output formats of `commsmap diff`.
public enum DiffFormat: String, Sendable, CaseIterable {
    case text, json, md
}

/// Formats an `InventoryDiff` for `commsmap diff`: text for a terminal, JSON (sorted keys,
/// versioned) and Markdown. Only formatting happens here; kept apart from the comparison
/// so that ReportKit can reuse or move it.
public struct InventoryDiffRenderer {
    /// The `schema` field of the JSON output.
    public static let jsonSchema = "commsmap.diff/1"

    public let format: DiffFormat
    /// How to name the two sides: directories, or `REV:path`.
    public let beforeLabel: String
    public let afterLabel: String

    public init(format: DiffFormat, before: String, after: String) {
        self.format = format
        beforeLabel = before
        afterLabel = after
    }

    public func render(_ diff: InventoryDiff) -> String {
        switch format {
        case .text: return text(diff)
        case .json: return CoverageRenderer.jsonText(json(diff))
        case .md: return markdown(diff)
        }
    }

    // MARK: Shared wording

    /// `true (source misp-repo, verified, assessed 2026-10-01)`, or `not stated`.
    static func describe(_ value: SourcedValue?) -> String {
        guard let value else { return "not stated" }
        var provenance = [value.source.map { "source \($0)" } ?? "no source", value.confidence.rawValue]
        if let assessed = value.assessed { provenance.append("assessed \(assessed)") }
        return "\(value.value) (\(provenance.joined(separator: ", ")))"
    }

    /// `"a" -> "b"`, `absent -> "b"`.
    static func describe(_ change: InventoryDiff.FieldChange) -> String {
        func side(_ text: String?) -> String { text.map { "'\($0)'" } ?? "absent" }
        return "\(side(change.before)) -> \(side(change.after))"
    }

    static func describe(_ change: InventoryDiff.VerdictChange) -> String {
        func side(_ verdict: Verdict?, _ score: Percentage?) -> String {
            guard let verdict else { return "not judged" }
            return "\(verdict) (\(score?.description ?? "?"))"
        }
        return "\(side(change.before, change.beforeScore)) -> \(side(change.after, change.afterScore))"
    }

    /// `evaluated as of 2026-11-01`, or `as of 2026-11-01 and 2026-12-01` when the sides
    /// were evaluated on different days.
    static func dates(_ diff: InventoryDiff) -> String {
        guard let before = diff.before.evaluatedOn, let after = diff.after.evaluatedOn else { return "" }
        return before == after ? "as of \(before)" : "as of \(before) and \(after)"
    }

    // MARK: Text

    private func text(_ diff: InventoryDiff) -> String {
        var out =
            "Inventory diff: \(beforeLabel) (as_of \(diff.before.asOf)) -> \(afterLabel) (as_of \(diff.after.asOf))\n"
        if !diff.added.isEmpty {
            out += "\nAdded:\n"
            for entity in diff.added { out += "  + \(entity.kind.rawValue) \(entity.id)\n" }
        }
        if !diff.removed.isEmpty {
            out += "\nRemoved:\n"
            for entity in diff.removed { out += "  - \(entity.kind.rawValue) \(entity.id)\n" }
        }
        if !diff.fieldChanges.isEmpty {
            out += "\nChanged:\n"
            for change in diff.fieldChanges {
                let subject = change.kind == .inventory ? "inventory" : "\(change.kind.rawValue) \(change.id)"
                out += "  ~ \(subject): \(change.field): \(InventoryDiffRenderer.describe(change))\n"
            }
        }
        if !diff.propertyChanges.isEmpty {
            out += "\nProperty values:\n"
            for change in diff.propertyChanges {
                let mark = change.before == nil ? "+" : change.after == nil ? "-" : "~"
                out +=
                    "  \(mark) tool \(change.tool): \(change.property): \(InventoryDiffRenderer.describe(change.before)) -> \(InventoryDiffRenderer.describe(change.after))"
                if let location = change.after?.location ?? change.before?.location { out += " at \(location)" }
                out += "\n"
            }
        }
        if diff.policies.isEmpty {
            out += "\nVerdicts and coverage: not compared (no policy)\n"
        } else {
            out +=
                "\nVerdicts (\(diff.policies.joined(separator: ", ")); \(InventoryDiffRenderer.dates(diff))):\(diff.verdictChanges.isEmpty ? " no change" : "")\n"
            for change in diff.verdictChanges {
                out += "  ~ \(change.policy) \(change.subject): \(InventoryDiffRenderer.describe(change))\n"
            }
            out += "\nCoverage:\(diff.coverage.cells.isEmpty ? " no change" : "")\n"
            for change in diff.coverage.cells {
                out +=
                    "  ~ \(change.id): \(CoverageRenderer.describe(change.before)) -> \(CoverageRenderer.describe(change.after))\(change.isWorse ? " (worse)" : "")\n"
            }
            out += "\nInteroperability:\(diff.coverage.pairs.isEmpty ? " no change" : "")\n"
            for change in diff.coverage.pairs {
                out +=
                    "  ~ \(change.purpose)  \(change.first) and \(change.second): \(CoverageRenderer.describe(change))\n"
            }
        }
        out +=
            diff.isEmpty
            ? "\nNo changes.\n" : "\n\(CoverageRenderer.count(diff.changeCount, "change")).\n"
        return out
    }

    // MARK: JSON

    private func json(_ diff: InventoryDiff) -> JSONValue {
        func side(_ side: InventoryDiff.Side, _ label: String) -> JSONValue {
            .object([
                ("as_of", .string(side.asOf.description)),
                ("evaluated_on", side.evaluatedOn.map { .string($0.description) } ?? .null),
                ("label", .string(label)), ("title", .string(side.title)),
            ])
        }
        func entity(_ entity: InventoryDiff.Entity) -> JSONValue {
            .object([("id", .string(entity.id)), ("kind", .string(entity.kind.rawValue))])
        }
        func value(_ value: SourcedValue?) -> JSONValue {
            guard let value else { return .null }
            return .object([
                ("assessed", value.assessed.map { .string($0.description) } ?? .null),
                ("confidence", .string(value.confidence.rawValue)),
                ("location", value.location.map { .string($0.description) } ?? .null),
                ("source", value.source.map(JSONValue.string) ?? .null),
                ("value", AssessmentRenderer.json(RuleValue(value.value))),
            ])
        }
        return .object([
            ("added", .array(diff.added.map(entity))),
            ("after", side(diff.after, afterLabel)),
            ("before", side(diff.before, beforeLabel)),
            ("changes", .number(diff.changeCount)),
            ("coverage_changes", .array(diff.coverage.cells.map(CoverageRenderer.json))),
            (
                "field_changes",
                .array(
                    diff.fieldChanges.map {
                        .object([
                            ("after", $0.after.map(JSONValue.string) ?? .null),
                            ("before", $0.before.map(JSONValue.string) ?? .null), ("field", .string($0.field)),
                            ("id", .string($0.id)), ("kind", .string($0.kind.rawValue)),
                        ])
                    })
            ),
            ("interoperability_changes", .array(diff.coverage.pairs.map(CoverageRenderer.json))),
            ("policies", .array(diff.policies.map(JSONValue.string))),
            (
                "property_changes",
                .array(
                    diff.propertyChanges.map {
                        .object([
                            ("after", value($0.after)), ("before", value($0.before)),
                            ("property", .string($0.property)), ("tool", .string($0.tool)),
                        ])
                    })
            ),
            ("removed", .array(diff.removed.map(entity))),
            ("schema", .string(InventoryDiffRenderer.jsonSchema)),
            (
                "verdict_changes",
                .array(
                    diff.verdictChanges.map {
                        .object([
                            ("after", $0.after.map { .string($0.rawValue) } ?? .null),
                            ("after_score", $0.afterScore.map(JSONValue.percentage) ?? .null),
                            ("before", $0.before.map { .string($0.rawValue) } ?? .null),
                            ("before_score", $0.beforeScore.map(JSONValue.percentage) ?? .null),
                            ("policy", .string($0.policy)), ("subject", .string($0.subject)),
                        ])
                    })
            ),
        ])
    }

    // MARK: Markdown

    private func markdown(_ diff: InventoryDiff) -> String {
        let escape = AssessmentRenderer.markdownEscape
        var out = "# Inventory diff\n\n"
        out +=
            "`\(beforeLabel)` (as_of \(diff.before.asOf)) → `\(afterLabel)` (as_of \(diff.after.asOf)): "
            + (diff.isEmpty ? "no changes.\n" : "\(CoverageRenderer.count(diff.changeCount, "change")).\n")
        if !diff.added.isEmpty || !diff.removed.isEmpty {
            out += "\n## Added and removed\n\n| | Kind | Id |\n|---|---|---|\n"
            for entity in diff.added { out += "| added | \(entity.kind.rawValue) | `\(entity.id)` |\n" }
            for entity in diff.removed { out += "| removed | \(entity.kind.rawValue) | `\(entity.id)` |\n" }
        }
        if !diff.fieldChanges.isEmpty {
            out += "\n## Changed fields\n\n| Kind | Id | Field | Before | After |\n|---|---|---|---|---|\n"
            for change in diff.fieldChanges {
                out +=
                    "| \(change.kind.rawValue) | `\(change.id)` | `\(change.field)` | \(escape(change.before ?? "absent")) | \(escape(change.after ?? "absent")) |\n"
            }
        }
        if !diff.propertyChanges.isEmpty {
            out += "\n## Property values\n\n| Tool | Property | Before | After |\n|---|---|---|---|\n"
            for change in diff.propertyChanges {
                out +=
                    "| `\(change.tool)` | `\(change.property)` | \(escape(InventoryDiffRenderer.describe(change.before))) | \(escape(InventoryDiffRenderer.describe(change.after))) |\n"
            }
        }
        if diff.policies.isEmpty {
            out += "\nVerdicts and coverage were not compared (no policy).\n"
            return out
        }
        out +=
            "\n## Verdicts\n\nPolicies \(diff.policies.map { "`\($0)`" }.joined(separator: ", ")), \(InventoryDiffRenderer.dates(diff)).\n\n"
        if diff.verdictChanges.isEmpty {
            out += "No change.\n"
        } else {
            out += "| Policy | Subject | Before | After |\n|---|---|---|---|\n"
            for change in diff.verdictChanges {
                let parts = InventoryDiffRenderer.describe(change).components(separatedBy: " -> ")
                out += "| `\(change.policy)` | `\(change.subject)` | \(parts.first ?? "") | \(parts.last ?? "") |\n"
            }
        }
        out += "\n## Coverage\n\n"
        if diff.coverage.cells.isEmpty {
            out += "No change.\n"
        } else {
            out += CoverageRenderer.markdownTable(diff.coverage.cells)
        }
        if !diff.coverage.pairs.isEmpty {
            out += "\n## Interoperability\n\n" + CoverageRenderer.markdownTable(diff.coverage.pairs)
        }
        return out
    }
}
