import AssessmentKit
import CommsMapTestSupport
import Foundation
import InventoryKit
import ReportKit
import Testing

/// The reports the tests render: the bundled data, and a small made-up world that reaches
/// every coverage status.
enum ReportFixtures {
    /// The report on the bundled `Inventory/` and `Policies/`, with the paths shown as
    /// `commsmap report` shows them when run from the repository root, so the golden files
    /// do not depend on where the repository is.
    static func bundled() throws -> Report {
        let directory = TestPaths.repository("Inventory").path
        let files = try InventoryDirectory.read(directory).map { file in
            var file = file
            file.displayPath = "Inventory/" + file.relativePath
            return file
        }
        let loaded = InventoryLoader.load(files: files)
        let inventory = try #require(loaded.inventory, "the bundled inventory does not load")
        #expect(loaded.isValid, "the bundled inventory is invalid: \(loaded.diagnostics.errors)")
        let policies = PolicyLoader.load(directory: TestPaths.repository("Policies"), displayPath: "Policies")
        #expect(policies.diagnostics.filter { $0.severity == .error }.isEmpty, "\(policies.diagnostics)")
        return try build(inventory, policies.policies)
    }

    /// Prepares the policies and the named scenarios, evaluates, and builds the report.
    static func build(_ inventory: Inventory, _ policies: [Policy], asOf: CalendarDate? = nil) throws -> Report {
        let (prepared, diagnostics) = PreparedPolicy.prepare(policies, for: inventory)
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        let assessment = Assessor.evaluate(inventory, policies: prepared, asOf: asOf ?? inventory.asOf)
        let (scenarios, scenarioDiagnostics) = ReportBuilder.namedScenarios(for: inventory)
        #expect(!scenarioDiagnostics.hasErrors, "\(scenarioDiagnostics)")
        return ReportBuilder.build(
            inventory: inventory, policies: prepared, assessment: assessment, scenarios: scenarios)
    }

    static let asOf = CalendarDate(year: 2026, month: 11, day: 1)!

    /// Three networks and five tools, arranged so the coverage of `secure` (two meeting
    /// tools from two operators) is covered, below target, a single point, a gap and
    /// incomplete; an internet outage breaks some of it. Names carry characters every
    /// format must escape.
    static func sampleInventory() -> Inventory {
        func value(_ flag: Bool, _ source: String = "doc-a") -> SourcedValue {
            SourcedValue(.bool(flag), source: source, confidence: .verified)
        }
        let tools = [
            Tool(
                id: "alpha", name: "Alpha <chat> & \"co\"", category: "messenger", operator: "Op X",
                properties: ["e2ee": value(true), "internet_independent": value(true), "open_source": value(true)]),
            Tool(
                id: "bravo", name: "Bravo, the | pipe", category: "messenger", operator: "Op Y",
                properties: ["e2ee": value(true, "doc-b"), "internet_independent": value(false)]),
            Tool(
                id: "charlie", name: "Charlie", category: "file-exchange", operator: "Op X",
                properties: ["e2ee": value(false)]),
            Tool(
                id: "delta", name: "Delta", category: "file-exchange", operator: "Op X",
                properties: ["e2ee": value(true)]),
            Tool(id: "echo", name: "Echo", category: "voice", operator: "Op Y"),
        ]
        func use(_ tool: String, _ purposes: [String], onboarded: Onboarded? = nil) -> Usage {
            Usage(tool: tool, purposes: purposes, role: .primary, onboarded: onboarded, source: "doc-a")
        }
        let members = [
            Member(id: "m1", name: "Member 1", country: "BE"), Member(id: "m2", name: "Member 2", country: "FR"),
        ]
        let networks = [
            Network(
                id: "north", name: "North network", kind: .civilian, members: members,
                uses: [use("alpha", ["chat", "voice"], onboarded: .all), use("bravo", ["chat"], onboarded: .count(1))]),
            Network(
                id: "south", name: "South network", kind: .military, members: members,
                uses: [use("alpha", ["chat"], onboarded: .members(["m1"])), use("charlie", ["files"])]),
            Network(
                id: "west", name: "West network", kind: .crisisLiaison,
                uses: [use("alpha", ["files"]), use("delta", ["files"]), use("echo", ["voice"])]),
        ]
        return Inventory(
            title: "Sample | mapping", asOf: asOf,
            purposes: [
                Purpose(id: "chat", title: "Chat"), Purpose(id: "voice", title: "Voice"),
                Purpose(id: "files", title: "Files"), Purpose(id: "alerting", title: "Alerting"),
            ],
            catalogue: [
                PropertyDefinition(id: "e2ee", type: .bool, description: "End to end"),
                PropertyDefinition(id: "internet_independent", type: .bool, description: "Works offline"),
                PropertyDefinition(id: "open_source", type: .bool, description: "Open source"),
            ],
            sources: [
                Source(id: "doc-a", title: "Doc A", url: "https://example.org/a?x=1&y=2", kind: .official),
                Source(id: "doc-b", title: "Doc B, \"quoted\"", kind: .vendor),
            ],
            networks: networks, tools: tools)
    }

    static func samplePolicies() -> [Policy] {
        [
            Policy(
                id: "secure", title: "Secure usage", scope: .usage, passScore: 100,
                coverage: CoverageTarget(minTools: 2, minOperators: 2),
                criteria: [
                    Criterion(
                        id: "e2ee", title: "E2EE", source: "doc-a", weight: 1, mandatory: true,
                        rule: RuleText("tool.e2ee"))
                ]),
            Policy(
                id: "baseline", title: "Baseline | tools", scope: .tool, passScore: 75,
                criteria: [
                    Criterion(id: "e2ee", title: "E2EE", weight: 3, mandatory: true, rule: RuleText("tool.e2ee")),
                    Criterion(id: "open", title: "Open, \"source\"", weight: 1, rule: RuleText("tool.open_source")),
                ],
                waivers: [
                    Waiver(
                        criterion: "e2ee", subject: "charlie", justification: "Replacement <soon>, \"promised\"",
                        approvedBy: "Chair", expires: CalendarDate(year: 2027, month: 1, day: 1)!)
                ]),
        ]
    }

    static func sample() throws -> Report {
        try build(sampleInventory(), samplePolicies())
    }
}
