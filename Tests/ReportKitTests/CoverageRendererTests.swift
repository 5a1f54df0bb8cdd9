import AssessmentKit
import Foundation
import InventoryKit
import ReportKit
import Testing

/// `CoverageRenderer`: every format shows the same statuses and changes, JSON is valid with
/// sorted keys, and the text names what a scenario broke.
@Suite struct CoverageRendererTests {
    static let date = CalendarDate(year: 2026, month: 11, day: 1)!

    /// n1 uses chat (meets, op1) and mail (fails) for crisis coordination, n2 uses chat too;
    /// the scenario removes chat.
    static func report(filterNetworks: [String] = []) throws -> CoverageReport {
        let inventory = Inventory(
            title: "Test", asOf: date, purposes: [Purpose(id: "crisis-coordination", title: "Crisis")],
            catalogue: [PropertyDefinition(id: "end_to_end_encryption", type: .bool, description: "E2EE")],
            networks: [
                Network(
                    id: "n1", name: "Network | one", kind: .civilian,
                    members: [Member(id: "a", name: "A", country: "FR"), Member(id: "b", name: "B", country: "DE")],
                    uses: [
                        Usage(tool: "chat", purposes: ["crisis-coordination"], role: .primary, onboarded: .count(1)),
                        Usage(tool: "mail", purposes: ["crisis-coordination"], role: .backup),
                    ]),
                Network(
                    id: "n2", name: "Network 2", kind: .military,
                    uses: [Usage(tool: "chat", purposes: ["crisis-coordination"], role: .primary, onboarded: .all)]),
            ],
            tools: [
                Tool(
                    id: "chat", name: "Chat", category: "messenger", operator: "op1",
                    properties: ["end_to_end_encryption": SourcedValue(.bool(true))]),
                Tool(
                    id: "mail", name: "Mail", category: "email", operator: "op2",
                    properties: ["end_to_end_encryption": SourcedValue(.bool(false))]),
            ])
        let (policy, _) = PolicyLoader.parse(
            """
            id: crisis
            title: Crisis
            scope: usage
            pass_score: 100
            coverage: {min_tools: 2, min_operators: 2}
            criteria:
              - {id: e2ee, title: E2EE, rule: "tool.end_to_end_encryption"}
            """, file: "crisis.yaml")
        let (prepared, _) = PreparedPolicy.prepare(try #require(policy), for: inventory)
        let policies = [try #require(prepared)]
        let (scenario, _) = PreparedScenario.prepare(.without(["chat"]), for: inventory)
        let assessment = Assessor.evaluate(inventory, policies: policies, asOf: date)
        return CoverageReport(
            inventory: inventory, assessment: assessment, policies: policies, scenarios: [try #require(scenario)]
        ).filtered(networks: filterNetworks, purposes: [])
    }

    @Test func textNamesStatusesUsagesAndBreaks() throws {
        let text = CoverageRenderer(format: .text).render(try Self.report())
        #expect(text.hasPrefix("Coverage as of 2026-11-01\n"))
        #expect(text.contains("2 cells: 0 covered, 0 below-target, 2 single-point, 0 gap, 0 incomplete, 0 no-policy\n"))
        #expect(text.contains("  crisis-coordination  SINGLE-POINT  target 2 tools, 2 operators (crisis)\n"))
        #expect(text.contains("    - chat (op1, primary): meets (crisis: meets 100.0); onboarded 1 of 2 (50.0%)\n"))
        #expect(text.contains("    - mail (op2, backup): fails (crisis: fails 0.0); onboarded unknown\n"))
        #expect(text.contains("  crisis-coordination  n1 and n2: chat\n"))
        #expect(text.contains("Scenario without: Without chat\n"))
        #expect(text.contains("    - n1/crisis-coordination: single-point -> gap\n"))
        #expect(text.contains("    - crisis-coordination  n1 and n2: established (chat) -> none\n"))
    }

    @Test func jsonIsValidSortedAndCarriesTheSameStatuses() throws {
        let json = CoverageRenderer(format: .json).render(try Self.report())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == CoverageRenderer.jsonSchema)
        let coverage = try #require(object["coverage"] as? [String: Any])
        let cells = try #require(coverage["cells"] as? [[String: Any]])
        #expect(cells.map { $0["status"] as? String } == ["single-point", "single-point"])
        #expect((coverage["summary"] as? [String: Int])?["single-point"] == 2)
        let scenarios = try #require(object["scenarios"] as? [[String: Any]])
        let changes = try #require(scenarios.first?["changes"] as? [[String: Any]])
        #expect(changes.compactMap { ($0["after"] as? [String: Any])?["status"] as? String } == ["gap", "gap"])
        // Keys in sorted order at the top level (the writer sorts every object).
        let keys = json.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map {
            String($0.dropFirst(3).prefix { $0 != "\"" })
        }
        #expect(keys == ["as_of", "coverage", "scenarios", "schema"])
    }

    @Test func markdownAndCSVCarryTheSameStatuses() throws {
        let report = try Self.report()
        let markdown = CoverageRenderer(format: .md).render(report)
        #expect(markdown.contains("| `n1` | `crisis-coordination` | single-point | chat | none |"))
        #expect(markdown.contains("| `n1` | `crisis-coordination` | single-point | gap | yes |"))
        let csv = CoverageRenderer(format: .csv).render(report)
        let rows = csv.split(separator: "\r\n").map(String.init)
        #expect(rows.first == CoverageRenderer.csvColumns.joined(separator: ","))
        #expect(rows.count == 1 + 2 + 2)
        #expect(
            rows[1].hasPrefix(
                ",n1,crisis-coordination,single-point,single-point,single-point,single-point,crisis,2,2,2,chat,op1,,"))
        #expect(rows[3].hasPrefix("without,n1,crisis-coordination,gap,gap,gap,single-point,"))
        #expect(rows[3].hasSuffix(",chat"))
    }

    @Test func filteringKeepsOnlyTheChosenNetworksAndTheirPairs() throws {
        let report = try Self.report(filterNetworks: ["n2"])
        #expect(report.baseline.cells.map(\.id) == ["n2/crisis-coordination"])
        #expect(report.baseline.pairs.map(\.id) == ["crisis-coordination/n1/n2"])
        #expect(report.scenarios[0].comparison.cells.map(\.id) == ["n2/crisis-coordination"])
        let text = CoverageRenderer(format: .text).render(report)
        #expect(!text.contains("\nn1  "))
    }
}
