import AssessmentKit
import InventoryKit

/// The output formats of `commsmap coverage`.
public enum CoverageFormat: String, Sendable, CaseIterable {
    case text, json, md, csv
}

/// Formats a `CoverageReport` for `commsmap coverage`: text for a terminal, JSON (sorted
/// keys, versioned), Markdown, and CSV (the cell table).
///
/// Only formatting happens here: statuses, counts, shares and orders come from the
/// report, so all formats agree. Kept apart from the coverage model so that ReportKit
/// can reuse or move it.
public struct CoverageRenderer {
    /// The `schema` field of the JSON output.
    public static let jsonSchema = "commsmap.coverage/1"

    public let format: CoverageFormat

    public init(format: CoverageFormat) {
        self.format = format
    }

    /// Renders the report, calling `emit` with consecutive pieces of output.
    public func render(_ report: CoverageReport, emit: (String) -> Void) {
        switch format {
        case .text: renderText(report, emit: emit)
        case .json: emit(CoverageRenderer.jsonText(CoverageRenderer.json(report)))
        case .md: renderMarkdown(report, emit: emit)
        case .csv: renderCSV(report, emit: emit)
        }
    }

    /// Renders to one string.
    public func render(_ report: CoverageReport) -> String {
        var out = ""
        render(report) { out += $0 }
        return out
    }

    // MARK: Shared wording

    static func count(_ n: Int, _ noun: String) -> String { AssessmentRenderer.count(n, noun) }

    /// `2 tools, 2 operators`.
    static func describe(_ target: CoverageTarget) -> String {
        "\(count(target.minTools, "tool")), \(count(target.minOperators, "operator"))"
    }

    /// `covered`, `incomplete (gap to covered)`, `none` for a cell that is not there.
    static func describe(_ status: CoverageStatus?) -> String { status?.description ?? "none" }

    /// `12 cells: 3 covered, 1 single-point, …` in a fixed order of statuses.
    static func summary(_ matrix: CoverageMatrix) -> String {
        let counts = matrix.statusCounts
        let parts = statusOrder.map { "\(counts[$0] ?? 0) \($0)" }
        return "\(count(matrix.cells.count, "cell")): " + parts.joined(separator: ", ")
    }

    static let statusOrder = ["covered", "below-target", "single-point", "gap", "incomplete", "no-policy"]

    /// `meets (crisis: meets 100.0; red: incomplete 50.0)`, `not judged`.
    static func verdictText(_ usage: CoverageUsage) -> String {
        guard let verdict = usage.verdict else { return "not judged by any policy here" }
        let each = usage.verdicts.map { "\($0.policy): \($0.verdict) \($0.score)" }.joined(separator: "; ")
        return "\(verdict) (\(each))"
    }

    /// `a, b (2 tools; operators op1, op2)`, or `none`.
    static func describe(_ count: CoverageCount) -> String {
        guard !count.tools.isEmpty else { return "none" }
        var text = count.tools.joined(separator: ", ") + " (" + CoverageRenderer.count(count.tools.count, "tool")
        if !count.operators.isEmpty { text += "; operators " + count.operators.joined(separator: ", ") }
        if !count.toolsWithoutOperator.isEmpty {
            text += "; no operator stated for " + count.toolsWithoutOperator.joined(separator: ", ")
        }
        return text + ")"
    }

    /// The tools that meet only in the best case.
    static func possible(_ cell: CoverageCell) -> [String] {
        let sure = Set(cell.worst.tools)
        return cell.best.tools.filter { !sure.contains($0) }
    }

    /// `a, b`, or `none`.
    static func list(_ items: [String]) -> String { items.isEmpty ? "none" : items.joined(separator: ", ") }

    static func describe(_ change: InteroperabilityChange) -> String {
        func side(_ state: InteroperabilityPair.State, _ tools: [String]) -> String {
            state == .none ? "none" : "\(state.rawValue) (\(tools.joined(separator: ", ")))"
        }
        return "\(side(change.before, change.beforeTools)) -> \(side(change.after, change.afterTools))"
    }

    /// `Dropped 3 tools (2 used in the cells shown): 1 listed, …`, without a full stop:
    /// the text and Markdown scenarios say the same, each in its own layout.
    static func dropped(_ outcome: ScenarioOutcome) -> String {
        "Dropped \(count(outcome.dropped.count, "tool")) (\(outcome.droppedInUse.count) used in the cells shown): \(outcome.count(.listed)) listed, \(outcome.count(.rule)) where drop_when holds, \(outcome.count(.unknown)) where drop_when is unknown (counted as dropped)"
    }

    static func reasonText(_ reason: DropReason) -> String {
        switch reason {
        case .listed: return "listed"
        case .rule: return "drop_when holds"
        case .unknown: return "drop_when is unknown, counted as dropped"
        }
    }

    // MARK: Text

    private func renderText(_ report: CoverageReport, emit: (String) -> Void) {
        let matrix = report.baseline
        var out = "Coverage as of \(matrix.asOf)\n"
        if matrix.policies.isEmpty {
            out += "No usage policy: every purpose is no-policy.\n"
        } else {
            out += "Usage policies (what covered means):\n"
            for policy in matrix.policies {
                let stated = policy.targetStated ? "" : " (no coverage: in the policy, the default)"
                out +=
                    "  \(policy.id): \(policy.title); covered with \(CoverageRenderer.describe(policy.target))\(stated)\n"
            }
        }
        out += CoverageRenderer.summary(matrix) + "\n"
        emit(out)

        var cellsByNetwork: [String: [CoverageCell]] = [:]
        for cell in matrix.cells { cellsByNetwork[cell.network, default: []].append(cell) }
        for network in matrix.networks {
            var block =
                "\n\(network.id)  \(network.name) (\(network.kind.rawValue), \(CoverageRenderer.count(network.members, "member")) listed)\n"
            for cell in cellsByNetwork[network.id] ?? [] { block += CoverageRenderer.textCell(cell) }
            emit(block)
        }

        var pairs = "\nInteroperability: network pairs that share a tool meeting the policy\n"
        if matrix.pairs.isEmpty { pairs += "  none\n" }
        for pair in matrix.pairs {
            pairs += "  \(pair.purpose)  \(pair.first) and \(pair.second): "
            var parts: [String] = []
            if !pair.tools.isEmpty { parts.append(pair.tools.joined(separator: ", ")) }
            if !pair.possibleTools.isEmpty {
                parts.append("possible with \(pair.possibleTools.joined(separator: ", ")) if unknown values pass")
            }
            pairs += parts.joined(separator: "; ") + "\n"
        }
        emit(pairs)

        for outcome in report.scenarios { emit(CoverageRenderer.textScenario(outcome)) }
    }

    static func textCell(_ cell: CoverageCell) -> String {
        var out = "  \(cell.purpose)  \(cell.status.label.uppercased())"
        if case .incomplete(let worst, let best) = cell.status { out += " (\(worst) to \(best))" }
        if let target = cell.target {
            out += "  target \(describe(target)) (\(cell.policies.joined(separator: ", ")))\n"
            out += "    meets: \(describe(cell.worst))\n"
            let possible = possible(cell)
            if !possible.isEmpty { out += "    may meet (unknown values): \(possible.joined(separator: ", "))\n" }
        } else {
            out += "  no usage policy judges these usages\n"
        }
        for usage in cell.usages {
            let removed = usage.removed ? " [removed]" : ""
            let operatorText = usage.operator ?? "operator not stated"
            out +=
                "    - \(usage.tool) (\(operatorText), \(usage.role.rawValue))\(removed): \(verdictText(usage)); onboarded \(usage.onboarding.summary)\n"
        }
        return out
    }

    static func textScenario(_ outcome: ScenarioOutcome) -> String {
        let scenario = outcome.scenario
        var out = "\nScenario \(scenario.id): \(scenario.title)\n"
        if let description = scenario.description { out += "  \(description)\n" }
        out += "  \(dropped(outcome))\n"
        let used = Set(outcome.droppedInUse)
        for reason in DropReason.allCases {
            let tools = outcome.dropped.filter { $0.reason == reason && used.contains($0.tool) }
            guard !tools.isEmpty else { continue }
            out += "  \(reasonText(reason)):\n"
            for tool in tools {
                let facts = tool.facts.map(AssessmentRenderer.describe).joined(separator: "; ")
                out += "    - \(tool.tool)\(facts.isEmpty ? "" : ": \(facts)")\n"
            }
        }
        out += "  Coverage without them: \(summary(outcome.coverage))\n"
        let breaks = outcome.breaks
        if breaks.isEmpty {
            out += "  Breaks nothing in the cells shown.\n"
        } else {
            out += "  Breaks \(count(breaks.count, "cell")):\n"
            out += textChanges(breaks)
        }
        let others = outcome.comparison.cells.filter { !$0.isWorse }
        if !others.isEmpty {
            out += "  Other status changes:\n"
            out += textChanges(others)
        }
        let lost = outcome.lostPairs
        if lost.isEmpty {
            out += "  Interoperability lost: none\n"
        } else {
            out += "  Interoperability lost (\(count(lost.count, "pair"))):\n"
            for change in lost {
                out += "    - \(change.purpose)  \(change.first) and \(change.second): \(describe(change))\n"
            }
        }
        return out
    }

    /// `    - net/purpose: covered -> gap`, a line for each cell a scenario changes.
    static func textChanges(_ changes: [CoverageChange]) -> String {
        changes.map { "    - \($0.id): \(describe($0.before)) -> \(describe($0.after))\n" }.joined()
    }

    // MARK: JSON

    static func json(_ report: CoverageReport) -> JSONValue {
        .object([
            ("as_of", .string(report.baseline.asOf.description)),
            ("coverage", json(report.baseline)),
            ("scenarios", .array(report.scenarios.map(json))),
            ("schema", .string(jsonSchema)),
        ])
    }

    static func jsonText(_ value: JSONValue) -> String {
        var bytes: [UInt8] = []
        value.write(to: &bytes)
        bytes.append(UInt8(ascii: "\n"))
        return String(decoding: bytes, as: UTF8.self)
    }

    static func json(_ matrix: CoverageMatrix) -> JSONValue {
        .object([
            ("cells", .array(matrix.cells.map(json))),
            (
                "networks",
                .array(
                    matrix.networks.map {
                        .object([
                            ("id", .string($0.id)), ("kind", .string($0.kind.rawValue)),
                            ("members", .number($0.members)), ("name", .string($0.name)),
                        ])
                    })
            ),
            ("pairs", .array(matrix.pairs.map(json))),
            (
                "policies",
                .array(
                    matrix.policies.map {
                        .object([
                            ("id", .string($0.id)), ("min_operators", .number($0.target.minOperators)),
                            ("min_tools", .number($0.target.minTools)), ("target_stated", .bool($0.targetStated)),
                            ("title", .string($0.title)),
                        ])
                    })
            ),
            (
                "purposes",
                .array(matrix.purposes.map { .object([("id", .string($0.id)), ("title", .string($0.title))]) })
            ),
            ("removed_tools", .array(matrix.removedTools.map(JSONValue.string))),
            ("summary", jsonSummary(matrix)),
        ])
    }

    /// The count of cells in each status, every status present (0 when none), as the
    /// `summary` of the baseline and of each scenario.
    static func jsonSummary(_ matrix: CoverageMatrix) -> JSONValue {
        let counts = matrix.statusCounts
        return .object(statusOrder.map { ($0, .number(counts[$0] ?? 0)) })
    }

    static func json(_ count: CoverageCount) -> JSONValue {
        .object([
            ("operators", .array(count.operators.map(JSONValue.string))),
            ("tools", .array(count.tools.map(JSONValue.string))),
            ("tools_without_operator", .array(count.toolsWithoutOperator.map(JSONValue.string))),
        ])
    }

    static func json(_ status: CoverageStatus?) -> [(String, JSONValue)] {
        [
            ("status", status.map { .string($0.label) } ?? .null),
            ("worst", status?.worst.map { .string($0.rawValue) } ?? .null),
            ("best", status?.best.map { .string($0.rawValue) } ?? .null),
        ]
    }

    static func json(_ cell: CoverageCell) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("best_case", json(cell.best)),
            ("network", .string(cell.network)),
            ("policies", .array(cell.policies.map(JSONValue.string))),
            ("purpose", .string(cell.purpose)),
            (
                "target",
                cell.target.map {
                    .object([("min_operators", .number($0.minOperators)), ("min_tools", .number($0.minTools))])
                } ?? .null
            ),
            ("usages", .array(cell.usages.map(json))),
            ("worst_case", json(cell.worst)),
        ]
        members += json(cell.status)
        return .object(members)
    }

    static func json(_ usage: CoverageUsage) -> JSONValue {
        let onboarding = usage.onboarding
        var onboarded: [(String, JSONValue)] = [
            ("basis", .string(onboarding.basis.rawValue)),
            ("listed", .number(onboarding.listed)),
            ("members", onboarding.members.map { .number($0) } ?? .null),
            ("share", onboarding.share.map(JSONValue.percentage) ?? .null),
        ]
        if onboarding.basis == .list {
            onboarded.append(("member_ids", .array(onboarding.memberIDs.map(JSONValue.string))))
        }
        return .object([
            ("name", .string(usage.toolName)),
            ("onboarded", .object(onboarded)),
            ("operator", usage.operator.map(JSONValue.string) ?? .null),
            ("removed", .bool(usage.removed)),
            ("role", .string(usage.role.rawValue)),
            ("tool", .string(usage.tool)),
            ("verdict", usage.verdict.map { .string($0.rawValue) } ?? .null),
            ("verdicts", .array(usage.verdicts.map(json))),
        ])
    }

    /// `{"policy", "score", "verdict"}`: a usage's verdict under one policy, here and in
    /// the report's JSON, which spells it the same way.
    static func json(_ verdict: PolicyVerdict) -> JSONValue {
        .object([
            ("policy", .string(verdict.policy)), ("score", .percentage(verdict.score)),
            ("verdict", .string(verdict.verdict.rawValue)),
        ])
    }

    static func json(_ pair: InteroperabilityPair) -> JSONValue {
        .object([
            ("networks", .array([.string(pair.first), .string(pair.second)])),
            ("possible_tools", .array(pair.possibleTools.map(JSONValue.string))),
            ("purpose", .string(pair.purpose)),
            ("state", .string(pair.state.rawValue)),
            ("tools", .array(pair.tools.map(JSONValue.string))),
        ])
    }

    static func json(_ change: CoverageChange) -> JSONValue {
        .object([
            ("after", .object(json(change.after))),
            ("before", .object(json(change.before))),
            ("network", .string(change.network)),
            ("purpose", .string(change.purpose)),
            ("worse", .bool(change.isWorse)),
        ])
    }

    static func json(_ change: InteroperabilityChange) -> JSONValue {
        .object([
            ("after", .string(change.after.rawValue)),
            ("after_tools", .array(change.afterTools.map(JSONValue.string))),
            ("before", .string(change.before.rawValue)),
            ("before_tools", .array(change.beforeTools.map(JSONValue.string))),
            ("loss", .bool(change.isLoss)),
            ("networks", .array([.string(change.first), .string(change.second)])),
            ("purpose", .string(change.purpose)),
        ])
    }

    static func json(_ outcome: ScenarioOutcome) -> JSONValue {
        .object([
            ("changes", .array(outcome.comparison.cells.map(json))),
            ("description", outcome.scenario.description.map(JSONValue.string) ?? .null),
            (
                "dropped",
                .array(
                    outcome.dropped.map {
                        .object([
                            ("facts", .array($0.facts.map(AssessmentRenderer.json))),
                            ("reason", .string($0.reason.rawValue)), ("tool", .string($0.tool)),
                        ])
                    })
            ),
            ("dropped_in_use", .array(outcome.droppedInUse.map(JSONValue.string))),
            ("drop_when", outcome.scenario.dropWhen.map { .string($0.text) } ?? .null),
            ("id", .string(outcome.scenario.id)),
            ("interoperability_changes", .array(outcome.comparison.pairs.map(json))),
            ("summary", jsonSummary(outcome.coverage)),
            ("title", .string(outcome.scenario.title)),
            ("without", .array(outcome.scenario.without.map(JSONValue.string))),
        ])
    }

    // MARK: Markdown

    private func renderMarkdown(_ report: CoverageReport, emit: (String) -> Void) {
        let escape = AssessmentRenderer.markdownEscape
        let matrix = report.baseline
        var out = "# Coverage as of \(matrix.asOf)\n\n"
        if matrix.policies.isEmpty {
            out += "No usage policy: every purpose is no-policy.\n\n"
        } else {
            out += "| Usage policy | Title | Covered with |\n|---|---|---|\n"
            for policy in matrix.policies {
                let stated = policy.targetStated ? "" : " (default)"
                out +=
                    "| `\(policy.id)` | \(escape(policy.title)) | \(CoverageRenderer.describe(policy.target))\(stated) |\n"
            }
            out += "\n"
        }
        out += CoverageRenderer.summary(matrix) + ".\n\n"
        out += "| Network | Purpose | Status | Meets | May meet | Target | Usages |\n"
        out += "|---|---|---|---|---|---|---|\n"
        emit(out)
        for cell in matrix.cells {
            let usages = cell.usages.map { usage -> String in
                let verdict = usage.verdict?.rawValue ?? "not judged"
                let removed = usage.removed ? ", removed" : ""
                return "\(usage.tool) (\(verdict)\(removed); onboarded \(usage.onboarding.summary))"
            }
            let target =
                cell.target.map { "\(CoverageRenderer.describe($0)) (\(cell.policies.joined(separator: ", ")))" }
                ?? "no policy"
            emit(
                "| `\(cell.network)` | `\(cell.purpose)` | \(escape(cell.status.description)) | \(escape(CoverageRenderer.list(cell.worst.tools))) | \(escape(CoverageRenderer.list(CoverageRenderer.possible(cell)))) | \(escape(target)) | \(escape(usages.joined(separator: "; "))) |\n"
            )
        }

        var pairs = "\n## Interoperability\n\nNetwork pairs that share a tool meeting the policy for a purpose.\n\n"
        if matrix.pairs.isEmpty {
            pairs += "None.\n"
        } else {
            pairs += "| Purpose | Networks | Shared meeting tools | Possible if unknowns pass |\n|---|---|---|---|\n"
            for pair in matrix.pairs {
                pairs +=
                    "| `\(pair.purpose)` | `\(pair.first)`, `\(pair.second)` | \(escape(CoverageRenderer.list(pair.tools))) | \(escape(CoverageRenderer.list(pair.possibleTools))) |\n"
            }
        }
        emit(pairs)

        for outcome in report.scenarios {
            let scenario = outcome.scenario
            var section = "\n## Scenario `\(scenario.id)`: \(escape(scenario.title))\n\n"
            if let description = scenario.description { section += escape(description) + "\n\n" }
            section += "\(CoverageRenderer.dropped(outcome)).\n\n"
            let used = Set(outcome.droppedInUse)
            let shown = outcome.dropped.filter { used.contains($0.tool) }
            if !shown.isEmpty {
                section += "| Dropped tool in use | Why | Values |\n|---|---|---|\n"
                for tool in shown {
                    let facts = tool.facts.map(AssessmentRenderer.describe).joined(separator: "; ")
                    section +=
                        "| `\(tool.tool)` | \(CoverageRenderer.reasonText(tool.reason)) | \(escape(facts)) |\n"
                }
                section += "\n"
            }
            section += "Coverage without them: \(CoverageRenderer.summary(outcome.coverage)).\n\n"
            if outcome.comparison.cells.isEmpty {
                section += "Breaks nothing in the cells shown.\n\n"
            } else {
                section += CoverageRenderer.markdownTable(outcome.comparison.cells) + "\n"
            }
            if outcome.comparison.pairs.isEmpty {
                section += "Interoperability lost: none.\n"
            } else {
                section += CoverageRenderer.markdownTable(outcome.comparison.pairs)
            }
            emit(section)
        }
    }

    /// The Markdown table of the cells whose status changed, for a scenario here and for
    /// `commsmap diff`, which reports coverage changes the same way.
    static func markdownTable(_ changes: [CoverageChange]) -> String {
        let escape = AssessmentRenderer.markdownEscape
        var out = "| Network | Purpose | Before | After | Worse |\n|---|---|---|---|---|\n"
        for change in changes {
            out +=
                "| `\(change.network)` | `\(change.purpose)` | \(escape(describe(change.before))) | \(escape(describe(change.after))) | \(change.isWorse ? "yes" : "no") |\n"
        }
        return out
    }

    /// The Markdown table of the network pairs whose interoperability changed (scenarios
    /// and `commsmap diff`).
    static func markdownTable(_ changes: [InteroperabilityChange]) -> String {
        var out = "| Purpose | Networks | Link |\n|---|---|---|\n"
        for change in changes {
            out +=
                "| `\(change.purpose)` | `\(change.first)`, `\(change.second)` | \(AssessmentRenderer.markdownEscape(describe(change))) |\n"
        }
        return out
    }

    // MARK: CSV

    /// The CSV header, in column order. Baseline rows have an empty `scenario`; each
    /// scenario adds a row for every cell whose status it changed.
    public static let csvColumns = [
        "scenario", "network", "purpose", "status", "worst", "best", "baseline_status", "policies", "min_tools",
        "min_operators", "usages", "meeting_tools", "meeting_operators", "possible_tools", "removed_tools",
    ]

    private func renderCSV(_ report: CoverageReport, emit: (String) -> Void) {
        emit(CoverageRenderer.csvColumns.joined(separator: ",") + "\r\n")
        func row(_ scenario: String, _ cell: CoverageCell, baseline: CoverageStatus?) -> String {
            AssessmentRenderer.csvRow([
                scenario, cell.network, cell.purpose, cell.status.label, cell.status.worst?.rawValue ?? "",
                cell.status.best?.rawValue ?? "", baseline?.label ?? "", cell.policies.joined(separator: " "),
                cell.target.map { String($0.minTools) } ?? "", cell.target.map { String($0.minOperators) } ?? "",
                String(cell.usages.count), cell.worst.tools.joined(separator: " "),
                cell.worst.operators.joined(separator: " "), CoverageRenderer.possible(cell).joined(separator: " "),
                cell.usages.filter(\.removed).map(\.tool).joined(separator: " "),
            ])
        }
        var out = ""
        for cell in report.baseline.cells { out += row("", cell, baseline: cell.status) }
        emit(out)
        for outcome in report.scenarios {
            var rows = ""
            for change in outcome.comparison.cells {
                guard let cell = outcome.coverage.cell(network: change.network, purpose: change.purpose) else {
                    continue
                }
                rows += row(outcome.scenario.id, cell, baseline: change.before)
            }
            emit(rows)
        }
    }
}
