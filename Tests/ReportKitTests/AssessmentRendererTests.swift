import AssessmentKit
import Foundation
import InventoryKit
import ReportKit
import Testing

@Suite struct AssessmentRendererTests {
    /// A small assessment: one tool policy, two tools, a waiver, a missing value.
    static func assessment() throws -> Assessment {
        let inventory = Inventory(
            title: "t", asOf: CalendarDate(year: 2026, month: 11, day: 1)!,
            catalogue: [
                PropertyDefinition(id: "e2ee", type: .bool, description: ""),
                PropertyDefinition(id: "open_source", type: .bool, description: ""),
            ],
            sources: [Source(id: "vendor-doc", title: "Doc", kind: .vendor)],
            tools: [
                Tool(
                    id: "mail", name: "Mail", category: "email",
                    properties: [
                        "e2ee": SourcedValue(
                            .bool(false), source: "vendor-doc", confidence: .verified,
                            location: SourceLocation(file: "Inventory/tools/mail.yaml", line: 6, column: 12))
                    ]),
                Tool(
                    id: "chat, \"x\"", name: "Chat", category: "chat",
                    properties: ["e2ee": SourcedValue(.bool(true), confidence: .secondary)]),
            ])
        let policy = Policy(
            id: "baseline", title: "Baseline | test", scope: .tool, passScore: 75,
            criteria: [
                Criterion(id: "e2ee", title: "E2EE", weight: 3, mandatory: true, rule: RuleText("tool.e2ee")),
                Criterion(id: "open", title: "Open source", weight: 1, rule: RuleText("tool.open_source")),
            ],
            waivers: [
                Waiver(
                    criterion: "e2ee", subject: "mail", justification: "Replacement, \"soon\"", approvedBy: "Chair",
                    expires: CalendarDate(year: 2027, month: 1, day: 1)!)
            ])
        let prepared = try #require(PreparedPolicy.prepare(policy, for: inventory).0)
        return Assessor.evaluate(inventory, policies: [prepared], asOf: inventory.asOf)
    }

    @Test func jsonHasSortedKeysAndTheNumbersOfTheAssessment() throws {
        let assessment = try Self.assessment()
        let text = AssessmentRenderer(format: .json).render(assessment)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == AssessmentRenderer.jsonSchema)
        #expect(object["as_of"] as? String == "2026-11-01")
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.map { $0["subject"] as? String } == ["chat, \"x\"", "mail"])
        let mail = results[1]
        #expect(mail["verdict"] as? String == "meets")
        #expect((mail["score"] as? NSNumber)?.doubleValue == 75)
        #expect((mail["score_without_waivers"] as? NSNumber)?.doubleValue == 0)
        #expect((mail["completeness"] as? NSNumber)?.doubleValue == 75)
        let criteria = try #require(mail["criteria"] as? [[String: Any]])
        #expect(criteria.map { $0["outcome"] as? String } == ["waived", "unknown"])
        #expect(criteria.first?["underlying"] as? String == "fail")
        let fact = try #require((criteria.first?["facts"] as? [[String: Any]])?.first)
        #expect(fact["source"] as? String == "vendor-doc")
        #expect(fact["location"] as? String == "Inventory/tools/mail.yaml:6:12")
        #expect(fact["value"] as? Bool == false)
        // Keys are written in sorted order at every level.
        var lastKey = ""
        for line in text.split(separator: "\n") where line.hasPrefix("  \"") {
            let key = String(line.dropFirst(3).prefix { $0 != "\"" })
            #expect(key > lastKey, "top-level key \(key) after \(lastKey)")
            lastKey = key
        }
        #expect(text == AssessmentRenderer(format: .json).render(assessment), "not deterministic")
    }

    @Test func csvQuotesFieldsAndHasOneRowPerCriterionNotPassed() throws {
        let text = AssessmentRenderer(format: .csv).render(try Self.assessment())
        let rows = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first == AssessmentRenderer.csvColumns.joined(separator: ","))
        #expect(rows.count == 4)
        #expect(
            rows[1].hasPrefix(
                "baseline,\"chat, \"\"x\"\"\",\"chat, \"\"x\"\"\",,meets,75.0,75.0,75.0,100.0,open,unknown,1,false,"))
        #expect(rows[2].hasPrefix("baseline,mail,mail,,meets,75.0,0.0,75.0,100.0,e2ee,waived (fail),3,true,"))
        #expect(rows[2].contains("tool.e2ee = false (source vendor-doc, verified) at Inventory/tools/mail.yaml:6:12"))
    }

    @Test func textShowsTheFormulaTheFactsAndTheWaiver() throws {
        let text = AssessmentRenderer(format: .text).render(try Self.assessment())
        #expect(text.contains("score 75.0 = 100 × (passed 0 + waived 3) / applicable 4"))
        #expect(text.contains("waived (fail): e2ee (E2EE; weight 3, mandatory)"))
        #expect(text.contains("waiver until 2027-01-01, approved by Chair: Replacement, \"soon\""))
        #expect(text.contains("tool.open_source: no value (unknown)"))
    }

    @Test func markdownEscapesTableCells() throws {
        let text = AssessmentRenderer(format: .md).render(try Self.assessment())
        #expect(text.contains("## Baseline \\| test (`baseline`)"))
        #expect(text.contains("| `mail` | meets | 75.0 | 0.0 | 75.0 | 100.0 | e2ee (waived (fail)), open (unknown) |"))
    }

    /// JSON results are formatted in parallel slices; they must come out whole and in the
    /// assessment's order.
    @Test func aLargeAssessmentRendersInOrder() throws {
        let ids = (0..<1200).map { String(format: "tool%05d", $0) }
        let inventory = Inventory(
            title: "t", asOf: CalendarDate(year: 2026, month: 11, day: 1)!,
            catalogue: [PropertyDefinition(id: "e2ee", type: .bool, description: "")],
            tools: ids.enumerated().map { index, id in
                Tool(
                    id: id, name: id, category: "chat",
                    properties: index % 3 == 0 ? [:] : ["e2ee": SourcedValue(.bool(index % 3 == 1))])
            })
        let policy = Policy(
            id: "p", title: "P", scope: .tool, passScore: 50,
            criteria: [Criterion(id: "e2ee", title: "E2EE", rule: RuleText("tool.e2ee"))])
        let prepared = try #require(PreparedPolicy.prepare(policy, for: inventory).0)
        let assessment = Assessor.evaluate(inventory, policies: [prepared], asOf: inventory.asOf)
        let json = AssessmentRenderer(format: .json).render(assessment)
        #expect(json == AssessmentRenderer(format: .json).render(assessment))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.compactMap { $0["subject"] as? String } == ids)
        let verdicts = results.compactMap { $0["verdict"] as? String }
        #expect(verdicts == ids.indices.map { ["incomplete", "meets", "fails"][$0 % 3] })
    }

    @Test func percentagesRoundHalfAwayFromZero() {
        #expect(Percentage(12.25).description == "12.3")
        #expect(Percentage(part: 1, of: 3).description == "33.3")
        #expect(Percentage(part: 2, of: 3).description == "66.7")
        #expect(Percentage(part: 0, of: 0).description == "100.0")
        #expect(Percentage(part: 1, of: 8).description == "12.5")
    }
}
