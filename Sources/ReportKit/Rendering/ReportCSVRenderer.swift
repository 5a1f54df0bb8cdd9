import AssessmentKit

/// The report as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma,
/// quote or line break): one row per subject × criterion, with the subject's verdict and
/// scores repeated on each of its rows.
///
/// The first column, `record`, says what a row is, so one file can also carry the
/// coverage and scenario rows; docs/report-format.md lists the columns each kind fills.
enum ReportCSVRenderer {
    /// The header, in column order.
    static let columns = [
        "record", "policy", "subject", "tool", "network", "verdict", "score", "score_without_waivers",
        "completeness", "best_case_score", "criterion", "weight", "mandatory", "outcome", "underlying", "values",
        "sources",
    ]

    static func render(_ report: Report) -> String {
        var out = row(columns)
        for subject in report.subjects {
            let head = [
                "criterion", subject.policy, subject.subject, subject.tool, subject.network ?? "",
                subject.verdict.rawValue, subject.score.description, subject.scoreWithoutWaivers.description,
                subject.completeness.description, subject.bestCaseScore.description,
            ]
            for criterion in subject.criteria {
                let values = criterion.facts.map { "\($0.path) = \($0.valueText)" }.joined(separator: "; ")
                let sources = criterion.facts.map { $0.source ?? "" }.filter { !$0.isEmpty }
                out += row(
                    head + [
                        criterion.criterion, ReportWording.number(criterion.weight),
                        criterion.mandatory ? "true" : "false", criterion.outcome.rawValue,
                        criterion.underlying.rawValue, values, unique(sources).joined(separator: "; "),
                    ])
            }
        }
        return out
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
