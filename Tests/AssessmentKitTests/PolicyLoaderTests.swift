import AssessmentKit
import CommsMapTestSupport
import Foundation
import InventoryKit
import Testing

@Suite struct PolicyLoaderTests {
    static let valid = """
        id: %ID%
        title: A policy
        scope: tool
        pass_score: 80
        criteria:
          - {id: e2ee, title: E2EE, rule: "tool.end_to_end_encryption"}
        """

    @Test func loadsAFolderInIDOrderAndChecksFileNames() throws {
        let folder = try TemporaryDirectory()
        try folder.write("Policies/b.yaml", Self.valid.replacingOccurrences(of: "%ID%", with: "b"))
        try folder.write("Policies/a.yaml", Self.valid.replacingOccurrences(of: "%ID%", with: "a"))
        try folder.write("Policies/c.yaml", Self.valid.replacingOccurrences(of: "%ID%", with: "not-c"))
        try folder.write("Policies/notes.txt", "not a policy")
        let result = PolicyLoader.load(directory: folder.path("Policies"), displayPath: "Policies")
        #expect(result.policies.map(\.id) == ["a", "b", "not-c"])
        #expect(result.diagnostics.map(\.code) == [PolicyDiagnosticCode.idMismatch])
        #expect(result.diagnostics.first?.location?.description == "Policies/c.yaml:1:1")
        #expect(result.diagnostics.first?.hint?.contains("not-c.yaml") == true)
    }

    @Test func reportsTwoPoliciesWithOneID() {
        let text = Self.valid.replacingOccurrences(of: "%ID%", with: "same")
        let result = PolicyLoader.load(files: [("one.yaml", Data(text.utf8)), ("two.yaml", Data(text.utf8))])
        #expect(result.policies.count == 1)
        #expect(result.diagnostics.map(\.code) == [PolicyDiagnosticCode.duplicateID])
        #expect(result.diagnostics.first?.location?.file == "two.yaml")
    }

    @Test func aMissingFolderIsADiagnostic() throws {
        let folder = try TemporaryDirectory()
        let result = PolicyLoader.load(directory: folder.path("nowhere"), displayPath: "nowhere")
        #expect(result.policies.isEmpty)
        #expect(result.diagnostics.map(\.code) == [PolicyDiagnosticCode.unreadable])
    }

    @Test func keepsEveryFieldOfACriterionAndAWaiver() throws {
        let text = """
            id: crisis
            title: Crisis
            description: For crisis channels
            scope: usage
            applies_when: "usage.purposes contains 'crisis-coordination'"
            pass_score: 75.5
            coverage: {min_tools: 2, min_operators: 3}
            criteria:
              - id: e2ee
                title: End-to-end encryption
                rationale: Only the endpoints may read
                source: nis2
                weight: 2.5
                mandatory: true
                min_confidence: secondary
                applies_when: "exists(usage.highest_classification)"
                rule: "tool.end_to_end_encryption"
            waivers:
              - criterion: e2ee
                subject: csirts-network/misp
                justification: Migration planned
                approved_by: Chair
                expires: 2027-06-30
            """
        let (policy, diagnostics) = PolicyLoader.parse(text, file: "crisis.yaml")
        #expect(diagnostics.isEmpty)
        let loaded = try #require(policy)
        #expect(loaded.scope == .usage)
        #expect(loaded.passScore == 75.5)
        #expect(loaded.coverage == CoverageTarget(minTools: 2, minOperators: 3))
        #expect(loaded.appliesWhen?.text == "usage.purposes contains 'crisis-coordination'")
        let criterion = try #require(loaded.criteria.first)
        #expect(criterion.weight == 2.5)
        #expect(criterion.mandatory)
        #expect(criterion.minConfidence == .secondary)
        #expect(criterion.rationale == "Only the endpoints may read")
        #expect(criterion.source == "nis2")
        #expect(criterion.appliesWhen?.text == "exists(usage.highest_classification)")
        #expect(criterion.rule.location?.description == "crisis.yaml:17:12")
        let waiver = try #require(loaded.waivers.first)
        #expect(waiver.subject == "csirts-network/misp")
        #expect(waiver.expires == CalendarDate(year: 2027, month: 6, day: 30))
        #expect(waiver.isActive(on: CalendarDate(year: 2027, month: 6, day: 30)!))
        #expect(!waiver.isActive(on: CalendarDate(year: 2027, month: 7, day: 1)!))
    }

    @Test func locatesRuleErrorsInsideDoubleQuotedEscapes() throws {
        // `\"` inside a double-quoted YAML scalar is one character of the rule but two in
        // the file: the error after it must still land on the right column.
        let text = #"""
            id: p
            title: P
            scope: tool
            pass_score: 80
            criteria:
              - {id: c, title: C, rule: "tool.name == 'a\"b' and tool.nope"}
            """#
        let (policy, diagnostics) = PolicyLoader.parse(text, file: "p.yaml")
        #expect(diagnostics.isEmpty)
        let inventory = Inventory(title: "t", asOf: CalendarDate(year: 2026, month: 1, day: 1)!)
        let (_, found) = PreparedPolicy.prepare(try #require(policy), for: inventory)
        let error = try #require(found.first)
        #expect(error.code == "rule.unknown-path")
        let line = "  - {id: c, title: C, rule: \"tool.name == 'a\\\"b' and tool.nope\"}"
        let column = line.distance(from: line.startIndex, to: line.range(of: "nope")!.lowerBound) + 1
        #expect(error.location?.description == "p.yaml:6:\(column)")
        #expect(error.message.hasSuffix(line + "\n" + String(repeating: " ", count: column - 1) + "^~~~"))
    }
}
