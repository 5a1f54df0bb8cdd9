import AssessmentKit
import InventoryKit

/// Phrases every report format shares, so the same thing is said the same way in each.
enum ReportWording {
    /// `1 subject`, `3 subjects`.
    static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? noun : plural ?? noun + "s")
    }

    /// A weight or pass score as written in the policy: `3`, `0.5`.
    static func number(_ value: Double) -> String { RuleValue.format(value) }

    /// `3 meet, 1 incomplete, 0 fail`.
    static func verdicts(_ counts: VerdictCounts) -> String {
        "\(counts.meets) meet, \(counts.incomplete) incomplete, \(counts.fails) fail"
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
}
