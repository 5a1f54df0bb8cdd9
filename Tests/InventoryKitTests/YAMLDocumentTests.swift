import Foundation
import Testing

@testable import InventoryKit

@Suite struct YAMLDocumentTests {
    private func parse(_ text: String, limits: YAMLLimits = .standard) -> YAMLParseResult {
        YAMLDocument.parse(text, file: "t.yaml", limits: limits)
    }

    private func codes(_ result: YAMLParseResult) -> [String] { result.diagnostics.map(\.code) }

    @Test func keepsLocationsOfNodesAndKeys() throws {
        let result = parse(
            """
            id: misp
            properties:
              open_source:
                value: true
            list:
              - a
              - "b"
            """)
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.root?.mapping)
        #expect(root.keys == ["id", "properties", "list"])
        #expect(root.entry("properties")?.keyLocation == SourceLocation(file: "t.yaml", line: 2, column: 1))
        let property = try #require(root["properties"]?.mapping?["open_source"]?.mapping)
        #expect(property.entry("value")?.keyLocation.description == "t.yaml:4:5")
        #expect(property["value"]?.location.description == "t.yaml:4:12")
        #expect(property["value"]?.scalar?.resolved == .bool(true))
        let list = try #require(root["list"]?.sequence)
        #expect(list.map(\.location.line) == [6, 7])
        #expect(list[1].scalar?.style == .doubleQuoted)
        #expect(list[1].scalar?.resolved == .text("b"))
    }

    @Test func resolvesPlainScalarsWithTheCoreSchema() {
        #expect(YAMLScalar("NO").resolved == .text("NO"))
        #expect(YAMLScalar("yes").resolved == .text("yes"))
        #expect(YAMLScalar("True").resolved == .bool(true))
        #expect(YAMLScalar("42").resolved == .int(42))
        #expect(YAMLScalar("-7").resolved == .int(-7))
        #expect(YAMLScalar("0x1F").resolved == .int(31))
        #expect(YAMLScalar("0.95").resolved == .number(0.95))
        #expect(YAMLScalar("1e3").resolved == .number(1000))
        #expect(YAMLScalar("1.2.3").resolved == .text("1.2.3"))
        #expect(YAMLScalar("2026-11-01").resolved == .text("2026-11-01"))
        #expect(YAMLScalar("~").resolved == .null)
        #expect(YAMLScalar("").resolved == .null)
        #expect(YAMLScalar("42", style: .singleQuoted).resolved == .text("42"))
        #expect(YAMLScalar("true", style: .plain, tag: "tag:yaml.org,2002:str").resolved == .text("true"))
    }

    @Test func reportsSyntaxErrorsAtLibyamlsLocation() throws {
        let result = parse("id: a\nname: [unclosed\nkind: x\n")
        #expect(result.root == nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == "yaml.syntax")
        #expect(diagnostic.location?.file == "t.yaml")
        #expect((diagnostic.location?.line ?? 0) >= 2)
    }

    @Test func reportsTabIndentationWithAHint() throws {
        let result = parse("id: a\nlist:\n\t- x\n")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == "yaml.syntax")
        #expect(diagnostic.location?.line == 3)
        #expect(diagnostic.hint?.contains("spaces") == true, "\(diagnostic.message)")
    }

    @Test func reportsDuplicateKeys() throws {
        let result = parse("id: a\nname: x\nid: b\n")
        #expect(codes(result) == ["yaml.duplicate-key"])
        #expect(result.diagnostics.first?.message.contains("'id'") == true)
    }

    @Test func refusesNonScalarKeys() {
        let result = parse("? [a, b]\n: c\n")
        #expect(codes(result) == ["yaml.key-type"])
        #expect(result.root == nil)
    }

    @Test func refusesEmptyDocuments() {
        #expect(codes(parse("")) == ["yaml.empty"])
        #expect(codes(parse("# only a comment\n\n")) == ["yaml.empty"])
        #expect(codes(parse("~\n")) == ["yaml.empty"])
        #expect(codes(parse("---\n")) == ["yaml.empty"])
    }

    @Test func refusesBinaryGarbage() throws {
        var bytes: [UInt8] = Array("id: x\n".utf8)
        bytes += [0x00, 0xFF, 0xFE, 0x13, 0x37]
        let result = YAMLDocument.parse(Data(bytes), file: "b.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == "yaml.encoding")
        #expect(diagnostic.location == SourceLocation(file: "b.yaml", line: 2, column: 1))
    }

    @Test func refusesInvalidUTF8() throws {
        let bytes: [UInt8] = Array("id: caf".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        let result = YAMLDocument.parse(Data(bytes), file: "u.yaml")
        #expect(codes(result) == ["yaml.encoding"])
        #expect(result.diagnostics.first?.location?.column == 8)
        // Overlong encodings and surrogates are not UTF-8 either.
        #expect(codes(YAMLDocument.parse(Data([0x61, 0xC0, 0xAF]), file: "o.yaml")) == ["yaml.encoding"])
        #expect(codes(YAMLDocument.parse(Data([0x61, 0xED, 0xA0, 0x80]), file: "s.yaml")) == ["yaml.encoding"])
    }

    @Test func acceptsMultilingualText() throws {
        let result = parse("name: \"Très Secret — ΕΕ\"\nnote: 日本語\n")
        #expect(result.diagnostics.isEmpty)
        #expect(result.root?.mapping?["note"]?.scalar?.text == "日本語")
    }

    @Test func refusesDeepFlowNesting() throws {
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        let result = parse("list: " + deep)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == "yaml.too-deep")
        #expect(diagnostic.location?.line == 1)
    }

    @Test func refusesDeepBlockNesting() {
        var text = ""
        for level in 0..<500 { text += String(repeating: " ", count: level) + "k\(level):\n" }
        #expect(codes(parse(text)) == ["yaml.too-deep"])
        #expect(codes(parse(String(repeating: "- ", count: 500) + "x\n")) == ["yaml.too-deep"])
    }

    @Test func acceptsNestingWithinTheLimit() {
        var text = ""
        for level in 0..<10 { text += String(repeating: "  ", count: level) + "k\(level):\n" }
        text += String(repeating: "  ", count: 10) + "leaf: 1\n"
        let result = parse(text)
        #expect(result.diagnostics.isEmpty)
        #expect(result.root != nil)
    }

    @Test func refusesBillionLaughs() throws {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1..<40 {
            let previous = "*a\(level - 1)"
            text += "a\(level): &a\(level) [\(Array(repeating: previous, count: 9).joined(separator: ", "))]\n"
        }
        text += "boom: {*a39: 1}\n"
        let result = parse(text)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == "yaml.alias")
        #expect(diagnostic.location == SourceLocation(file: "t.yaml", line: 1, column: 5))
    }

    @Test func refusesAnchorsAndAliasesInEveryPosition() {
        #expect(codes(parse("- &x a\n- *x\n")) == ["yaml.alias"])
        #expect(codes(parse("a: !!str &x b\n")) == ["yaml.alias"])
        #expect(codes(parse("a: [1, &x 2]\n")) == ["yaml.alias"])
        #expect(codes(parse("a: b\nc: *x\n")) == ["yaml.alias"])
    }

    @Test func refusesAnAnchorAloneAtItsPlace() throws {
        let result = parse("a: 1\nb: &x two\n")
        #expect(codes(result) == ["yaml.alias"])
        #expect(result.diagnostics.first?.location == SourceLocation(file: "t.yaml", line: 2, column: 4))
        let alias = parse("a: 1\nb: *x\n")
        #expect(codes(alias) == ["yaml.alias"])
        #expect(alias.diagnostics.first?.location?.line == 2)
    }

    @Test func acceptsPlainTextContinuationLinesStartingWithAmpersand() throws {
        let result = parse("note: rock\n  &roll\nother: see *this*\n")
        #expect(codes(result) == [])
        #expect(result.root?.mapping?["note"]?.scalar?.text == "rock &roll")
    }

    @Test func doesNotMistakeTextForAnchors() throws {
        let result = parse(
            """
            note: rock &roll and *stars*
            quoted: "&not an anchor"
            single: '*nor an alias'
            block: |
              &still text
              *and this
            # &comment
            amp: a & b
            """)
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.root?.mapping)
        #expect(root["note"]?.scalar?.text == "rock &roll and *stars*")
        #expect(root["block"]?.scalar?.text == "&still text\n*and this\n")
    }

    @Test func refusesOversizedInputBeforeParsing() {
        let limits = YAMLLimits(maxBytes: 1024, maxDepth: 64)
        let result = parse("note: " + String(repeating: "x", count: 2000), limits: limits)
        #expect(codes(result) == ["yaml.too-large"])
        #expect(result.diagnostics.first?.message.contains("1 KiB") == true)
    }

    @Test func refusesASecondDocument() {
        #expect(codes(parse("a: 1\n---\nb: 2\n")) == ["yaml.syntax"])
    }
}
