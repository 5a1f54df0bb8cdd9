import AssessmentKit
import InventoryKit

/// The report as Markdown (CommonMark with GitHub tables): the sections of the HTML
/// report, as headings and tables, for review in a merge request or a wiki.
enum ReportMarkdownRenderer: ReportSections {
    static func render(_ report: Report) -> String {
        var out = "# \(escape(report.title))\n\n"
        out += ReportWording.dates(report) + ".\n"
        out += sections(report)
        return out
    }

    static func escape(_ text: String) -> String { AssessmentRenderer.markdownEscape(text) }

    /// `` `text` ``, with `|` escaped so a rule cannot end a table cell (GitHub tables
    /// honour `\|` inside code); a text with backquotes is fenced with two.
    static func code(_ text: String) -> String {
        let fence = text.contains("`") ? "`` " : "`"
        return fence + text.replacingOccurrences(of: "|", with: "\\|") + String(fence.reversed())
    }

    static func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |\n" }

    /// A header row and its separator; columns in `right` are right-aligned.
    static func header(_ cells: [String], right: Set<Int> = []) -> String {
        row(cells) + "|" + cells.indices.map { right.contains($0) ? "---:|" : "---|" }.joined() + "\n"
    }

    static func keyFigures(_ report: Report) -> String {
        let counts = report.inventory.counts
        let verdicts = report.verdictCounts
        var out = "\n## Key figures\n\n"
        out += header(["Figure", "Value"], right: [1])
        out += row(["Networks", "\(counts.networks)"])
        out += row(["Members", "\(counts.members)"])
        out += row(["Tools", "\(counts.tools)"])
        out += row(["Usages", "\(counts.usages)"])
        out += row(["Purposes", "\(counts.purposes)"])
        out += row(["Sources in the inventory", "\(counts.sources)"])
        out += row(["Sources cited in this report", "\(report.sourcesCited)"])
        out += row([
            "Property values known", "\(counts.valuesKnown) of \(counts.valuesPossible) (\(counts.knownShare)%)",
        ])
        out += row(["Property values verified", "\(counts.valuesVerified)"])
        for count in report.coverage.statusCounts {
            out += row(["Coverage cells \(count.status)", "\(count.cells)"])
        }
        out += row(["Policies", "\(report.policies.count)"])
        out += row(["Subjects judged", "\(verdicts.total)"])
        out += row(["Meet", "\(verdicts.meets)"])
        out += row(["Incomplete", "\(verdicts.incomplete)"])
        out += row(["Fail", "\(verdicts.fails)"])
        return out
    }

    static func gaps(_ report: Report) -> String {
        var out = "\n## Gaps and single points of failure\n\n"
        guard !report.gaps.isEmpty else { return out + "None.\n" }
        out += header(["Kind", "Network", "Purpose", "Status", "Why"])
        for gap in report.gaps {
            out += row([
                gap.kind.rawValue, code(gap.network), code(gap.purpose),
                ReportWording.status(gap.status, worst: gap.worstCase, best: gap.bestCase),
                escape(ReportWording.gap(gap)),
            ])
        }
        return out
    }

    static func coverage(_ report: Report) -> String {
        let coverage = report.coverage
        var out = "\n## Coverage\n\n"
        out += "Status per network × purpose: \(ReportWording.statusCounts(coverage.statusCounts)). "
        out += "A network × purpose is covered when enough usages meet the policies that judge them:\n\n"
        for policy in coverage.policies {
            out +=
                "- \(code(policy.id)): \(ReportWording.target(tools: policy.minTools, operators: policy.minOperators))\(policy.stated ? "" : " (default)")\n"
        }
        out += "\n### Heat map\n\n"
        out += "Rows are networks, columns purposes; `-` means the network uses no tool for the purpose.\n\n"
        out += header(["Network"] + coverage.purposes.map { code($0.id) })
        var cells: [String: CoverageCellReport] = [:]
        for cell in coverage.cells { cells["\(cell.network)/\(cell.purpose)"] = cell }
        for network in coverage.networks {
            out += row(
                [code(network.id)]
                    + coverage.purposes.map { purpose in
                        cells["\(network.id)/\(purpose.id)"].map {
                            ReportWording.status($0.status, worst: $0.worstCase, best: $0.bestCase)
                        } ?? "-"
                    })
        }
        out += "\n### Cells\n\n"
        out += header(["Network", "Purpose", "Status", "Target", "Meeting", "Possible", "Usages"])
        for cell in coverage.cells {
            out += row([
                code(cell.network), code(cell.purpose),
                ReportWording.status(cell.status, worst: cell.worstCase, best: cell.bestCase),
                ReportWording.target(tools: cell.minTools, operators: cell.minOperators),
                escape(ReportWording.list(cell.meetingTools)), escape(ReportWording.list(cell.possibleTools)),
                escape(cell.usages.map(ReportWording.usage).joined(separator: ", ")),
            ])
        }
        out += "\n### Interoperability\n\n"
        guard !coverage.pairs.isEmpty else {
            return out + "No pair of networks shares a tool that meets (or may meet) the policies.\n"
        }
        out += header(["Purpose", "Networks", "State", "Tools"])
        for pair in coverage.pairs {
            out += row([
                code(pair.purpose), "\(code(pair.first)) + \(code(pair.second))", pair.state,
                escape(ReportWording.list(pair.tools + pair.possibleTools)),
            ])
        }
        return out
    }

    static func scenarios(_ report: Report) -> String {
        var out = "\n## Scenarios\n"
        if report.scenarios.isEmpty { out += "\nNone.\n" }
        for scenario in report.scenarios {
            out += "\n### \(escape(scenario.title)) (\(code(scenario.id)))\n\n"
            if let description = scenario.description { out += escape(description) + "\n\n" }
            out += "Drops \(ReportWording.dropped(scenario)), \(scenario.droppedInUse.count) of them in use"
            out += scenario.droppedInUse.isEmpty ? "" : " (\(escape(scenario.droppedInUse.joined(separator: ", "))))"
            out += "; breaks \(ReportWording.cells(scenario.breaks.count)). "
            out += "Afterwards: \(ReportWording.statusCounts(scenario.statusCounts)).\n\n"
            if !scenario.breaks.isEmpty {
                out += header(["Network", "Purpose", "Before", "After", "Dropped tools"])
                for change in scenario.breaks {
                    out += row([
                        code(change.network), code(change.purpose), change.beforeText, change.afterText,
                        escape(ReportWording.list(change.droppedTools)),
                    ])
                }
            }
            for pair in scenario.lostPairs {
                out +=
                    "- \(code(pair.purpose)): \(code(pair.first)) + \(code(pair.second)) \(pair.before) → \(pair.after)\n"
            }
        }
        return out
    }

    static func toolScores(_ report: Report) -> String {
        var out = "\n## Scores per tool\n\n"
        out += header(["Tool", "Policy", "Subject", "Score", "Best case", "Verdict"], right: [3, 4])
        for tool in report.toolScores {
            for entry in tool.scores {
                out += row([
                    code(tool.tool), code(entry.policy), code(entry.subject), entry.score.description,
                    entry.bestCaseScore.description, entry.verdict.rawValue,
                ])
            }
        }
        return out
    }

    static func policies(_ report: Report) -> String {
        var out = "\n## Policies\n"
        for policy in report.policies {
            out += "\n### \(escape(policy.title)) (\(code(policy.id)))\n\n"
            out += "Scope \(policy.scope.rawValue), pass score \(ReportWording.number(policy.passScore))"
            if let appliesWhen = policy.appliesWhen { out += ", applies when \(code(appliesWhen))" }
            if let coverage = policy.coverage {
                out += ", covered with \(coverage.minTools) meeting tools from \(coverage.minOperators) operators"
            }
            out += ". \(ReportWording.subjectVerdicts(policy.verdicts)).\n\n"
            out += header(
                ["Criterion", "Title", "Weight", "Mandatory", "Min confidence", "Rule", "Source"], right: [2])
            for criterion in policy.criteria {
                out += row([
                    code(criterion.id), escape(criterion.title), ReportWording.number(criterion.weight),
                    criterion.mandatory ? "yes" : "no", criterion.minConfidence?.rawValue ?? "any",
                    code(criterion.rule), criterion.source.map(code) ?? "",
                ])
            }
            out += "\n"
            out += header(
                ["Subject", "Verdict", "Score", "Without waivers", "Completeness", "Best case"], right: [2, 3, 4, 5])
            for subject in report.subjects[policy.subjectRange] {
                out += row([
                    code(subject.subject), subject.verdict.rawValue, subject.score.description,
                    subject.scoreWithoutWaivers.description, subject.completeness.description,
                    subject.bestCaseScore.description,
                ])
            }
        }
        return out
    }

    static func details(_ report: Report) -> String {
        var out = "\n## Details\n"
        for subject in report.subjects {
            out += "\n### \(code(subject.policy)) · \(code(subject.subject)): \(subject.verdict.rawValue)\n\n"
            out += "Score \(subject.score) = \(ReportWording.scoreFormula(subject)); "
            out += ReportWording.otherScores(subject) + ".\n"
            if subject.applicability == .unknown {
                out += "\nWhether the policy applies is unknown; judged as if it did: "
                out += subject.applicabilityFacts.map { escape(ReportWording.fact($0)) }.joined(separator: "; ")
                out += ".\n"
            }
            out += "\n"
            out += header(["Criterion", "Outcome", "Weight", "Values", "Sources"], right: [2])
            for criterion in subject.criteria {
                var outcome = ReportWording.outcome(criterion)
                if let waiver = criterion.waiver {
                    outcome +=
                        ", until \(waiver.expires), approved by \(escape(waiver.approvedBy)): \(escape(waiver.justification))"
                }
                out += row([
                    code(criterion.criterion), outcome,
                    ReportWording.weight(criterion.weight, mandatory: criterion.mandatory),
                    criterion.facts.map { escape("\($0.path) = \($0.valueText)") }.joined(separator: "<br>"),
                    criterion.facts.map { fact in
                        escape([fact.source ?? "no source", ReportWording.provenance(fact)].joined(separator: ": "))
                    }.joined(separator: "<br>"),
                ])
            }
        }
        return out
    }

    static func inventory(_ report: Report) -> String {
        let summary = report.inventory
        var out = "\n## Networks\n\n"
        out += header(["Network", "Name", "Kind", "Members", "Usages", "Purposes"], right: [3, 4, 5])
        for row in summary.networks {
            out += self.row([
                code(row.id), escape(row.name), row.kind, "\(row.members)", "\(row.usages)", "\(row.purposes)",
            ])
        }
        out += "\n## Tools\n\n"
        out += header(
            ["Tool", "Name", "Category", "Operator", "Known", "Verified", "Known %", "Networks"], right: [4, 5, 6, 7])
        for row in summary.tools {
            out += self.row([
                code(row.id), escape(row.name), escape(row.category), escape(row.operator ?? "-"),
                "\(row.propertiesKnown)", "\(row.propertiesVerified)", row.knownShare.description, "\(row.networks)",
            ])
        }
        return out
    }

    static func sources(_ report: Report) -> String {
        var out = "\n## Sources cited\n\n"
        out += header(["Source", "Title", "Kind", "Published", "URL"])
        for source in report.sources {
            out += row([
                code(source.id), escape(source.title), source.kind, source.published?.description ?? "-",
                source.url.map { "<\($0)>" } ?? "-",
            ])
        }
        return out
    }

    static func diagnostics(_ report: Report) -> String {
        guard !report.diagnostics.isEmpty else { return "" }
        var out = "\n## Warnings\n\n"
        for diagnostic in report.diagnostics { out += "- \(escape(diagnostic.description))\n" }
        return out
    }
}
