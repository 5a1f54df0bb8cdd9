import AssessmentKit
import InventoryKit

/// The output formats of `commsmap assess`.
public enum AssessmentFormat: String, Sendable, CaseIterable {
    case text, json, csv, md
}

/// Formats an `Assessment` for `commsmap assess`: text for a terminal, JSON (sorted keys,
/// versioned), CSV (one row per subject and criterion that did not pass) and Markdown.
///
/// Only formatting happens here: every number, rounding and order comes from the
/// assessment, so all formats agree. Output goes to `emit` in pieces (one per subject),
/// so a large assessment is never held twice in memory. `commsmap report` has its own
/// renderers (`ReportRenderer`); this one keeps `assess`'s output as it was.
public struct AssessmentRenderer {
    /// The `schema` field of the JSON output.
    public static let jsonSchema = "commsmap.assessment/1"

    public let format: AssessmentFormat

    public init(format: AssessmentFormat) {
        self.format = format
    }

    /// Renders the whole assessment, calling `emit` with consecutive pieces of output.
    public func render(_ assessment: Assessment, emit: (String) -> Void) {
        switch format {
        case .text: renderText(assessment, emit: emit)
        case .json: renderJSON(assessment, emit: emit)
        case .csv: renderCSV(assessment, emit: emit)
        case .md: renderMarkdown(assessment, emit: emit)
        }
    }

    /// Renders to one string (tests, small assessments).
    public func render(_ assessment: Assessment) -> String {
        var out = ""
        render(assessment) { out += $0 }
        return out
    }

    // MARK: Shared wording

    /// Each subject's results grouped by policy, in the assessment's order.
    private func grouped(_ assessment: Assessment) -> [(Assessment.PolicySummary, ArraySlice<SubjectAssessment>)] {
        var groups: [(Assessment.PolicySummary, ArraySlice<SubjectAssessment>)] = []
        var start = 0
        let results = assessment.results
        for summary in assessment.policies {
            var end = start
            while end < results.count, results[end].policy == summary.id { end += 1 }
            groups.append((summary, results[start..<end]))
            start = end
        }
        return groups
    }

    /// The criteria worth showing: all that did not simply pass or not apply.
    static func notPassed(_ result: SubjectAssessment) -> [CriterionResult] {
        result.criteria.filter { $0.outcome == .fail || $0.outcome == .unknown || $0.outcome == .waived }
    }

    /// `1 subject`, `3 subjects`.
    static func count(_ n: Int, _ noun: String) -> String { ReportWording.count(n, noun) }

    static func outcomeLabel(_ criterion: CriterionResult) -> String {
        criterion.outcome == .waived ? "waived (\(criterion.underlying))" : criterion.outcome.rawValue
    }

    /// `3 subjects: 1 meet, 1 incomplete, 1 fail`: a policy's verdicts, as the text and
    /// Markdown outputs both summarise them.
    static func verdictCounts(_ summary: Assessment.PolicySummary) -> String {
        "\(count(summary.subjects, "subject")): \(summary.meets) meet, \(summary.incomplete) incomplete, \(summary.fails) fail"
    }

    /// `weight 2, mandatory`, `weight 1`.
    static func weight(_ criterion: CriterionResult) -> String {
        "weight \(RuleValue.format(criterion.weight))\(criterion.mandatory ? ", mandatory" : "")"
    }

    /// `tool.e2ee = false (source misp-repo, verified, assessed 2026-10-01) at file:line:col`.
    static func describe(_ fact: Fact) -> String {
        var text = fact.path
        switch fact.status {
        case .missing: text += ": no value (unknown)"
        case .used: text += " = " + (fact.value?.description ?? "none (unclassified)")
        case .belowConfidence: text += " = " + (fact.value?.description ?? "?") + " (below min_confidence: unknown)"
        }
        var provenance: [String] = []
        if let source = fact.source { provenance.append("source \(source)") }
        if let confidence = fact.confidence { provenance.append(confidence.rawValue) }
        if let assessed = fact.assessed { provenance.append("assessed \(assessed)") }
        if !provenance.isEmpty { text += " (" + provenance.joined(separator: ", ") + ")" }
        if let location = fact.location { text += " at \(location)" }
        return text
    }

    /// `100 × (4 + 0) / 10`: how the score comes from the weights.
    static func scoreFormula(_ scores: ScoreCard) -> String {
        "100 × (passed \(RuleValue.format(scores.passedWeight)) + waived \(RuleValue.format(scores.waivedWeight))) / applicable \(RuleValue.format(scores.applicableWeight))"
    }

    // MARK: Text

    private func renderText(_ assessment: Assessment, emit: (String) -> Void) {
        emit("Assessment as of \(assessment.asOf)\n")
        for (summary, results) in grouped(assessment) {
            var out = "\nPolicy \(summary.id): \(summary.title)\n"
            out += "  scope \(summary.scope.rawValue), pass score \(RuleValue.format(summary.passScore))\n"
            out += "  \(AssessmentRenderer.verdictCounts(summary))\n"
            emit(out)
            for result in results {
                let scores = result.scores
                var block = "\n  \(result.subject.id)  \(result.verdict.rawValue.uppercased())\n"
                block += "    score \(scores.score) = \(AssessmentRenderer.scoreFormula(scores))\n"
                block +=
                    "    without waivers \(scores.scoreWithoutWaivers), completeness \(scores.completeness), best case \(scores.bestCaseScore)\n"
                if result.applicability == .unknown {
                    block += "    applies_when is unknown: judged as if the policy applied\n"
                    for fact in result.applicabilityFacts { block += "      \(AssessmentRenderer.describe(fact))\n" }
                }
                for criterion in AssessmentRenderer.notPassed(result) {
                    block +=
                        "    \(AssessmentRenderer.outcomeLabel(criterion)): \(criterion.criterion) (\(criterion.title); \(AssessmentRenderer.weight(criterion)))\n"
                    if let waiver = criterion.waiver {
                        block +=
                            "      waiver until \(waiver.expires), approved by \(waiver.approvedBy): \(waiver.justification)\n"
                    }
                    for fact in criterion.facts { block += "      \(AssessmentRenderer.describe(fact))\n" }
                    for warning in criterion.warnings { block += "      warning: \(warning)\n" }
                }
                emit(block)
            }
        }
    }

    // MARK: JSON

    private func renderJSON(_ assessment: Assessment, emit: (String) -> Void) {
        // The top level is written by hand so results can be emitted one at a time; each
        // piece is a JSONValue with sorted keys, and the top-level keys are in sorted
        // order too: as_of, diagnostics, policies, results, schema. Each result is one
        // compact line: the output stays diffable line by line and half the size.
        var head = Array("{\n  \"as_of\": ".utf8)
        JSONValue.writeString(assessment.asOf.description, to: &head)
        head += ",\n  \"diagnostics\": ".utf8
        JSONValue.array(assessment.diagnostics.map(AssessmentRenderer.json)).write(to: &head, indent: 1)
        head += ",\n  \"policies\": ".utf8
        JSONValue.array(assessment.policies.map(AssessmentRenderer.json)).write(to: &head, indent: 1)
        head += ",\n  \"results\": [".utf8
        emit(String(decoding: head, as: UTF8.self))
        let results = assessment.results
        JSONValue.emitLines(results, batch: 4096, minimumSlice: 128, emit: emit) { AssessmentRenderer.json($0) }
        var piece = Array((results.isEmpty ? "]" : "\n  ]").utf8)
        piece += ",\n  \"schema\": ".utf8
        JSONValue.writeString(AssessmentRenderer.jsonSchema, to: &piece)
        piece += "\n}\n".utf8
        emit(String(decoding: piece, as: UTF8.self))
    }

    static func json(_ diagnostic: Diagnostic) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("code", .string(diagnostic.code)), ("message", .string(diagnostic.message)),
            ("severity", .string(diagnostic.severity.rawValue)),
        ]
        if let hint = diagnostic.hint { members.append(("hint", .string(hint))) }
        if let location = diagnostic.location { members.append(("location", .string(location.description))) }
        return .object(members)
    }

    static func json(_ summary: Assessment.PolicySummary) -> JSONValue {
        .object([
            ("fails", .number(summary.fails)), ("id", .string(summary.id)), ("incomplete", .number(summary.incomplete)),
            ("location", summary.location.map { .string($0.description) } ?? .null), ("meets", .number(summary.meets)),
            ("pass_score", .number(summary.passScore)), ("scope", .string(summary.scope.rawValue)),
            ("subjects", .number(summary.subjects)), ("title", .string(summary.title)),
        ])
    }

    static func json(_ value: RuleValue) -> JSONValue {
        switch value {
        case .bool(let b): return .bool(b)
        case .number(let x): return .number(x)
        case .date(let d): return .string(d.description)
        case .text(let t): return .string(t)
        case .marking(let m): return .string(m.description)
        case .unclassified: return .string("unclassified")
        case .list(let items): return .array(items.map(json))
        }
    }

    /// A fact: `path`, `status` and `value` always (`value` null when absent); the
    /// provenance fields only when known, to keep large outputs small.
    static func json(_ fact: Fact) -> JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(7)
        if let assessed = fact.assessed { members.append(("assessed", .string(assessed.description))) }
        if let confidence = fact.confidence { members.append(("confidence", .string(confidence.rawValue))) }
        if let location = fact.location { members.append(("location", .string(location.description))) }
        members.append(("path", .string(fact.path)))
        if let source = fact.source { members.append(("source", .string(source))) }
        members.append(("status", .string(fact.status.rawValue)))
        members.append(("value", fact.value.map(json) ?? .null))
        return .object(members)
    }

    static func json(_ criterion: CriterionResult) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("applicability", .string(criterion.applicability.rawValue)), ("facts", .array(criterion.facts.map(json))),
            ("id", .string(criterion.criterion)), ("mandatory", .bool(criterion.mandatory)),
            ("outcome", .string(criterion.outcome.rawValue)), ("title", .string(criterion.title)),
            ("underlying", .string(criterion.underlying.rawValue)),
        ]
        if let waiver = criterion.waiver {
            members.append(
                (
                    "waiver",
                    .object([
                        ("approved_by", .string(waiver.approvedBy)), ("expires", .string(waiver.expires.description)),
                        ("justification", .string(waiver.justification)),
                        ("location", waiver.location.map { .string($0.description) } ?? .null),
                    ])
                ))
        }
        if !criterion.warnings.isEmpty {
            members.append(("warnings", .array(criterion.warnings.map(JSONValue.string))))
        }
        members.append(("weight", .number(criterion.weight)))
        return .object(members)
    }

    static func json(_ result: SubjectAssessment) -> JSONValue {
        let scores = result.scores
        let passed = result.criteria.filter { $0.outcome == .pass }.map { JSONValue.string($0.criterion) }
        let notApplicable = result.criteria.filter { $0.outcome == .notApplicable }.map {
            JSONValue.string($0.criterion)
        }
        return .object([
            ("applicability", .string(result.applicability.rawValue)),
            ("applicability_facts", .array(result.applicabilityFacts.map(json))),
            ("best_case_score", .percentage(scores.bestCaseScore)),
            ("completeness", .percentage(scores.completeness)),
            ("criteria", .array(notPassed(result).map(json))),
            (
                "mandatory_met",
                .object([
                    ("best_case", .bool(scores.mandatoryMetInBestCase)),
                    ("worst_case", .bool(scores.mandatoryMetInWorstCase)),
                ])
            ),
            ("network", result.subject.network.map(JSONValue.string) ?? .null),
            ("not_applicable", .array(notApplicable)),
            ("passed", .array(passed)),
            ("policy", .string(result.policy)),
            ("scope", .string(result.subject.scope.rawValue)),
            ("score", .percentage(scores.score)),
            ("score_without_waivers", .percentage(scores.scoreWithoutWaivers)),
            ("subject", .string(result.subject.id)),
            ("tool", .string(result.subject.tool)),
            ("verdict", .string(result.verdict.rawValue)),
            (
                "weights",
                .object([
                    ("applicable", .number(scores.applicableWeight)), ("failed", .number(scores.failedWeight)),
                    ("known", .number(scores.knownWeight)), ("passed", .number(scores.passedWeight)),
                    ("unknown", .number(scores.unknownWeight)), ("waived", .number(scores.waivedWeight)),
                ])
            ),
        ])
    }

    // MARK: CSV

    /// The CSV header, in column order.
    public static let csvColumns = [
        "policy", "subject", "tool", "network", "verdict", "score", "score_without_waivers", "completeness",
        "best_case_score", "criterion", "outcome", "weight", "mandatory", "facts",
    ]

    private func renderCSV(_ assessment: Assessment, emit: (String) -> Void) {
        emit(AssessmentRenderer.csvColumns.joined(separator: ",") + "\r\n")
        for result in assessment.results {
            let scores = result.scores
            let subject = [
                result.policy, result.subject.id, result.subject.tool, result.subject.network ?? "",
                result.verdict.rawValue, scores.score.description, scores.scoreWithoutWaivers.description,
                scores.completeness.description, scores.bestCaseScore.description,
            ]
            var out = ""
            let shown = AssessmentRenderer.notPassed(result)
            if shown.isEmpty {
                out += AssessmentRenderer.csvRow(subject + ["", "", "", "", ""])
            }
            for criterion in shown {
                let facts = criterion.facts.map(AssessmentRenderer.describe).joined(separator: "; ")
                out += AssessmentRenderer.csvRow(
                    subject + [
                        criterion.criterion, AssessmentRenderer.outcomeLabel(criterion),
                        RuleValue.format(criterion.weight),
                        criterion.mandatory ? "true" : "false", facts,
                    ])
            }
            emit(out)
        }
    }

    /// RFC 4180: quote fields with commas, quotes or line breaks; CRLF line ends.
    static func csvRow(_ fields: [String]) -> String {
        fields.map { field in
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\r\n"
    }

    // MARK: Markdown

    private func renderMarkdown(_ assessment: Assessment, emit: (String) -> Void) {
        emit("# Assessment as of \(assessment.asOf)\n")
        for (summary, results) in grouped(assessment) {
            var out = "\n## \(AssessmentRenderer.markdownEscape(summary.title)) (`\(summary.id)`)\n\n"
            out += "Scope \(summary.scope.rawValue), pass score \(RuleValue.format(summary.passScore)). "
            out += "\(AssessmentRenderer.verdictCounts(summary)).\n\n"
            out += "| Subject | Verdict | Score | Without waivers | Completeness | Best case | Not passed |\n"
            out += "|---|---|---:|---:|---:|---:|---|\n"
            emit(out)
            for result in results {
                let scores = result.scores
                let notPassed = AssessmentRenderer.notPassed(result).map {
                    "\($0.criterion) (\(AssessmentRenderer.outcomeLabel($0)))"
                }
                emit(
                    "| `\(result.subject.id)` | \(result.verdict.rawValue) | \(scores.score) | \(scores.scoreWithoutWaivers) | \(scores.completeness) | \(scores.bestCaseScore) | \(AssessmentRenderer.markdownEscape(notPassed.joined(separator: ", "))) |\n"
                )
            }
            var details = ""
            for result in results where !AssessmentRenderer.notPassed(result).isEmpty {
                details += "\n### `\(result.subject.id)`: \(result.verdict.rawValue)\n\n"
                details += "Score \(result.scores.score) = \(AssessmentRenderer.scoreFormula(result.scores)).\n\n"
                for criterion in AssessmentRenderer.notPassed(result) {
                    details +=
                        "- **\(AssessmentRenderer.outcomeLabel(criterion))** `\(criterion.criterion)`: \(AssessmentRenderer.markdownEscape(criterion.title)) (\(AssessmentRenderer.weight(criterion)))\n"
                    if let waiver = criterion.waiver {
                        details +=
                            "  - waiver until \(waiver.expires), approved by \(AssessmentRenderer.markdownEscape(waiver.approvedBy)): \(AssessmentRenderer.markdownEscape(waiver.justification))\n"
                    }
                    for fact in criterion.facts {
                        details += "  - \(AssessmentRenderer.markdownEscape(AssessmentRenderer.describe(fact)))\n"
                    }
                }
                if details.utf8.count > 1 << 16 {
                    emit(details)
                    details = ""
                }
            }
            emit(details)
        }
    }

    /// Escapes the characters that would break a table cell or start markup.
    static func markdownEscape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|", "*", "_", "`", "<", ">", "[", "]", "\\": out += "\\\(character)"
            case "\n": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
