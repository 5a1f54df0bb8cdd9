import AssessmentKit
import InventoryKit
import Testing

@testable import ReportKit

/// The report's subjects are written straight into bytes by `CompactJSONWriter`, while the
/// scenarios still build `JSONValue` trees holding the same facts: both must give the same
/// bytes, or the report would spell one fact two ways.
@Suite struct CompactJSONWriterTests {
    /// Made per test, not held in a static: LeakSanitizer cannot see the tagged pointers of
    /// the indirect enum boxes (`RuleValue.list`) a static would keep alive until exit.
    static func facts() -> [FactEntry] { [
        FactEntry(
            path: "tool.end_to_end_encryption", value: .bool(true), valueText: "true", status: .used,
            source: "src-1", sourceURL: "https://example.org/a?b=\"c\"", confidence: .verified,
            assessed: CalendarDate(year: 2026, month: 3, day: 2),
            location: SourceLocation(file: "Inventory/tools/x.yaml", line: 4, column: 7)),
        FactEntry(
            path: "tool.evidence.delivery_rate", value: .number(0.511), valueText: "0.511", status: .used,
            source: nil, sourceURL: nil, confidence: nil, assessed: nil, location: nil),
        FactEntry(
            path: "tool.notes", value: .text("line one\nline \\two\t\u{1}"), valueText: "é \u{2028}",
            status: .missing, source: "s", sourceURL: nil, confidence: .secondary, assessed: nil, location: nil),
        FactEntry(
            path: "tool.languages", value: .list([.text("en"), .number(3), .unclassified]), valueText: "en, 3",
            status: .used, source: nil, sourceURL: nil, confidence: nil, assessed: nil, location: nil),
        FactEntry(
            path: "tool.absent", value: nil, valueText: "no value", status: .missing, source: nil, sourceURL: nil,
            confidence: nil, assessed: nil, location: nil),
    ] }

    @Test func factsAreWrittenAsTheirJSONValues() {
        for fact in Self.facts() {
            var tree: [UInt8] = []
            ReportJSONRenderer.fact(fact).writeCompact(to: &tree)
            var direct: [UInt8] = []
            CompactJSONWriter.write(into: &direct) { ReportJSONRenderer.write(fact, to: &$0) }
            #expect(String(decoding: direct, as: UTF8.self) == String(decoding: tree, as: UTF8.self), "\(fact.path)")
        }
    }

    @Test func commasSeparateMembersAndElementsAtEveryDepth() {
        var bytes = Array("x".utf8)
        CompactJSONWriter.write(into: &bytes) { json in
            json.object { json in
                json.key("a")
                json.array([1.0, 2.0]) { $0.number($1) }
                json.key("b")
                json.object { _ in }
                json.key("c")
                json.array([[String]](arrayLiteral: [], ["p", "q"])) { json, list in
                    json.array(list) { $0.string($1) }
                }
                json.key("d")
                json.null()
            }
        }
        #expect(String(decoding: bytes, as: UTF8.self) == #"x{"a":[1,2],"b":{},"c":[[],["p","q"]],"d":null}"#)
    }
}
