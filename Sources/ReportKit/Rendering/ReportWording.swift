import AssessmentKit
import InventoryKit

/// Phrases every report format shares, so the same thing is said the same way in each.
enum ReportWording {
    /// `1 subject`, `3 subjects`.
    static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? noun : plural ?? noun + "s")
    }

    /// `Report as of 2027-01-01 (inventory as of 2026-12-15)`, under the title of the text
    /// and Markdown reports (the HTML report says it with `<time>` elements).
    static func dates(_ report: Report) -> String {
        "Report as of \(report.asOf) (inventory as of \(report.inventoryAsOf))"
    }

    /// `2 meeting tools from 1 operator`: what a usage policy asks of a covered purpose.
    static func coverageTarget(minTools: Int, minOperators: Int) -> String {
        "\(count(minTools, "meeting tool")) from \(count(minOperators, "operator"))"
    }

    /// A weight or pass score as written in the policy: `3`, `0.5`.
    static func number(_ value: Double) -> String { RuleValue.format(value) }

    /// `3 meet, 1 incomplete, 0 fail`.
    static func verdicts(_ counts: VerdictCounts) -> String {
        "\(counts.meets) meet, \(counts.incomplete) incomplete, \(counts.fails) fail"
    }

    /// `4 subjects: 3 meet, 1 incomplete, 0 fail`: a policy's verdicts in the text and
    /// Markdown reports.
    static func subjectVerdicts(_ counts: VerdictCounts) -> String {
        "\(count(counts.total, "subject")): \(verdicts(counts))"
    }

    /// `without waivers 80.0, completeness 90.0, best case 85.0`: the scores that follow a
    /// subject's score in the details of the HTML and Markdown reports.
    static func otherScores(_ subject: SubjectReport) -> String {
        "without waivers \(subject.scoreWithoutWaivers), completeness \(subject.completeness), best case \(subject.bestCaseScore)"
    }

    /// `waived (fail)` for a waived criterion, else the outcome.
    static func outcome(_ criterion: CriterionOutcome) -> String {
        criterion.outcome == .waived ? "waived (\(criterion.underlying))" : criterion.outcome.rawValue
    }

    /// `100 × (passed 4 + waived 0) / applicable 10`: how the score comes from the weights.
    static func scoreFormula(_ subject: SubjectReport) -> String {
        let weights = subject.weights
        return
            "100 × (passed \(number(weights.passed)) + waived \(number(weights.waived))) / applicable \(number(weights.applicable))"
    }

    /// `mandatory, weight 3` or `weight 1`.
    static func weight(_ weight: Double, mandatory: Bool) -> String {
        (mandatory ? "mandatory, " : "") + "weight \(number(weight))"
    }

    /// What a fact's status means for the rule.
    static func status(_ fact: FactEntry) -> String {
        switch fact.status {
        case .used: return "used"
        case .missing: return "unknown: no value"
        case .belowConfidence: return "unknown: below min_confidence"
        }
    }

    /// `source misp-repo, verified, assessed 2026-10-01`, or empty.
    static func provenance(_ fact: FactEntry) -> String {
        var parts: [String] = []
        if let source = fact.source { parts.append("source \(source)") }
        if let confidence = fact.confidence { parts.append(confidence.rawValue) }
        if let assessed = fact.assessed { parts.append("assessed \(assessed)") }
        return parts.joined(separator: ", ")
    }

    /// `tool.e2ee = false (source misp-repo, verified) at file:line:col`, in one line.
    static func fact(_ fact: FactEntry) -> String {
        var text = fact.path
        switch fact.status {
        case .missing: text += ": no value (unknown)"
        case .used: text += " = " + fact.valueText
        case .belowConfidence: text += " = " + fact.valueText + " (below min_confidence: unknown)"
        }
        let provenance = provenance(fact)
        if !provenance.isEmpty { text += " (\(provenance))" }
        if let location = fact.location { text += " at \(location)" }
        return text
    }

    /// `usage`, `tool`.
    static func scope(_ policy: PolicyReport) -> String { policy.scope.rawValue }

    /// `gap`, or `incomplete (gap to single-point)`.
    static func status(_ status: String, worst: String?, best: String?) -> String {
        guard status == "incomplete", let worst, let best else { return status }
        return "incomplete (\(worst) to \(best))"
    }

    /// `2 gap, 0 single-point, …`.
    static func statusCounts(_ counts: [CoverageSection.StatusCount]) -> String {
        counts.map { "\($0.cells) \($0.status)" }.joined(separator: ", ")
    }

    /// What a gap entry means, in a sentence.
    static func gap(_ gap: GapEntry) -> String {
        let used = gap.usedTools.joined(separator: ", ")
        switch gap.kind {
        case .gap:
            return "no usage meets the policy (used: \(used.isEmpty ? "none" : used))"
        case .singlePoint:
            return "only \(gap.meetingTools.joined(separator: ", ")) meets the policy: a single point of failure"
        case .atRisk:
            let possible =
                gap.possibleTools.isEmpty
                ? "" : "; would meet if unknowns pass: \(gap.possibleTools.joined(separator: ", "))"
            return
                "\(gap.worstCase ?? "?") in the worst case, \(gap.bestCase ?? "?") in the best (used: \(used))\(possible)"
        }
    }

    /// `a, b` or `-`.
    static func list(_ items: [String]) -> String { items.isEmpty ? "-" : items.joined(separator: ", ") }

    /// `misp (ENISA; incomplete; onboarded all (1 of 1, 100.0%))`: a usage in a coverage
    /// cell.
    static func usage(_ usage: CoverageUsageReport) -> String {
        var text = usage.tool
        var parts: [String] = [usage.operator ?? "operator not stated", usage.verdict?.rawValue ?? "not judged"]
        if usage.removed { parts.insert("dropped", at: 0) }
        parts.append("onboarded \(usage.onboardedText)")
        text += " (" + parts.joined(separator: "; ") + ")"
        return text
    }

    /// `2 tools, 1 operator`, or `-` without a policy.
    static func target(tools: Int?, operators: Int?) -> String {
        guard let tools, let operators else { return "-" }
        return "\(count(tools, "tool")), \(count(operators, "operator"))"
    }

    /// `25 tools (listed 0, rule 1, unknown 24)`.
    static func dropped(_ scenario: ScenarioReport) -> String {
        let reasons = scenario.droppedByReason.map { "\($0.reason) \($0.tools)" }.joined(separator: ", ")
        return "\(count(scenario.dropped.count, "tool")) (\(reasons))"
    }

    /// `9 networks × purposes`.
    static func cells(_ n: Int) -> String { count(n, "network × purpose", plural: "networks × purposes") }
}
