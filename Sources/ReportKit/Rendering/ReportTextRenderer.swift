import AssessmentKit
import InventoryKit

/// The report as plain text for a terminal: key figures, then each section as aligned
/// tables. The per-criterion details with sources are left to the other formats; the
/// numbers are all here.
enum ReportTextRenderer: ReportSections {
    static func render(_ report: Report) -> String {
        var out = "\(report.title)\n"
        out += ReportWording.dates(report) + "\n"
        out += sections(report)
        return out
    }

    private static func heading(_ title: String) -> String { "\n\(title)\n" }

    static func keyFigures(_ report: Report) -> String {
        let counts = report.inventory.counts
        let verdicts = report.verdictCounts
        var out = heading("Key figures")
        out +=
            "  \(ReportWording.count(counts.networks, "network")) (\(ReportWording.count(counts.members, "member"))), \(ReportWording.count(counts.tools, "tool")), \(ReportWording.count(counts.usages, "usage")), \(ReportWording.count(counts.purposes, "purpose")), \(ReportWording.count(counts.sources, "source")) (\(report.sourcesCited) cited here)\n"
        out +=
            "  property values known: \(counts.valuesKnown) of \(counts.valuesPossible) (\(counts.knownShare)%), \(counts.valuesVerified) verified\n"
        out +=
            "  coverage of \(ReportWording.cells(report.coverage.cells.count)) in use: \(ReportWording.statusCounts(report.coverage.statusCounts))\n"
        out +=
            "  \(ReportWording.count(verdicts.total, "subject")) judged under \(ReportWording.count(report.policies.count, "policy", plural: "policies")): \(ReportWording.verdicts(verdicts))\n"
        return out
    }

    static func gaps(_ report: Report) -> String {
        let out = heading("Gaps and single points of failure (\(report.gaps.count))")
        var table = TextTable(["kind", "network", "purpose", "status", "why"])
        for gap in report.gaps {
            table.add([
                gap.kind.rawValue, gap.network, gap.purpose,
                ReportWording.status(gap.status, worst: gap.worstCase, best: gap.bestCase), ReportWording.gap(gap),
            ])
        }
        return out + table.render()
    }

    static func coverage(_ report: Report) -> String {
        let coverage = report.coverage
        var out = heading("Coverage (network × purpose)")
        out += "  \(ReportWording.statusCounts(coverage.statusCounts))\n"
        for policy in coverage.policies {
            out +=
                "  \(policy.id): covered with \(ReportWording.coverageTarget(minTools: policy.minTools, minOperators: policy.minOperators))\(policy.stated ? "" : " (default)")\n"
        }
        var table = TextTable(["network", "purpose", "status", "target", "meeting", "possible", "usages"])
        for cell in coverage.cells {
            let target = ReportWording.target(tools: cell.minTools, operators: cell.minOperators)
            table.add([
                cell.network, cell.purpose,
                ReportWording.status(cell.status, worst: cell.worstCase, best: cell.bestCase),
                target, ReportWording.list(cell.meetingTools), ReportWording.list(cell.possibleTools),
                cell.usages.map(ReportWording.usage).joined(separator: ", "),
            ])
        }
        out += table.render()
        out += heading("Interoperability: network pairs sharing a meeting tool (\(coverage.pairs.count))")
        var pairs = TextTable(["purpose", "networks", "state", "tools"])
        for pair in coverage.pairs {
            pairs.add([
                pair.purpose, "\(pair.first) + \(pair.second)", pair.state,
                ReportWording.list(pair.tools + pair.possibleTools),
            ])
        }
        out += pairs.render()
        return out
    }

    static func scenarios(_ report: Report) -> String {
        var out = heading("Scenarios (\(report.scenarios.count))")
        if report.scenarios.isEmpty { out += "  (none)\n" }
        for scenario in report.scenarios {
            out += "\n  \(scenario.id): \(scenario.title)\n"
            if let description = scenario.description { out += "  \(description)\n" }
            out += "  drops \(ReportWording.dropped(scenario)), \(scenario.droppedInUse.count) in use: "
            out +=
                "\(ReportWording.list(scenario.droppedInUse)); breaks \(ReportWording.cells(scenario.breaks.count))\n"
            out += "  afterwards: \(ReportWording.statusCounts(scenario.statusCounts))\n"
            var table = TextTable(["network", "purpose", "before", "after", "dropped tools"])
            for change in scenario.breaks {
                table.add([
                    change.network, change.purpose, change.beforeText, change.afterText,
                    ReportWording.list(change.droppedTools),
                ])
            }
            out += table.render(indent: 4)
            for pair in scenario.lostPairs {
                out += "    \(pair.purpose): \(pair.first) + \(pair.second) \(pair.before) → \(pair.after)\n"
            }
        }
        return out
    }

    /// A 20-character bar: one `#` per full 5 %.
    static func bar(_ score: Percentage) -> String {
        let filled = min(20, max(0, score.tenths / 50))
        return String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled)
    }

    static func toolScores(_ report: Report) -> String {
        var out = heading("Scores per tool")
        var table = TextTable(["tool", "policy", "subject", "score", "", "best case", "verdict"], right: [3, 5])
        for tool in report.toolScores {
            for (index, entry) in tool.scores.enumerated() {
                table.add([
                    index == 0 ? tool.tool : "", entry.policy, entry.subject, entry.score.description,
                    bar(entry.score), entry.bestCaseScore.description, entry.verdict.rawValue,
                ])
            }
        }
        out += table.render()
        return out
    }

    static func policies(_ report: Report) -> String {
        var out = heading("Policies")
        for policy in report.policies {
            out += "\n  \(policy.id): \(policy.title)\n"
            out +=
                "  scope \(policy.scope.rawValue), pass score \(ReportWording.number(policy.passScore)); \(ReportWording.subjectVerdicts(policy.verdicts))\n"
            var table = TextTable(
                ["subject", "verdict", "score", "without waivers", "completeness", "best case", "not passed"],
                right: [2, 3, 4, 5])
            for subject in report.subjects[policy.subjectRange] {
                let notPassed = subject.criteria.filter { $0.outcome != .pass && $0.outcome != .notApplicable }
                table.add([
                    subject.subject, subject.verdict.rawValue, subject.score.description,
                    subject.scoreWithoutWaivers.description, subject.completeness.description,
                    subject.bestCaseScore.description,
                    notPassed.map { "\($0.criterion) (\(ReportWording.outcome($0)))" }.joined(separator: ", "),
                ])
            }
            out += table.render(indent: 4)
        }
        return out
    }

    /// No per-criterion details in a terminal: they run to pages, and the other formats
    /// carry them with their sources.
    static func details(_ report: Report) -> String { "" }

    static func inventory(_ report: Report) -> String {
        let summary = report.inventory
        var out = heading("Networks (\(summary.networks.count))")
        var networks = TextTable(["id", "name", "kind", "members", "usages", "purposes"], right: [3, 4, 5])
        for row in summary.networks {
            networks.add([row.id, row.name, row.kind, "\(row.members)", "\(row.usages)", "\(row.purposes)"])
        }
        out += networks.render()
        out += heading("Tools (\(summary.tools.count))")
        var tools = TextTable(
            ["id", "name", "category", "operator", "known", "verified", "known %", "networks"], right: [4, 5, 6, 7])
        for row in summary.tools {
            tools.add([
                row.id, row.name, row.category, row.operator ?? "-", "\(row.propertiesKnown)",
                "\(row.propertiesVerified)", row.knownShare.description, "\(row.networks)",
            ])
        }
        out += tools.render()
        return out
    }

    static func sources(_ report: Report) -> String {
        var out = heading("Sources cited (\(report.sourcesCited))")
        var table = TextTable(["id", "kind", "published", "url"])
        for source in report.sources {
            table.add([source.id, source.kind, source.published?.description ?? "-", source.url ?? "-"])
        }
        out += table.render()
        return out
    }

    static func diagnostics(_ report: Report) -> String {
        guard !report.diagnostics.isEmpty else { return "" }
        var out = heading("Warnings (\(report.diagnostics.count))")
        for diagnostic in report.diagnostics { out += "  \(diagnostic)\n" }
        return out
    }
}
