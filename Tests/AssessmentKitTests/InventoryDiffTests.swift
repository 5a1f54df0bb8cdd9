import AssessmentKit
import Foundation
import InventoryKit
import Testing

/// `InventoryDiff` on hand-built inventories: each kind of change is found, nothing else is.
/// (Rendering a diff is tested in ReportKitTests.)
@Suite struct InventoryDiffTests {
    static let date = CalendarDate(year: 2026, month: 11, day: 1)!

    static func base() -> Inventory {
        let catalogue = [
            PropertyDefinition(id: "end_to_end_encryption", type: .bool, description: "E2EE"),
            PropertyDefinition(id: "hosting", type: .enumeration(["on-premises", "eu-cloud"]), description: "Hosting"),
        ]
        let tools = [
            Tool(
                id: "chat", name: "Chat", category: "messenger", operator: "op1",
                properties: [
                    "end_to_end_encryption": SourcedValue(.bool(true), source: "doc", confidence: .verified),
                    "hosting": SourcedValue(.text("eu-cloud"), source: "doc", confidence: .claimed),
                ]),
            Tool(
                id: "mail", name: "Mail", category: "email", operator: "op2",
                properties: ["end_to_end_encryption": SourcedValue(.bool(false), source: "doc", confidence: .verified)]
            ),
        ]
        let network = Network(
            id: "n1", name: "Network 1", kind: .civilian,
            members: [Member(id: "a", name: "A", country: "FR"), Member(id: "b", name: "B", country: "DE")],
            uses: [
                Usage(tool: "chat", purposes: ["crisis-coordination"], role: .primary, onboarded: .all),
                Usage(tool: "mail", purposes: ["crisis-coordination"], role: .backup, onboarded: .count(1)),
            ])
        return Inventory(
            title: "Test", asOf: date, purposes: [Purpose(id: "crisis-coordination", title: "Crisis")],
            catalogue: catalogue,
            sources: [
                Source(id: "doc", title: "Doc", kind: .vendor), Source(id: "audit", title: "Audit", kind: .official),
            ],
            networks: [network], tools: tools)
    }

    static let policyText = """
        id: crisis
        title: Crisis
        scope: usage
        pass_score: 100
        coverage: {min_tools: 1, min_operators: 1}
        criteria:
          - {id: e2ee, title: E2EE, rule: "tool.end_to_end_encryption"}
        """

    @Test func identicalInventoriesHaveNoChange() {
        let diff = InventoryDiff.compare(before: Self.base(), after: Self.base())
        #expect(diff.isEmpty)
        #expect(diff.changeCount == 0)
    }

    @Test func findsAddedAndRemovedEntities() {
        var after = Self.base()
        after.tools = after.tools.filter { $0.id != "mail" } + [Tool(id: "radio", name: "Radio", category: "voice")]
        after.networks[0].uses = [after.networks[0].uses[0], Usage(tool: "radio", purposes: ["voice"], role: .backup)]
        after.networks[0].members.append(Member(id: "c", name: "C", country: "IT"))
        after.networks.append(Network(id: "n2", name: "Network 2", kind: .military))
        after.purposes.append(Purpose(id: "voice", title: "Voice"))
        after.sources = after.sources.filter { $0.id != "audit" }
        let diff = InventoryDiff.compare(before: Self.base(), after: after)
        #expect(
            diff.added.map { "\($0.kind.rawValue) \($0.id)" } == [
                "purpose voice", "network n2", "member n1/c", "tool radio", "usage n1/radio",
            ])
        #expect(diff.removed.map { "\($0.kind.rawValue) \($0.id)" } == ["source audit", "tool mail", "usage n1/mail"])
        #expect(diff.fieldChanges.isEmpty)
        #expect(diff.propertyChanges.isEmpty)
    }

    @Test func findsFieldChangesOfToolsNetworksAndUsages() {
        var after = Self.base()
        after.title = "Test 2"
        after.tools[0].operator = "op3"
        after.networks[0].kind = .crisisLiaison
        after.networks[0].uses[0].role = .backup
        after.networks[0].uses[0].onboarded = .members(["a"])
        after.networks[0].uses[0].highestTLP = Marking("TLP:RED")
        after.networks[0].uses[1].purposes = ["crisis-coordination", "voice"]
        let diff = InventoryDiff.compare(before: Self.base(), after: after)
        let changes = diff.fieldChanges.map {
            "\($0.kind.rawValue) \($0.id) \($0.field): \($0.before ?? "-") -> \($0.after ?? "-")"
        }
        #expect(
            changes == [
                "inventory  title: Test -> Test 2",
                "network n1 kind: civilian -> crisis-liaison",
                "tool chat operator: op1 -> op3",
                "usage n1/chat highest_tlp: - -> TLP:RED",
                "usage n1/chat onboarded: all -> [a]",
                "usage n1/chat role: primary -> backup",
                "usage n1/mail purposes: [crisis-coordination] -> [crisis-coordination, voice]",
            ])
        #expect(diff.added.isEmpty && diff.removed.isEmpty && diff.propertyChanges.isEmpty)
    }

    @Test func findsPropertyValueSourceAndConfidenceChanges() {
        var after = Self.base()
        after.tools[0].properties["hosting"] = SourcedValue(.text("eu-cloud"), source: "audit", confidence: .claimed)
        after.tools[0].properties["end_to_end_encryption"] = SourcedValue(
            .bool(true), source: "doc", confidence: .claimed)
        after.tools[1].properties["end_to_end_encryption"] = SourcedValue(
            .bool(true), source: "audit", confidence: .verified)
        after.tools[1].properties["hosting"] = SourcedValue(.text("on-premises"))
        after.tools[1].evidence["delivery_rate"] = SourcedValue(
            .number(0.95), source: "exercise:x", confidence: .verified)
        // Only a note and a place differ: not a change.
        after.tools[0].properties["hosting"]?.note = "now audited"
        after.tools[0].properties["hosting"]?.location = SourceLocation(file: "x.yaml", line: 3, column: 4)
        let diff = InventoryDiff.compare(before: Self.base(), after: after)
        let changes = diff.propertyChanges.map {
            "\($0.tool).\($0.property): \($0.before.map { "\($0.value) \($0.source ?? "-") \($0.confidence)" } ?? "-") -> \($0.after.map { "\($0.value) \($0.source ?? "-") \($0.confidence)" } ?? "-")"
        }
        #expect(
            changes == [
                "chat.end_to_end_encryption: true doc verified -> true doc claimed",
                "chat.hosting: eu-cloud doc claimed -> eu-cloud audit claimed",
                "mail.end_to_end_encryption: false doc verified -> true audit verified",
                "mail.evidence.delivery_rate: - -> 0.95 exercise:x verified",
                "mail.hosting: - -> on-premises - unverified",
            ])
        #expect(diff.fieldChanges.isEmpty)
    }

    @Test func findsVerdictAndCoverageChanges() throws {
        let (parsed, _) = PolicyLoader.parse(Self.policyText, file: "crisis.yaml")
        let policy = try #require(parsed)
        var after = Self.base()
        after.tools[0].properties["end_to_end_encryption"] = SourcedValue(
            .bool(false), source: "doc", confidence: .verified)
        after.networks.append(
            Network(
                id: "n2", name: "Network 2", kind: .military,
                uses: [Usage(tool: "mail", purposes: ["crisis-coordination"], role: .primary)]))
        func evaluate(_ inventory: Inventory) throws -> EvaluatedInventory {
            let (prepared, diagnostics) = PreparedPolicy.prepare(policy, for: inventory)
            return EvaluatedInventory(inventory, policies: [try #require(prepared, "\(diagnostics)")], asOf: Self.date)
        }
        let diff = InventoryDiff.compare(before: try evaluate(Self.base()), after: try evaluate(after))
        #expect(diff.policies == ["crisis"])
        #expect(
            diff.verdictChanges.map { "\($0.subject): \($0.before?.rawValue ?? "-") -> \($0.after?.rawValue ?? "-")" }
                == [
                    "n1/chat: meets -> fails", "n2/mail: - -> fails",
                ])
        #expect(
            diff.coverage.cells.map { "\($0.id): \($0.before?.label ?? "none") -> \($0.after?.label ?? "none")" } == [
                "n1/crisis-coordination: covered -> gap", "n2/crisis-coordination: none -> gap",
            ])
        #expect(diff.coverage.cells.map(\.isWorse) == [true, false])
        #expect(!diff.isEmpty)
    }

    @Test func lostInteroperabilityIsAChange() throws {
        let (parsed, _) = PolicyLoader.parse(Self.policyText, file: "crisis.yaml")
        let policy = try #require(parsed)
        var before = Self.base()
        before.networks.append(
            Network(
                id: "n2", name: "Network 2", kind: .military,
                uses: [Usage(tool: "chat", purposes: ["crisis-coordination"], role: .primary)]))
        var after = before
        after.tools[0].properties["end_to_end_encryption"] = nil
        func evaluate(_ inventory: Inventory) throws -> EvaluatedInventory {
            let (prepared, _) = PreparedPolicy.prepare(policy, for: inventory)
            return EvaluatedInventory(inventory, policies: [try #require(prepared)], asOf: Self.date)
        }
        let diff = InventoryDiff.compare(before: try evaluate(before), after: try evaluate(after))
        #expect(
            diff.coverage.pairs.map { "\($0.purpose)/\($0.first)/\($0.second): \($0.before) -> \($0.after)" } == [
                "crisis-coordination/n1/n2: established -> possible"
            ])
    }
}
