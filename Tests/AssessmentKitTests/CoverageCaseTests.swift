import AssessmentKit
import Foundation
import InventoryKit
import Testing

/// Runs every table-driven coverage case in `Cases/coverage/*.yaml`.
///
/// A case builds its inventory as the rule and policy cases do (`catalogue:`, `tools:`,
/// `networks:`), evaluates the usage policies (`policies:`, a list of policy texts, or
/// `policy:`), builds the coverage and, with `without:` (tool ids) or `scenario:` (a named
/// scenario or a scenario file's text), one scenario. It wants:
/// - `want_cells`: per cell (`network/purpose`) any of `status`, `worst`, `best`,
///   `meeting` (tools meeting in the worst case), `possible` (meeting only in the best),
///   `operators`, `policies`, `target` (`[min_tools, min_operators]`), `verdicts`
///   (tool → combined verdict, `none` when unjudged), `removed`;
/// - `want_cell_ids`: every cell, in order;
/// - `want_pairs` (`pair: purpose/first/second`, `tools`, `possible`) and `want_pair_ids`;
/// - `want_onboarding`: per `network/tool`, `basis`, `members`, `share`;
/// - for the scenario: `want_dropped` (tool → reason, exactly), `want_scenario_cells`,
///   `want_breaks` (cell → `before -> after`, exactly), `want_lost_pairs` (pair →
///   `before -> after`, exactly), or `want_scenario_diagnostics` (codes, exactly).
@Suite struct CoverageCaseTests {
    static let cases = AssessmentCase.all(in: "Tests/AssessmentKitTests/Cases/coverage")

    @Test func thereAreEnoughCases() {
        #expect(Self.cases.count >= 20, "only \(Self.cases.count) coverage cases found")
        let names = Self.cases.map(\.testDescription)
        #expect(Set(names).count == names.count, "case names repeat within a file")
    }

    @Test(arguments: cases)
    func runCase(_ testCase: AssessmentCase) throws {
        let inventory = try testCase.inventory()
        var texts = testCase.map["policies"]?.sequence?.compactMap { $0.scalar?.text } ?? []
        if let single = testCase.text("policy") { texts.append(single) }
        var policies: [PreparedPolicy] = []
        for (index, text) in texts.enumerated() {
            let (policy, loaded) = PolicyLoader.parse(text, file: "policy-\(index).yaml")
            #expect(!loaded.hasErrors, "\(loaded)")
            let (prepared, found) = PreparedPolicy.prepare(try #require(policy), for: inventory)
            policies.append(try #require(prepared, "\(found)"))
        }
        let assessment = Assessor.evaluate(inventory, policies: policies, asOf: testCase.asOf)

        var scenarios: [PreparedScenario] = []
        var scenarioDiagnostics: [Diagnostic] = []
        var scenario: Scenario?
        if let tools = testCase.map["without"]?.sequence {
            scenario = .without(tools.compactMap { $0.scalar?.text })
        }
        if let text = testCase.text("scenario") {
            if let named = Scenario.named(text) {
                scenario = named
            } else {
                let (parsed, found) = ScenarioLoader.parse(text, file: "scenario.yaml")
                scenarioDiagnostics += found
                scenario = parsed
            }
        }
        if let scenario {
            let (prepared, found) = PreparedScenario.prepare(scenario, for: inventory)
            scenarioDiagnostics += found
            if let prepared { scenarios.append(prepared) }
        }
        if let wanted = testCase.map["want_scenario_diagnostics"]?.sequence {
            #expect(
                scenarioDiagnostics.map(\.code).sorted() == wanted.compactMap { $0.scalar?.text }.sorted(),
                "\(scenarioDiagnostics)")
        } else {
            #expect(!scenarioDiagnostics.hasErrors, "\(scenarioDiagnostics)")
        }

        let report = CoverageReport(
            inventory: inventory, assessment: assessment, policies: policies, scenarios: scenarios)
        try check(testCase.map["want_cells"], in: report.baseline)
        if let wanted = testCase.map["want_cell_ids"]?.sequence {
            #expect(report.baseline.cells.map(\.id) == wanted.compactMap { $0.scalar?.text })
        }
        try checkPairs(testCase, in: report.baseline)
        for item in testCase.map["want_onboarding"]?.sequence ?? [] {
            let want = try #require(item.mapping)
            let id = try #require(want["usage"]?.scalar?.text)
            let parts = id.split(separator: "/").map(String.init)
            let usage = try #require(
                report.baseline.cells.first { $0.network == parts[0] }?.usages.first { $0.tool == parts[1] },
                "no usage \(id)")
            let onboarding = usage.onboarding
            if let basis = want["basis"]?.scalar?.text { #expect(onboarding.basis.rawValue == basis, "\(id)") }
            if let members = want["members"]?.scalar?.text {
                #expect(onboarding.members.map(String.init) ?? "unknown" == members, "\(id)")
            }
            if let share = want["share"]?.scalar?.text {
                #expect(onboarding.share?.description ?? "unknown" == share, "\(id)")
            }
        }

        guard let outcome = report.scenarios.first else {
            #expect(testCase.map["want_dropped"] == nil, "the case wants a scenario but none ran")
            return
        }
        if let wanted = testCase.map["want_dropped"]?.mapping {
            let got = Dictionary(uniqueKeysWithValues: outcome.dropped.map { ($0.tool, $0.reason.rawValue) })
            #expect(got == textMap(wanted))
        }
        try check(testCase.map["want_scenario_cells"], in: outcome.coverage)
        if let wanted = testCase.map["want_breaks"]?.mapping {
            let got = Dictionary(
                uniqueKeysWithValues: outcome.breaks.map {
                    ($0.id, "\($0.before?.label ?? "none") -> \($0.after?.label ?? "none")")
                })
            #expect(got == textMap(wanted))
        }
        if let wanted = testCase.map["want_lost_pairs"]?.mapping {
            let got = Dictionary(
                uniqueKeysWithValues: outcome.lostPairs.map {
                    ("\($0.purpose)/\($0.first)/\($0.second)", "\($0.before.rawValue) -> \($0.after.rawValue)")
                })
            #expect(got == textMap(wanted))
        }
    }

    private func textMap(_ map: YAMLMapping) -> [String: String] {
        var result: [String: String] = [:]
        for entry in map.entries { result[entry.key] = entry.value.scalar?.text ?? "" }
        return result
    }

    private func list(_ node: YAMLNode?) -> [String]? { node?.sequence?.compactMap { $0.scalar?.text } }

    private func check(_ wanted: YAMLNode?, in matrix: CoverageMatrix) throws {
        for item in wanted?.sequence ?? [] {
            let want = try #require(item.mapping)
            let id = try #require(want["cell"]?.scalar?.text)
            let parts = id.split(separator: "/").map(String.init)
            try #require(parts.count == 2, "write cell: network/purpose")
            let cell = try #require(
                matrix.cell(network: parts[0], purpose: parts[1]), "no cell \(id) in \(matrix.cells.map(\.id))")
            if let status = want["status"]?.scalar?.text {
                #expect(cell.status.label == status, "\(id): \(cell.status)")
            }
            if let worst = want["worst"]?.scalar?.text { #expect(cell.status.worst?.rawValue == worst, "\(id)") }
            if let best = want["best"]?.scalar?.text { #expect(cell.status.best?.rawValue == best, "\(id)") }
            if let meeting = list(want["meeting"]) { #expect(cell.worst.tools == meeting, "\(id) meeting") }
            if let possible = list(want["possible"]) {
                let sure = Set(cell.worst.tools)
                #expect(cell.best.tools.filter { !sure.contains($0) } == possible, "\(id) possible")
            }
            if let operators = list(want["operators"]) { #expect(cell.worst.operators == operators, "\(id)") }
            if let policies = list(want["policies"]) { #expect(cell.policies == policies, "\(id) policies") }
            if let target = list(want["target"]) {
                let got = cell.target.map { ["\($0.minTools)", "\($0.minOperators)"] } ?? []
                #expect(got == target, "\(id) target")
            }
            if let verdicts = want["verdicts"]?.mapping {
                let got = Dictionary(
                    uniqueKeysWithValues: cell.usages.map { ($0.tool, $0.verdict?.rawValue ?? "none") })
                #expect(got == textMap(verdicts), "\(id) verdicts")
            }
            if let removed = list(want["removed"]) {
                #expect(cell.usages.filter(\.removed).map(\.tool) == removed, "\(id) removed")
            }
        }
    }

    private func checkPairs(_ testCase: AssessmentCase, in matrix: CoverageMatrix) throws {
        if let wanted = list(testCase.map["want_pair_ids"]) {
            #expect(matrix.pairs.map(\.id) == wanted)
        }
        for item in testCase.map["want_pairs"]?.sequence ?? [] {
            let want = try #require(item.mapping)
            let id = try #require(want["pair"]?.scalar?.text)
            let pair = try #require(matrix.pairs.first { $0.id == id }, "no pair \(id) in \(matrix.pairs.map(\.id))")
            if let tools = list(want["tools"]) { #expect(pair.tools == tools, "\(id) tools") }
            if let possible = list(want["possible"]) { #expect(pair.possibleTools == possible, "\(id) possible") }
        }
    }
}
