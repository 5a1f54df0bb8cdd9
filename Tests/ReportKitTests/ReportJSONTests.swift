import AssessmentKit
import CommsMapTestSupport
import Foundation
import InventoryKit
import ReportKit
import Testing

/// The JSON output: valid against docs/report.schema.json, keys sorted at every level,
/// the schema version on top.
@Suite struct ReportJSONTests {
    static func validator() throws -> JSONSchemaValidator {
        let text = try String(contentsOf: TestPaths.repository("docs/report.schema.json"), encoding: .utf8)
        return JSONSchemaValidator(schema: try JSONDocument.parse(text))
    }

    static func json(_ report: Report) throws -> JSONDocument {
        try JSONDocument.parse(ReportRenderer(format: .json).render(report))
    }

    @Test func theSchemaUsesOnlyKeywordsTheValidatorChecks() throws {
        #expect(try Self.validator().unsupportedKeywords() == [])
    }

    @Test func theBundledReportFollowsTheSchema() throws {
        let errors = try Self.validator().validate(try Self.json(try ReportFixtures.bundled()))
        #expect(errors == [])
    }

    @Test func theSampleReportFollowsTheSchema() throws {
        let errors = try Self.validator().validate(try Self.json(try ReportFixtures.sample()))
        #expect(errors == [])
    }

    /// The validator catches what the schema forbids, so the two tests above can fail.
    @Test func theValidatorRejectsDocumentsTheSchemaForbids() throws {
        let validator = try Self.validator()
        guard case .object(var members) = try Self.json(try ReportFixtures.sample()) else {
            Issue.record("the report is not an object")
            return
        }
        var missing = members
        missing.removeAll { $0.0 == "verdicts" }
        #expect(validator.validate(.object(missing)).contains("$: missing required key 'verdicts'"))

        var extra = members
        extra.append(("generated_at", .string("2026-11-01T12:00:00Z")))
        #expect(validator.validate(.object(extra)).contains("$: unexpected key 'generated_at'"))

        let index = try #require(members.firstIndex { $0.0 == "schema" })
        members[index].1 = .string("commsmap.report/2")
        #expect(validator.validate(.object(members)).contains { $0.hasPrefix("$.schema:") })
        members[index].1 = .string(Report.schemaVersion)

        let subjects = try #require(members.firstIndex { $0.0 == "subjects" })
        guard case .array(var items) = members[subjects].1, case .object(var first) = items.first else {
            Issue.record("no subjects")
            return
        }
        let score = try #require(first.firstIndex { $0.0 == "score" })
        first[score].1 = .number("100.1")
        items[0] = .object(first)
        members[subjects].1 = .array(items)
        #expect(validator.validate(.object(members)) == ["$.subjects[0].score: 100.1 is above 100.0"])
    }

    @Test func keysAreSortedAtEveryLevelAndTheSchemaVersionIsOnTop() throws {
        let document = try Self.json(try ReportFixtures.sample())
        #expect(document["schema"]?.string == Report.schemaVersion)
        var unsorted: [String] = []
        func walk(_ value: JSONDocument, _ path: String) {
            switch value {
            case .object(let members):
                let keys = members.map(\.0)
                if keys != keys.sorted() || Set(keys).count != keys.count { unsorted.append(path) }
                for (key, member) in members { walk(member, "\(path).\(key)") }
            case .array(let items):
                for (index, item) in items.enumerated() { walk(item, "\(path)[\(index)]") }
            default: break
            }
        }
        walk(document, "$")
        #expect(unsorted == [])
    }

    /// Subjects are formatted in parallel batches: a report with more than one batch
    /// comes out whole, in order, and valid.
    @Test func aLargeReportStreamsItsSubjectsInOrder() throws {
        let ids = (0..<5000).map { String(format: "tool%05d", $0) }
        let inventory = Inventory(
            title: "Large", asOf: ReportFixtures.asOf,
            catalogue: [PropertyDefinition(id: "e2ee", type: .bool, description: "")],
            tools: ids.enumerated().map { index, id in
                Tool(
                    id: id, name: id, category: "chat",
                    properties: index % 3 == 0 ? [:] : ["e2ee": SourcedValue(.bool(index % 3 == 1))])
            })
        let policy = Policy(
            id: "p", title: "P", scope: .tool, passScore: 50,
            criteria: [Criterion(id: "e2ee", title: "E2EE", rule: RuleText("tool.e2ee"))])
        let report = try ReportFixtures.build(inventory, [policy])
        var pieces: [String] = []
        ReportRenderer(format: .json).render(report) { pieces.append($0) }
        #expect(pieces.count > 3)
        let document = try JSONDocument.parse(pieces.joined())
        let subjects = try #require(document["subjects"]?.array)
        #expect(subjects.compactMap { $0["subject"]?.string } == ids)
        #expect(
            subjects.compactMap { $0["verdict"]?.string }
                == ids.indices.map { ["incomplete", "meets", "fails"][$0 % 3] })
        #expect(try Self.validator().validate(document) == [])
    }

    @Test func scoresAreWrittenWithOneDecimal() throws {
        let document = try Self.json(try ReportFixtures.sample())
        let subjects = try #require(document["subjects"]?.array)
        #expect(!subjects.isEmpty)
        for subject in subjects {
            for key in ["score", "score_without_waivers", "completeness", "best_case_score"] {
                let text = subject[key]?.text ?? ""
                #expect(text.range(of: #"^\d{1,3}\.\d$"#, options: .regularExpression) != nil, "\(key) = \(text)")
            }
        }
    }
}
