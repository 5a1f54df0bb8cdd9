import Testing

@testable import InventoryKit

@Suite struct YAMLReaderTests {
    private func mapping(_ text: String) throws -> YAMLMapping {
        let result = YAMLDocument.parse(text, file: "p.yaml")
        try #require(result.diagnostics.isEmpty)
        return try #require(result.root?.mapping)
    }

    private enum Scope: String, CaseIterable { case tool, usage }

    @Test func usesTheCodePrefixOfItsFileKind() throws {
        let reader = YAMLReader(codePrefix: "policy")
        reader.checkKeys(try mapping("id: x\ncritera: []\n"), allowed: ["id", "criteria"], in: "a policy")
        #expect(reader.diagnostics.map(\.code) == ["policy.unknown-key"])
        #expect(reader.diagnostics.first?.message == "unknown key 'critera' in a policy")
        #expect(reader.diagnostics.first?.hint == "did you mean 'criteria'?")
        #expect(reader.diagnostics.first?.location?.description == "p.yaml:2:1")
    }

    @Test func listsTheKeysWhenNoneIsClose() throws {
        let reader = YAMLReader(codePrefix: "policy")
        reader.checkKeys(try mapping("zzzzzz: 1\n"), allowed: ["id", "title"], in: "a policy")
        #expect(reader.diagnostics.first?.hint == "the keys of a policy are: id, title")
    }

    @Test func missingAndEmptyRequiredKeys() throws {
        let reader = YAMLReader(codePrefix: "policy")
        let policy = try mapping("id: x\ntitle:\n")
        #expect(reader.text("scope", in: policy, of: "the policy 'x'", required: true) == nil)
        #expect(reader.text("title", in: policy, of: "the policy 'x'", required: true) == nil)
        #expect(reader.text("note", in: policy, of: "the policy 'x'") == nil)
        #expect(reader.diagnostics.map(\.code) == ["policy.missing-key", "policy.missing-key"])
        #expect(reader.diagnostics.map { $0.location?.line } == [1, 2])
        #expect(reader.diagnostics.first?.message == "the policy 'x' needs 'scope'")
    }

    @Test func typedReadsAndTheirDiagnostics() throws {
        let reader = YAMLReader(codePrefix: "policy")
        let m = try mapping(
            """
            weight: 3
            ratio: 0.5
            flag: true
            yes_flag: yes
            quoted: "true"
            day: 2026-11-01
            bad_day: 2026-11-31
            list: [a, b]
            scope: usage
            bad_scope: usages
            """)
        #expect(reader.int("weight", in: m, of: "c") == 3)
        #expect(reader.number("weight", in: m, of: "c") == 3)
        #expect(reader.number("ratio", in: m, of: "c") == 0.5)
        #expect(reader.int("ratio", in: m, of: "c") == nil)
        #expect(reader.bool("flag", in: m, of: "c") == true)
        #expect(reader.bool("yes_flag", in: m, of: "c") == nil)
        #expect(reader.bool("quoted", in: m, of: "c") == nil)
        #expect(reader.date("day", in: m, of: "c") == CalendarDate("2026-11-01"))
        #expect(reader.date("bad_day", in: m, of: "c") == nil)
        #expect(reader.text("list", in: m, of: "c") == nil)
        #expect(reader.field("list", in: m, of: "c").flatMap { reader.textList($0, "'list'") }?.map(\.text) == ["a", "b"])
        #expect(reader.choice("scope", in: m, of: "c", as: Scope.self) == .usage)
        #expect(reader.choice("bad_scope", in: m, of: "c", as: Scope.self) == nil)
        #expect(
            reader.diagnostics.map(\.code) == [
                "policy.wrong-type", "policy.wrong-type", "policy.wrong-type", "policy.bad-date", "policy.wrong-type",
                "policy.bad-enum-value",
            ])
        #expect(reader.diagnostics.map(\.hint) == [
            nil, "write true", "remove the quotes: a quoted value is text",
            "write a calendar day as YYYY-MM-DD, e.g. 2026-11-01", nil, "did you mean 'usage'?",
        ])
        #expect(reader.diagnostics[0].message == "'ratio' of c should be a whole number, not a number")
        #expect(reader.diagnostics[4].message == "'list' of c should be text, not a list")
    }

    @Test func suggestionsAreNearAndStable() {
        #expect(Suggestion.closest(to: "nmae", among: ["name", "id"]) == "name")
        #expect(Suggestion.closest(to: "NAME", among: ["name"]) == "name")
        #expect(Suggestion.closest(to: "xyz", among: ["name", "id"]) == nil)
        #expect(Suggestion.closest(to: "end_to_end_encrypton", among: ["end_to_end_encryption", "open_source"]) == "end_to_end_encryption")
        // Equal distances: the first in sorted order.
        #expect(Suggestion.closest(to: "cab", among: ["cbb", "caa"]) == "caa")
    }
}
