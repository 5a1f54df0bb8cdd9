import AssessmentKit

/// The report as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma,
/// quote or line break): one row per subject × criterion, with the subject's verdict and
/// scores repeated on each of its rows; then one row per coverage cell (network ×
/// purpose) and one per cell a scenario breaks.
///
/// The first column, `record` (`criterion`, `coverage`, `scenario`), says what a row is,
/// so one file carries every figure; docs/report-format.md lists the columns each fills.
enum ReportCSVRenderer {
    /// The header, in column order.
    static let columns = [
        "record", "policy", "subject", "tool", "network", "verdict", "score", "score_without_waivers",
        "completeness", "best_case_score", "criterion", "weight", "mandatory", "outcome", "underlying", "values",
        "sources", "purpose", "scenario", "status", "status_before", "worst_case", "best_case", "tools",
    ]

    /// A row with the named columns set and the others empty.
    static func record(_ fields: [String: String]) -> String {
        row(columns.map { fields[$0] ?? "" })
    }

    static func render(_ report: Report, emit: (String) -> Void) {
        emit(row(columns))
        for subject in report.subjects {
            var out = ""
            for criterion in subject.criteria {
                let values = criterion.facts.map { "\($0.path) = \($0.valueText)" }.joined(separator: "; ")
                let sources = unique(criterion.facts.compactMap(\.source)).joined(separator: "; ")
                out += record([
                    "record": "criterion", "policy": subject.policy, "subject": subject.subject, "tool": subject.tool,
                    "network": subject.network ?? "", "verdict": subject.verdict.rawValue,
                    "score": subject.score.description,
                    "score_without_waivers": subject.scoreWithoutWaivers.description,
                    "completeness": subject.completeness.description,
                    "best_case_score": subject.bestCaseScore.description, "criterion": criterion.criterion,
                    "weight": ReportWording.number(criterion.weight),
                    "mandatory": criterion.mandatory ? "true" : "false",
                    "outcome": criterion.outcome.rawValue, "underlying": criterion.underlying.rawValue,
                    "values": values, "sources": sources,
                ])
            }
            emit(out)
        }
        var out = ""
        for cell in report.coverage.cells {
            out += record([
                "record": "coverage", "policy": cell.policies.joined(separator: "; "), "network": cell.network,
                "purpose": cell.purpose, "status": cell.status, "worst_case": cell.worstCase ?? "",
                "best_case": cell.bestCase ?? "", "tools": cell.usages.map(\.tool).joined(separator: "; "),
            ])
        }
        for scenario in report.scenarios {
            for change in scenario.breaks {
                out += record([
                    "record": "scenario", "scenario": scenario.id, "network": change.network,
                    "purpose": change.purpose, "status": change.after, "status_before": change.before,
                    "tools": change.droppedTools.joined(separator: "; "),
                ])
            }
        }
        emit(out)
    }

    private static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    /// RFC 4180: quote fields with commas, quotes or line breaks; CRLF line ends.
    static func row(_ fields: [String]) -> String {
        AssessmentRenderer.csvRow(fields)
    }
}
