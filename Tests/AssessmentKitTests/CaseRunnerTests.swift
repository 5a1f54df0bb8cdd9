import AssessmentKit
import Foundation
import InventoryKit
import Testing

/// Runs every table-driven case in `Cases/*.yaml`.
///
/// A case with `rule:` compiles the rule against the case's catalogue and evaluates it
/// for the case's tool (and usage); it wants a truth value (`want`), or an error
/// (`want_error`: code, column in the rule, caret). A case with `policy:` loads the
/// policy text as `policy.yaml`, prepares it for the case's inventory and evaluates it;
/// it wants results per subject (`want`), the judged subjects (`want_subjects`), the
/// diagnostic codes (`want_diagnostics`) or an error (`want_error`: code, line, column,
/// caret under the file's line).
@Suite struct CaseRunnerTests {
    static let cases = AssessmentCase.all()

    @Test func thereAreEnoughCases() {
        #expect(Self.cases.count >= 40, "only \(Self.cases.count) cases found")
        let names = Self.cases.map(\.testDescription)
        #expect(Set(names).count == names.count, "case names repeat within a file")
    }

    @Test(arguments: cases)
    func runCase(_ testCase: AssessmentCase) throws {
        if testCase.map["policy"] != nil {
            try runPolicyCase(testCase)
        } else {
            try runRuleCase(testCase)
        }
    }

    // MARK: Rules

    private func runRuleCase(_ testCase: AssessmentCase) throws {
        let inventory = try testCase.inventory()
        let scope =
            testCase.text("scope").flatMap(PolicyScope.init(rawValue:))
            ?? (inventory.networks.isEmpty ? .tool : .usage)
        let schema = RuleSchema(scope: scope, inventory: inventory)
        let text = try #require(testCase.text("rule"), "a case needs rule: or policy:")

        if let wanted = testCase.map["want_error"]?.mapping {
            do {
                let rule = try CompiledRule.compile(text, schema: schema)
                Issue.record("compiled without error: \(rule.text)")
            } catch {
                #expect(error.code.rawValue == wanted["code"]?.scalar?.text, "\(error)")
                if let column = wanted["column"]?.scalar?.text {
                    #expect(String(error.range.lowerBound + 1) == column, "\(error)")
                }
                if let width = wanted["width"]?.scalar?.text {
                    #expect(String(error.range.count) == width, "\(error)")
                }
                if let caret = wanted["caret"]?.scalar?.text {
                    #expect(error.caret(in: text) == text + "\n" + caret, "\(error)")
                }
                if let message = wanted["message"]?.scalar?.text {
                    #expect(error.message.contains(message), "\(error)")
                }
                if let hint = wanted["hint"]?.scalar?.text {
                    #expect(error.hint?.contains(hint) == true, "hint: \(error.hint ?? "none")")
                }
            }
            return
        }

        let rule = try CompiledRule.compile(text, schema: schema)
        let network = inventory.networks.first
        let context = RuleContext(
            tool: inventory.tools.first, usage: network?.uses.first, network: network, asOf: testCase.asOf,
            minConfidence: testCase.text("min_confidence").flatMap(Confidence.init(rawValue:)))
        let evaluation = rule.evaluate(in: context)
        let wanted = try #require(testCase.text("want"), "a rule case needs want: or want_error:")
        #expect(
            evaluation.truth.rawValue == wanted,
            "facts: \(evaluation.facts.map { "\($0.path)=\($0.value?.description ?? "-") \($0.status)" })")
        for entry in testCase.map["want_facts"]?.mapping?.entries ?? [] {
            let fact = evaluation.facts.first { $0.path == entry.key }
            #expect(fact?.status.rawValue == entry.value.scalar?.text, "fact \(entry.key)")
        }
        let warnings = testCase.text("want_warnings").flatMap(Int.init) ?? 0
        #expect(evaluation.warnings.count == warnings, "\(evaluation.warnings)")
    }

    // MARK: Policies

    private func runPolicyCase(_ testCase: AssessmentCase) throws {
        let inventory = try testCase.inventory()
        let text = try #require(testCase.text("policy"))
        let (policy, loadDiagnostics) = PolicyLoader.parse(text, file: "policy.yaml")
        var diagnostics = loadDiagnostics
        var assessment: Assessment?
        if let policy {
            let (prepared, found) = PreparedPolicy.prepare(policy, for: inventory)
            diagnostics += found
            if let prepared, !diagnostics.hasErrors {
                let result = Assessor.evaluate(inventory, policies: [prepared], asOf: testCase.asOf)
                diagnostics += result.diagnostics
                assessment = result
            }
        }

        if let wanted = testCase.map["want_diagnostics"]?.sequence {
            #expect(
                diagnostics.map(\.code).sorted() == wanted.compactMap { $0.scalar?.text }.sorted(), "\(diagnostics)")
        }
        if let wanted = testCase.map["want_error"]?.mapping {
            let code = try #require(wanted["code"]?.scalar?.text)
            let diagnostic = try #require(diagnostics.first { $0.code == code }, "no \(code) in \(diagnostics)")
            #expect(diagnostic.severity == .error)
            if let line = wanted["line"]?.scalar?.text {
                #expect(String(diagnostic.location?.line ?? 0) == line, "\(diagnostic)")
            }
            if let column = wanted["column"]?.scalar?.text {
                #expect(String(diagnostic.location?.column ?? 0) == column, "\(diagnostic)")
            }
            if let caret = wanted["caret"]?.scalar?.text {
                let excerpt = diagnostic.message.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
                #expect(excerpt.joined(separator: "\n") == caret, "\(diagnostic.message)")
            }
            if let message = wanted["message"]?.scalar?.text {
                #expect(diagnostic.message.contains(message), "\(diagnostic.message)")
            }
            #expect(assessment == nil, "an invalid policy must not be evaluated")
            return
        }
        if diagnostics.hasErrors {
            #expect(testCase.map["want_diagnostics"] != nil, "unexpected errors: \(diagnostics)")
            #expect(assessment == nil, "an invalid policy must not be evaluated")
            return
        }
        let result = try #require(assessment, "\(diagnostics)")

        if let wanted = testCase.map["want_subjects"]?.sequence {
            #expect(result.results.map(\.subject.id) == wanted.compactMap { $0.scalar?.text })
        }
        for item in testCase.map["want"]?.sequence ?? [] {
            let want = try #require(item.mapping)
            let subject = try #require(want["subject"]?.scalar?.text)
            let judged = try #require(result.results.first { $0.subject.id == subject }, "\(subject) was not judged")
            let scores = judged.scores
            if let verdict = want["verdict"]?.scalar?.text { #expect(judged.verdict.rawValue == verdict, "\(subject)") }
            func percent(_ key: String, _ value: Percentage) {
                if let text = want[key]?.scalar?.text, let number = Double(text) {
                    #expect(value.rounded == number, "\(subject) \(key) = \(value)")
                }
            }
            percent("score", scores.score)
            percent("score_without_waivers", scores.scoreWithoutWaivers)
            percent("completeness", scores.completeness)
            percent("best_case", scores.bestCaseScore)
            if let applicability = want["applicability"]?.scalar?.text {
                #expect(judged.applicability.rawValue == applicability, "\(subject)")
            }
            for entry in want["outcomes"]?.mapping?.entries ?? [] {
                let criterion = try #require(
                    judged.criteria.first { $0.criterion == entry.key }, "no criterion \(entry.key)")
                let shown =
                    criterion.outcome == .waived ? "waived (\(criterion.underlying))" : criterion.outcome.rawValue
                #expect(shown == entry.value.scalar?.text, "\(subject) \(entry.key)")
            }
        }
    }
}
