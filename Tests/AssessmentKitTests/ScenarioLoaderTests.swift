import AssessmentKit
import Foundation
import InventoryKit
import Testing

/// Scenario files: read through the located YAML layer, every problem with its place, and
/// `drop_when` type-checked with the rule compiler (caret under the offending part).
@Suite struct ScenarioLoaderTests {
    static let inventory = Inventory(
        title: "Test", asOf: CalendarDate(year: 2026, month: 11, day: 1)!,
        catalogue: [
            PropertyDefinition(id: "hosting", type: .enumeration(["on-premises", "eu-cloud"]), description: "Hosting"),
            PropertyDefinition(id: "internet_independent", type: .bool, description: "Works offline"),
        ],
        tools: [Tool(id: "misp", name: "MISP", category: "threat-intel-platform")])

    @Test func readsAValidFile() throws {
        let (scenario, diagnostics) = ScenarioLoader.parse(
            """
            id: eu-cloud-outage
            title: EU cloud outage
            description: The shared region is down.
            without: [misp, misp]
            drop_when: "tool.hosting == 'eu-cloud'"
            """, file: "s.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let read = try #require(scenario)
        #expect(read.id == "eu-cloud-outage")
        #expect(read.title == "EU cloud outage")
        #expect(read.description == "The shared region is down.")
        #expect(read.without == ["misp"])
        #expect(read.dropWhen?.text == "tool.hosting == 'eu-cloud'")
        #expect(read.location == SourceLocation(file: "s.yaml", line: 1, column: 1))
    }

    @Test func reportsEveryShapeProblemWithItsPlace() {
        let (scenario, diagnostics) = ScenarioLoader.parse(
            """
            id: Bad Id
            titel: x
            without: misp
            drop_when: [a]
            """, file: "s.yaml")
        #expect(scenario == nil)
        let found = diagnostics.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.code)" }
        #expect(
            found == [
                "1:1 scenario.missing-key", "1:5 scenario.bad-id", "2:1 scenario.unknown-key",
                "3:10 scenario.wrong-type", "4:12 scenario.wrong-type",
            ])
        #expect(diagnostics.first { $0.code == "scenario.unknown-key" }?.hint?.contains("title") == true)
    }

    @Test func aDropRuleErrorPointsAtItsPlaceInTheFile() throws {
        let text = """
            id: broken
            title: Broken
            drop_when: "tool.hosting == 'mars'"
            """
        let (scenario, loaded) = ScenarioLoader.parse(text, file: "broken.yaml")
        #expect(loaded.isEmpty)
        let (prepared, diagnostics) = PreparedScenario.prepare(try #require(scenario), for: Self.inventory)
        #expect(prepared == nil)
        let error = try #require(diagnostics.first)
        #expect(error.code == "rule.unknown-value")
        #expect(error.location == SourceLocation(file: "broken.yaml", line: 3, column: 29))
        let lines = error.message.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix("in drop_when of scenario 'broken': ") == true)
        #expect(
            Array(lines.dropFirst()) == ["drop_when: \"tool.hosting == 'mars'\"", "                            ^~~~~~"])
    }

    @Test func anUnknownToolIsAWarningAtItsPlace() throws {
        let (scenario, _) = ScenarioLoader.parse(
            """
            id: s
            title: S
            without:
              - mips
            """, file: "s.yaml")
        let (prepared, diagnostics) = PreparedScenario.prepare(try #require(scenario), for: Self.inventory)
        #expect(prepared != nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.code == ScenarioDiagnosticCode.unknownTool)
        #expect(diagnostics.first?.location == SourceLocation(file: "s.yaml", line: 4, column: 5))
        #expect(diagnostics.first?.hint == "did you mean 'misp'?")
    }

    @Test func internetOutageDropsUnknownAndFalseButKeepsTrue() throws {
        var inventory = Self.inventory
        inventory.tools = [
            Tool(id: "a", name: "A", category: "x", properties: ["internet_independent": SourcedValue(.bool(true))]),
            Tool(id: "b", name: "B", category: "x", properties: ["internet_independent": SourcedValue(.bool(false))]),
            Tool(id: "c", name: "C", category: "x"),
        ]
        let (prepared, diagnostics) = PreparedScenario.prepare(.internetOutage, for: inventory)
        #expect(diagnostics.isEmpty)
        let (dropped, warnings) = try #require(prepared).dropped(from: inventory, asOf: inventory.asOf)
        #expect(warnings.isEmpty)
        #expect(dropped.map { "\($0.tool) \($0.reason)" } == ["b rule", "c unknown"])
        #expect(dropped.last?.facts.map(\.status) == [.missing])
    }
}
