import AssessmentKit
import InventoryKit

/// The report as one self-contained HTML file: inline CSS and inline SVG only, no script,
/// and a Content-Security-Policy that forbids fetching anything, so it opens the same on
/// an air-gapped workstation. Every number links (in-page) to the criterion, values and
/// sources behind it; every status is written out in words, so the page reads without
/// colour and prints on A4.
enum ReportHTMLRenderer: ReportSections {
    static func render(_ report: Report) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="commsmap report (\(Report.schemaVersion))">
            <title>\(escape(report.title)), as of \(report.asOf)</title>
            <style>
            \(stylesheet)</style>
            </head>
            <body>
            <header>
            <h1>\(escape(report.title))</h1>
            <p class="meta">Report as of <time datetime="\(report.asOf)">\(report.asOf)</time> (inventory as of \
            <time datetime="\(report.inventoryAsOf)">\(report.inventoryAsOf)</time>). Every figure links to the \
            criteria, property values and sources behind it.</p>
            </header>

            """
        out += contents(report)
        out += "<main>\n"
        out += sections(report)
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    // MARK: Anchors and escaping

    /// In-page anchors. Inventory and policy ids match `[a-z0-9._-]+`, so `:` and `/`
    /// keep these unique, and each is a valid id and URL fragment as it stands.
    enum Anchor {
        static func policy(_ policy: String) -> String { "p:\(policy)" }
        static func criterion(_ policy: String, _ criterion: String) -> String { "c:\(policy):\(criterion)" }
        static func subject(_ policy: String, _ subject: String) -> String { "s:\(policy):\(subject)" }
        static func outcome(_ policy: String, _ subject: String, _ criterion: String) -> String {
            "o:\(policy):\(subject):\(criterion)"
        }
        static func tool(_ tool: String) -> String { "t:\(tool)" }
        static func network(_ network: String) -> String { "n:\(network)" }
        static func source(_ source: String) -> String { "src:\(source)" }
        static func cell(_ network: String, _ purpose: String) -> String { "cov:\(network):\(purpose)" }
        static func scenario(_ scenario: String) -> String { "sc:\(scenario)" }
    }

    /// Text for element content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static func link(_ anchor: String, _ text: String, title: String? = nil) -> String {
        let titleAttribute = title.map { " title=\"\(escape($0))\"" } ?? ""
        return "<a href=\"#\(escape(anchor))\"\(titleAttribute)>\(text)</a>"
    }

    /// An external link shown as its own URL, so it survives printing.
    static func urlLink(_ url: String) -> String {
        "<a class=\"url\" href=\"\(escape(url))\">\(escape(url))</a>"
    }

    /// A table's opening tag and head row, up to the opening `<tbody>`: the HTML twin of
    /// ReportMarkdownRenderer.header. Columns in `numeric` get `class="num"`, which the
    /// stylesheet right-aligns. Column titles are written as given (they are literals).
    static func tableHead(class name: String? = nil, _ columns: [String], numeric: Set<Int> = []) -> String {
        var out = name.map { "<table class=\"\($0)\">" } ?? "<table>"
        out += "\n<thead><tr>"
        for (index, column) in columns.enumerated() {
            out += numeric.contains(index) ? "<th class=\"num\">\(column)</th>" : "<th>\(column)</th>"
        }
        return out + "</tr></thead>\n<tbody>\n"
    }

    static func code(_ text: String) -> String { "<code>\(escape(text))</code>" }

    /// `<span class="verdict v-meets">meets</span>`: the word is always there, the colour
    /// only repeats it.
    static func verdict(_ verdict: Verdict) -> String {
        "<span class=\"verdict v-\(verdict.rawValue)\">\(verdict.rawValue)</span>"
    }

    static func outcome(_ criterion: CriterionOutcome) -> String {
        "<span class=\"outcome o-\(criterion.outcome.rawValue)\">\(escape(ReportWording.outcome(criterion)))</span>"
    }

    // MARK: Sections

    static func contents(_ report: Report) -> String {
        let entries = [
            ("key-figures", "Key figures"), ("gaps", "Gaps and single points of failure"),
            ("coverage", "Coverage"), ("scenarios", "Scenarios"), ("tool-scores", "Scores per tool"),
            ("policies", "Policies"),
            ("details", "Details per subject"), ("networks", "Networks"), ("tools", "Tools"),
            ("sources", "Sources cited"),
        ]
        var out = "<nav aria-label=\"Contents\"><ol>"
        for (anchor, title) in entries { out += "<li>\(link(anchor, title))</li>" }
        if !report.diagnostics.isEmpty { out += "<li>\(link("warnings", "Warnings"))</li>" }
        return out + "</ol></nav>\n"
    }

    static func keyFigures(_ report: Report) -> String {
        let counts = report.inventory.counts
        let verdicts = report.verdictCounts
        func figure(_ key: String, _ label: String, _ value: String) -> String {
            "<div class=\"figure\" data-figure=\"\(key)\"><dt>\(label)</dt><dd>\(value)</dd></div>\n"
        }
        var out = "<section id=\"key-figures\">\n<h2>Key figures</h2>\n<dl class=\"figures\">\n"
        out += figure("networks", "Networks", link("networks", "\(counts.networks)"))
        out += figure("members", "Members", link("networks", "\(counts.members)"))
        out += figure("tools", "Tools", link("tools", "\(counts.tools)"))
        out += figure("usages", "Usages", link("networks", "\(counts.usages)"))
        out += figure("purposes", "Purposes", "\(counts.purposes)")
        out += figure("sources", "Sources in the inventory", "\(counts.sources)")
        out += figure("sources-cited", "Sources cited", link("sources", "\(report.sourcesCited)"))
        out += figure(
            "values-known", "Property values known",
            link("tools", "\(counts.valuesKnown) of \(counts.valuesPossible)") + " (\(counts.knownShare)%)")
        out += figure("values-verified", "Verified values", link("tools", "\(counts.valuesVerified)"))
        for count in report.coverage.statusCounts where count.cells > 0 {
            out += figure(
                "coverage-\(count.status)", "Coverage: \(count.status)", link("coverage", "\(count.cells)"))
        }
        out += figure("subjects", "Subjects judged", link("policies", "\(verdicts.total)"))
        out += figure("meets", "Meet", link("policies", "\(verdicts.meets)"))
        out += figure("incomplete", "Incomplete", link("policies", "\(verdicts.incomplete)"))
        out += figure("fails", "Fail", link("policies", "\(verdicts.fails)"))
        out += "</dl>\n</section>\n"
        return out
    }

    /// `<span class="status st-gap">gap</span>`, with the range of an incomplete status.
    static func status(_ status: String, worst: String?, best: String?) -> String {
        "<span class=\"status st-\(escape(status))\">\(escape(ReportWording.status(status, worst: worst, best: best)))</span>"
    }

    static func gaps(_ report: Report) -> String {
        var out = "<section id=\"gaps\">\n<h2>Gaps and single points of failure</h2>\n"
        out += """
            <p>A <b>gap</b>: no usage meets the policy. A <b>single point</b>: only one does, and \
            the coverage targets ask for more. <b>At risk</b>: the status depends on unknown \
            values, and is a gap or a single point in the worst case.</p>

            """
        guard !report.gaps.isEmpty else { return out + "<p>None.</p>\n</section>\n" }
        out += tableHead(class: "gaps", ["Kind", "Network", "Purpose", "Status", "Why"])
        for gap in report.gaps {
            out += "<tr data-kind=\"\(gap.kind.rawValue)\" data-network=\"\(escape(gap.network))\""
            out +=
                " data-purpose=\"\(escape(gap.purpose))\"><td class=\"kind k-\(gap.kind.rawValue)\">\(gap.kind.rawValue)</td>"
            out += "<td>\(link(Anchor.network(gap.network), escape(gap.network)))</td>"
            out += "<td>\(link(Anchor.cell(gap.network, gap.purpose), escape(gap.purpose)))</td>"
            out += "<td>\(status(gap.status, worst: gap.worstCase, best: gap.bestCase))</td>"
            out += "<td>\(escape(ReportWording.gap(gap)))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    static func coverage(_ report: Report) -> String {
        let coverage = report.coverage
        var out = "<section id=\"coverage\">\n<h2>Coverage</h2>\n"
        out += "<p>Status per network × purpose: \(escape(ReportWording.statusCounts(coverage.statusCounts))). "
        out += "A purpose is covered when enough of the network's usages meet the policies that judge them: "
        out += coverage.policies.map { policy in
            "\(link(Anchor.policy(policy.id), escape(policy.id))) asks for "
                + escape(ReportWording.target(tools: policy.minTools, operators: policy.minOperators))
                + (policy.stated ? "" : " (default)")
        }.joined(separator: "; ")
        out += ". Rows are networks, columns purposes (their titles are in the Cells table); "
        out += "a cell marked – means the network uses no tool for the purpose.</p>\n"

        var cells: [String: CoverageCellReport] = [:]
        for cell in coverage.cells { cells["\(cell.network)/\(cell.purpose)"] = cell }
        out += "<table class=\"heatmap\" id=\"heatmap\">\n<thead><tr><th scope=\"col\">Network</th>"
        for purpose in coverage.purposes {
            out += "<th scope=\"col\" class=\"purpose\" data-purpose=\"\(escape(purpose.id))\""
            out += " title=\"\(escape(purpose.title))\"><span>\(escape(purpose.id))</span></th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for network in coverage.networks {
            out += "<tr data-network=\"\(escape(network.id))\"><th scope=\"row\">"
            out += link(Anchor.network(network.id), escape(network.name)) + "</th>"
            for purpose in coverage.purposes {
                let data = "data-network=\"\(escape(network.id))\" data-purpose=\"\(escape(purpose.id))\""
                guard let cell = cells["\(network.id)/\(purpose.id)"] else {
                    out += "<td class=\"cell st-not-used\" \(data) data-status=\"not-used\" title=\"not used\">–</td>"
                    continue
                }
                out += "<td class=\"cell st-\(escape(cell.status))\" \(data) data-status=\"\(escape(cell.status))\">"
                out += "<a href=\"#\(escape(Anchor.cell(cell.network, cell.purpose)))\">"
                out += "<span class=\"label\">\(escape(cell.status))</span>"
                if cell.status == "incomplete", let worst = cell.worstCase, let best = cell.bestCase {
                    out += "<span class=\"range\">\(escape(worst)) to \(escape(best))</span>"
                }
                out += "<span class=\"count\">\(cell.meetingCount) of \(cell.usageCount) meet"
                if cell.possibleCount > 0 { out += ", \(cell.possibleCount) may" }
                out += "</span></a></td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"

        let titles = Dictionary(coverage.purposes.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        out += "<h3>Cells</h3>\n"
        out += tableHead(
            class: "cells", ["Network", "Purpose", "Status", "Target", "Usages: verdict per policy, members onboarded"])
        for cell in coverage.cells {
            out +=
                "<tr id=\"\(escape(Anchor.cell(cell.network, cell.purpose)))\" data-network=\"\(escape(cell.network))\""
            out += " data-purpose=\"\(escape(cell.purpose))\" data-status=\"\(escape(cell.status))\">"
            out += "<td>\(link(Anchor.network(cell.network), escape(cell.network)))</td>"
            out += "<td>\(escape(titles[cell.purpose] ?? cell.purpose))<br>\(code(cell.purpose))</td>"
            out += "<td>\(status(cell.status, worst: cell.worstCase, best: cell.bestCase))</td>"
            out += "<td>\(escape(ReportWording.target(tools: cell.minTools, operators: cell.minOperators)))</td><td>"
            out += cell.usages.map { usage(network: cell.network, $0) }.joined(separator: "<br>")
            out += "</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"

        out += "<h3>Interoperability</h3>\n"
        if coverage.pairs.isEmpty {
            out += "<p>No pair of networks shares a tool that meets (or may meet) the policies.</p>\n"
        } else {
            out += tableHead(class: "pairs", ["Purpose", "Networks", "State", "Tools"])
            for pair in coverage.pairs {
                out += "<tr><td>\(escape(pair.purpose))</td>"
                out += "<td>\(link(Anchor.network(pair.first), escape(pair.first))) + "
                out += "\(link(Anchor.network(pair.second), escape(pair.second)))</td><td>\(escape(pair.state))</td>"
                out += "<td>\(escape(ReportWording.list(pair.tools + pair.possibleTools)))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        return out + "</section>\n"
    }

    /// A usage in a coverage cell: the tool, each policy's verdict and score linked to the
    /// subject's details, and the members onboarded.
    static func usage(network: String, _ usage: CoverageUsageReport) -> String {
        var out = link(Anchor.tool(usage.tool), escape(usage.toolName))
        if usage.removed { out += " <b>dropped</b>" }
        out += " (\(escape(usage.operator ?? "operator not stated")), \(escape(usage.role))): "
        if usage.verdicts.isEmpty {
            out += "not judged by a usage policy"
        } else {
            out += usage.verdicts.map { verdict in
                let anchor = Anchor.subject(verdict.policy, "\(network)/\(usage.tool)")
                return
                    "\(escape(verdict.policy)) \(self.verdict(verdict.verdict)) \(link(anchor, verdict.score.description))"
            }.joined(separator: ", ")
        }
        out += "; onboarded \(escape(usage.onboardedText))"
        return out
    }

    static func scenarios(_ report: Report) -> String {
        var out = "<section id=\"scenarios\">\n<h2>Scenarios</h2>\n"
        if report.scenarios.isEmpty { out += "<p>None.</p>\n" }
        for scenario in report.scenarios {
            out += "<article class=\"scenario\" id=\"\(escape(Anchor.scenario(scenario.id)))\">\n"
            out += "<h3>\(escape(scenario.title)) \(code(scenario.id))</h3>\n"
            if let description = scenario.description { out += "<p>\(escape(description))</p>\n" }
            out += "<p>Drops <b>\(escape(ReportWording.dropped(scenario)))</b>"
            if let rule = scenario.dropWhen { out += ", those for which \(code(rule)) is true or unknown" }
            out += "; \(scenario.droppedInUse.count) of them in use"
            let inUse = scenario.dropped.filter(\.inUse)
            if !inUse.isEmpty {
                out +=
                    ": "
                    + inUse.map { dropped in
                        link(Anchor.tool(dropped.tool), escape(dropped.name)) + " (\(escape(dropped.reason)))"
                    }.joined(separator: ", ")
            }
            out += "; breaks <b>\(ReportWording.cells(scenario.breaks.count))</b>. "
            out += "Afterwards: \(escape(ReportWording.statusCounts(scenario.statusCounts))).</p>\n"
            if !scenario.breaks.isEmpty {
                out += tableHead(class: "breaks", ["Network", "Purpose", "Before", "After", "Dropped tools"])
                for change in scenario.breaks {
                    out += "<tr data-scenario=\"\(escape(scenario.id))\" data-network=\"\(escape(change.network))\""
                    out += " data-purpose=\"\(escape(change.purpose))\">"
                    out += "<td>\(link(Anchor.network(change.network), escape(change.network)))</td>"
                    out += "<td>\(link(Anchor.cell(change.network, change.purpose), escape(change.purpose)))</td>"
                    out +=
                        "<td><span class=\"status st-\(escape(change.before))\">\(escape(change.beforeText))</span></td>"
                    out +=
                        "<td><span class=\"status st-\(escape(change.after))\">\(escape(change.afterText))</span></td>"
                    out += "<td>\(escape(ReportWording.list(change.droppedTools)))</td></tr>\n"
                }
                out += "</tbody>\n</table>\n"
            }
            if !scenario.lostPairs.isEmpty {
                out += "<ul>\n"
                for pair in scenario.lostPairs {
                    out += "<li>\(escape(pair.purpose)): \(escape(pair.first)) + \(escape(pair.second)) "
                    out += "\(escape(pair.before)) → \(escape(pair.after))</li>\n"
                }
                out += "</ul>\n"
            }
            out += "</article>\n"
        }
        return out + "</section>\n"
    }

    /// One bar per (tool, subject): the score solid, the best case (every unknown
    /// passing) as a grey extension, the pass score as a black tick. Widths are the
    /// percentages in tenths, so the drawing is exactly the printed figure.
    static func bar(_ entry: ToolScores.Entry, passScore: Double?) -> String {
        let label = "score \(entry.score) of 100, best case \(entry.bestCaseScore), \(entry.verdict.rawValue)"
        var svg =
            "<svg class=\"bar\" viewBox=\"0 0 1000 16\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"\(escape(label))\">"
        svg += "<rect class=\"track\" x=\"0\" y=\"0\" width=\"1000\" height=\"16\"/>"
        svg += "<rect class=\"best\" x=\"0\" y=\"0\" width=\"\(entry.bestCaseScore.tenths)\" height=\"16\"/>"
        svg +=
            "<rect class=\"score v-\(entry.verdict.rawValue)\" x=\"0\" y=\"0\" width=\"\(entry.score.tenths)\" height=\"16\"/>"
        if let passScore {
            let x = ReportWording.number(passScore * 10)
            svg += "<line class=\"pass\" x1=\"\(x)\" y1=\"0\" x2=\"\(x)\" y2=\"16\"/>"
        }
        return svg + "</svg>"
    }

    static func toolScores(_ report: Report) -> String {
        let passScores = Dictionary(report.policies.map { ($0.id, $0.passScore) }, uniquingKeysWith: { a, _ in a })
        var out = "<section id=\"tool-scores\">\n<h2>Scores per tool</h2>\n"
        out += """
            <p>Each bar is one subject's score (solid) and its best case if every unknown value \
            passed (grey); the black tick is the policy's pass score. Network is the network \
            whose usage of the tool was judged (– for policies that judge the tool itself). \
            The figures link to the criteria behind them.</p>

            """
        out += "<table class=\"scores\">\n<thead><tr><th>Tool</th><th>Policy</th><th>Network</th>"
        out += "<th class=\"barcell\">Score</th><th class=\"num\">Score</th><th class=\"num\">Best case</th>"
        out += "<th>Verdict</th></tr></thead>\n<tbody>\n"
        for tool in report.toolScores {
            for (index, entry) in tool.scores.enumerated() {
                out += "<tr data-tool=\"\(escape(tool.tool))\" data-subject=\"\(escape(entry.subject))\""
                out += " data-policy=\"\(escape(entry.policy))\">"
                if index == 0 {
                    out += "<th scope=\"rowgroup\" rowspan=\"\(tool.scores.count)\">"
                    out += link(Anchor.tool(tool.tool), escape(tool.name)) + "</th>"
                }
                let anchor = Anchor.subject(entry.policy, entry.subject)
                out += "<td>\(link(Anchor.policy(entry.policy), escape(entry.policy)))</td>"
                out += "<td>\(escape(entry.network ?? "–"))</td>"
                out += "<td class=\"barcell\">\(bar(entry, passScore: passScores[entry.policy]))</td>"
                out += "<td class=\"num score\">\(link(anchor, entry.score.description))</td>"
                out += "<td class=\"num best\">\(link(anchor, entry.bestCaseScore.description))</td>"
                out += "<td>\(verdict(entry.verdict))</td></tr>\n"
            }
        }
        out += "</tbody>\n</table>\n</section>\n"
        return out
    }

    static func policies(_ report: Report) -> String {
        var out = "<section id=\"policies\">\n<h2>Policies</h2>\n"
        out += tableHead(
            class: "policies", ["Policy", "Scope", "Pass score", "Subjects", "Meet", "Incomplete", "Fail"],
            numeric: [2, 3, 4, 5, 6])
        for policy in report.policies {
            let anchor = Anchor.policy(policy.id)
            out += "<tr data-policy=\"\(escape(policy.id))\"><td>\(link(anchor, escape(policy.title)))</td>"
            out += "<td>\(policy.scope.rawValue)</td><td class=\"num\">\(ReportWording.number(policy.passScore))</td>"
            out += "<td class=\"num subjects\">\(link(anchor, "\(policy.verdicts.total)"))</td>"
            out += "<td class=\"num meets\">\(link(anchor, "\(policy.verdicts.meets)"))</td>"
            out += "<td class=\"num incomplete\">\(link(anchor, "\(policy.verdicts.incomplete)"))</td>"
            out += "<td class=\"num fails\">\(link(anchor, "\(policy.verdicts.fails)"))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"

        for policy in report.policies {
            out += "<article class=\"policy\" id=\"\(escape(Anchor.policy(policy.id)))\">\n"
            out += "<h3>\(escape(policy.title)) \(code(policy.id))</h3>\n<p>"
            out += "Scope <b>\(policy.scope.rawValue)</b>, pass score <b>\(ReportWording.number(policy.passScore))</b>"
            if let appliesWhen = policy.appliesWhen { out += ", applies when \(code(appliesWhen))" }
            if let coverage = policy.coverage {
                out += "; a purpose is covered with "
                out += ReportWording.coverageTarget(minTools: coverage.minTools, minOperators: coverage.minOperators)
            }
            if let location = policy.location { out += ". Defined in \(code(location.description))" }
            out += ".</p>\n"
            out += tableHead(
                class: "criteria", ["Criterion", "Weight", "Mandatory", "Min confidence", "Rule", "Why"], numeric: [1])
            for criterion in policy.criteria {
                out += "<tr id=\"\(escape(Anchor.criterion(policy.id, criterion.id)))\">"
                out += "<td>\(code(criterion.id))<br>\(escape(criterion.title))</td>"
                out += "<td class=\"num\">\(ReportWording.number(criterion.weight))</td>"
                out += "<td>\(criterion.mandatory ? "yes" : "no")</td>"
                out += "<td>\(criterion.minConfidence?.rawValue ?? "any")</td>"
                out += "<td>\(code(criterion.rule))"
                if let appliesWhen = criterion.appliesWhen { out += "<br>applies when \(code(appliesWhen))" }
                out += "</td><td>\(escape(criterion.rationale ?? ""))"
                if let source = criterion.source {
                    out += " (source: \(link(Anchor.source(source), escape(source))))"
                }
                out += "</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
            out += tableHead(
                class: "subjects", ["Subject", "Verdict", "Score", "Without waivers", "Completeness", "Best case"],
                numeric: [2, 3, 4, 5])
            for subject in report.subjects[policy.subjectRange] {
                let anchor = Anchor.subject(subject.policy, subject.subject)
                out += "<tr data-policy=\"\(escape(subject.policy))\" data-subject=\"\(escape(subject.subject))\">"
                out += "<td>\(link(anchor, escape(subject.subject)))</td><td>\(verdict(subject.verdict))</td>"
                out += "<td class=\"num score\">\(link(anchor, subject.score.description))</td>"
                out += "<td class=\"num\">\(link(anchor, subject.scoreWithoutWaivers.description))</td>"
                out += "<td class=\"num\">\(link(anchor, subject.completeness.description))</td>"
                out += "<td class=\"num\">\(link(anchor, subject.bestCaseScore.description))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n</article>\n"
        }
        out += "</section>\n"
        return out
    }

    static func fact(_ fact: FactEntry) -> String {
        var out = "\(code(fact.path)) = <b>\(escape(fact.valueText))</b>"
        if fact.status != .used { out += " <i>(\(escape(ReportWording.status(fact))))</i>" }
        var provenance: [String] = []
        if let source = fact.source {
            var text = "source " + link(Anchor.source(source), escape(source))
            if let url = fact.sourceURL { text += " " + urlLink(url) }
            provenance.append(text)
        } else if fact.status != .missing {
            provenance.append("no source")
        }
        if let confidence = fact.confidence { provenance.append(confidence.rawValue) }
        if let assessed = fact.assessed { provenance.append("assessed \(assessed)") }
        if let location = fact.location { provenance.append("at \(code(location.description))") }
        if !provenance.isEmpty { out += "<br><span class=\"prov\">" + provenance.joined(separator: ", ") + "</span>" }
        return out
    }

    static func details(_ report: Report) -> String {
        var out = "<section id=\"details\">\n<h2>Details per subject</h2>\n"
        for subject in report.subjects {
            out += "<article class=\"subject\" id=\"\(escape(Anchor.subject(subject.policy, subject.subject)))\">\n"
            out += "<h3>\(code(subject.subject)) under \(link(Anchor.policy(subject.policy), escape(subject.policy))): "
            out += "\(verdict(subject.verdict))</h3>\n"
            out += "<p>Score <b>\(subject.score)</b> = \(escape(ReportWording.scoreFormula(subject))); "
            out += ReportWording.otherScores(subject) + ". Mandatory criteria met: "
            out += subject.mandatoryMetInWorstCase ? "yes" : (subject.mandatoryMetInBestCase ? "unknown" : "no")
            out += ".</p>\n"
            if subject.applicability == .unknown {
                out += "<p>Whether the policy applies is unknown; the subject is judged as if it did: "
                out += subject.applicabilityFacts.map(fact).joined(separator: "; ") + ".</p>\n"
            }
            out += tableHead(class: "outcomes", ["Criterion", "Outcome", "Weight", "Values and sources"], numeric: [2])
            for criterion in subject.criteria {
                out += "<tr id=\"\(escape(Anchor.outcome(subject.policy, subject.subject, criterion.criterion)))\">"
                out +=
                    "<td>\(link(Anchor.criterion(subject.policy, criterion.criterion), escape(criterion.criterion)))</td>"
                out += "<td>\(outcome(criterion))"
                if let waiver = criterion.waiver {
                    out += "<br>waiver until \(waiver.expires), approved by \(escape(waiver.approvedBy)): "
                    out += escape(waiver.justification)
                }
                out += "</td><td class=\"num\">\(ReportWording.number(criterion.weight))"
                out += criterion.mandatory ? "<br>mandatory" : ""
                out += "</td><td>"
                out += criterion.facts.map(fact).joined(separator: "<br>")
                for warning in criterion.warnings { out += "<br>warning: \(escape(warning))" }
                out += "</td></tr>\n"
            }
            out += "</tbody>\n</table>\n</article>\n"
        }
        out += "</section>\n"
        return out
    }

    static func inventory(_ report: Report) -> String {
        let summary = report.inventory
        var out = "<section id=\"networks\">\n<h2>Networks</h2>\n"
        out += tableHead(["Network", "Kind", "Members", "Usages", "Purposes", "Legal basis"], numeric: [2, 3, 4])
        for row in summary.networks {
            out += "<tr id=\"\(escape(Anchor.network(row.id)))\"><td>\(escape(row.name))<br>\(code(row.id))</td>"
            out += "<td>\(escape(row.kind))</td><td class=\"num\">\(row.members)</td>"
            out += "<td class=\"num\">\(row.usages)</td><td class=\"num\">\(row.purposes)</td>"
            out += "<td>\(escape(row.legalBasis ?? ""))"
            if let source = row.source { out += " (source: \(link(Anchor.source(source), escape(source))))" }
            out += "</td></tr>\n"
        }
        out += "</tbody>\n</table>\n</section>\n"
        out += "<section id=\"tools\">\n<h2>Tools</h2>\n"
        out += "<p>Known: catalogued properties with a stated value, of \(summary.counts.properties); "
        out += "verified: of those, the ones confirmed from a primary source.</p>\n"
        out += tableHead(
            ["Tool", "Category", "Operator", "Known", "Verified", "Known %", "Networks"], numeric: [3, 4, 5, 6])
        for row in summary.tools {
            out += "<tr id=\"\(escape(Anchor.tool(row.id)))\"><td>\(escape(row.name))<br>\(code(row.id))"
            if let url = row.url { out += "<br>" + urlLink(url) }
            out += "</td><td>\(escape(row.category))</td><td>\(escape(row.operator ?? "-"))</td>"
            out += "<td class=\"num\">\(row.propertiesKnown)</td><td class=\"num\">\(row.propertiesVerified)</td>"
            out += "<td class=\"num\">\(row.knownShare)</td><td class=\"num\">\(row.networks)</td></tr>\n"
        }
        out += "</tbody>\n</table>\n</section>\n"
        return out
    }

    static func sources(_ report: Report) -> String {
        var out = "<section id=\"sources\">\n<h2>Sources cited</h2>\n"
        out += tableHead(["Source", "Title", "Kind", "Published"])
        for source in report.sources {
            out += "<tr id=\"\(escape(Anchor.source(source.id)))\"><td>\(code(source.id))</td>"
            out += "<td>\(escape(source.title))"
            if let url = source.url { out += "<br>" + urlLink(url) }
            out += "</td><td>\(escape(source.kind))</td><td>\(source.published?.description ?? "-")</td></tr>\n"
        }
        out += "</tbody>\n</table>\n</section>\n"
        return out
    }

    static func diagnostics(_ report: Report) -> String {
        guard !report.diagnostics.isEmpty else { return "" }
        var out = "<section id=\"warnings\">\n<h2>Warnings</h2>\n<ul>\n"
        for diagnostic in report.diagnostics { out += "<li>\(escape(diagnostic.description))</li>\n" }
        return out + "</ul>\n</section>\n"
    }

    // MARK: Style

    /// Colours only repeat what the words say; print keeps them (`print-color-adjust`)
    /// and the A4 page gets narrow margins and no orphaned headings.
    static let stylesheet = """
        :root { --meets: #1a7f37; --incomplete: #b8860b; --fails: #c62828; --ink: #1b1b1b; --rule: #c8c8c8; }
        * { box-sizing: border-box; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          color: var(--ink); background: #fff; margin: 0 auto; max-width: 1180px; padding: 1rem 1.5rem;
          font-size: 15px; line-height: 1.4; }
        h1 { font-size: 1.6rem; margin: 0.2rem 0; }
        h2 { font-size: 1.25rem; border-bottom: 2px solid var(--ink); padding-bottom: 0.15rem; margin-top: 2rem; }
        h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
        p.meta { color: #444; margin: 0 0 0.6rem; }
        nav ol { display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; list-style: none; padding: 0; margin: 0.4rem 0; }
        a { color: #0b4f9c; }
        a.url { overflow-wrap: anywhere; font-size: 0.85em; }
        code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.88em;
          overflow-wrap: anywhere; }
        table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
        th, td { border: 1px solid var(--rule); padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; }
        thead th { background: #eee; }
        td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        dl.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: 0.5rem;
          margin: 0.5rem 0; }
        .figure { border: 1px solid var(--rule); padding: 0.4rem 0.6rem; }
        .figure dt { font-size: 0.85em; color: #444; }
        .figure dd { margin: 0; font-size: 1.3em; font-weight: 600; }
        .verdict, .outcome { font-weight: 600; white-space: nowrap; }
        .v-meets { color: var(--meets); }
        .v-incomplete { color: var(--incomplete); }
        .v-fails { color: var(--fails); text-decoration: underline; }
        .o-pass { color: var(--meets); }
        .o-fail { color: var(--fails); text-decoration: underline; }
        .o-unknown { color: var(--incomplete); font-style: italic; }
        .o-waived { color: #555; }
        .o-not-applicable { color: #777; font-weight: normal; }
        td.barcell { width: 32%; min-width: 10rem; vertical-align: middle; }
        svg.bar { display: block; width: 100%; height: 0.9rem; }
        svg.bar .track { fill: #f2f2f2; stroke: #999; stroke-width: 1; vector-effect: non-scaling-stroke; }
        svg.bar .best { fill: #d0d0d0; }
        svg.bar .score.v-meets { fill: var(--meets); }
        svg.bar .score.v-incomplete { fill: var(--incomplete); }
        svg.bar .score.v-fails { fill: var(--fails); }
        svg.bar .pass { stroke: #000; stroke-width: 2; vector-effect: non-scaling-stroke; }
        .prov { font-size: 0.85em; color: #444; }
        table.heatmap { table-layout: fixed; font-size: 0.75em; }
        table.heatmap tbody th { overflow-wrap: break-word; }
        table.heatmap thead th { font-weight: 600; vertical-align: bottom; }
        table.heatmap thead th.purpose { text-align: center; padding: 0.3rem 0; }
        table.heatmap thead th.purpose span { writing-mode: vertical-rl; transform: rotate(180deg);
          white-space: nowrap; display: inline-block; }
        table.heatmap tr > :first-child { width: 9rem; }
        td.cell { text-align: center; vertical-align: middle; padding: 0.2rem 0.1rem; }
        td.cell a { color: inherit; text-decoration: none; display: block; }
        td.cell .label { display: block; font-weight: 700; }
        td.cell .range, td.cell .count { display: block; font-size: 0.9em; }
        .st-covered { background: #cfe9d5; }
        .st-below-target { background: #f3e9b5; }
        .st-single-point { background: #f7cf9f; border: 2px dashed #8a4b00; }
        .st-gap { background: #f4b5b5; border: 3px double #7a0000; }
        .st-incomplete { background: #fbf2d0; font-style: italic; }
        .st-no-policy { background: #e6e6e6; }
        .st-not-used { color: #999; }
        span.status { padding: 0 0.25rem; white-space: nowrap; font-weight: 600; }
        td.kind { font-weight: 700; white-space: nowrap; }
        .k-gap { background: #f4b5b5; }
        .k-single-point { background: #f7cf9f; }
        .k-at-risk { background: #fbf2d0; }
        article.subject { border-top: 1px solid var(--rule); }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
          body { max-width: none; padding: 0; font-size: 9pt; }
          nav { display: none; }
          a { color: inherit; text-decoration: none; }
          a.url { text-decoration: underline; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          tr, .figure { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
        }

        """
}
