import AssessmentKit

/// Writes compact JSON (no spaces, no newlines) straight into bytes, for the one part of an
/// output too large to build as `JSONValue` trees first: the report's subjects, every
/// criterion and fact of every tool and usage. Building each subject's tree, writing it and
/// destroying it again cost more than a third of `report --format json`'s instructions on a
/// synthetic inventory (callgrind; Tools/bench/notes.md).
///
/// The caller writes keys in sorted order, as `JSONValue` would sort them; the bytes are
/// those `JSONValue.writeCompact` gives for the same values (ReportKitTests checks it).
struct CompactJSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the next value or key is the first in its object or array (no comma).
    private var first = true
    /// Whether a key was just written, so its value follows with no comma.
    private var afterKey = false

    /// Lets `body` write one value at the end of `out`.
    static func write(into out: inout [UInt8], _ body: (inout CompactJSONWriter) -> Void) {
        var writer = CompactJSONWriter()
        swap(&writer.bytes, &out)
        body(&writer)
        swap(&writer.bytes, &out)
    }

    private mutating func separate() {
        if afterKey {
            afterKey = false
        } else if first {
            first = false
        } else {
            bytes.append(UInt8(ascii: ","))
        }
    }

    mutating func object(_ body: (inout CompactJSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        first = true
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        first = false
    }

    mutating func array<Element>(_ elements: [Element], _ body: (inout CompactJSONWriter, Element) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        first = true
        for element in elements { body(&self, element) }
        bytes.append(UInt8(ascii: "]"))
        first = false
    }

    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        afterKey = true
    }

    mutating func string(_ text: String) {
        separate()
        JSONValue.writeString(text, to: &bytes)
    }

    mutating func string(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    mutating func bool(_ flag: Bool) { value(.bool(flag)) }

    mutating func null() { value(.null) }

    /// A number spelled as `JSONValue.number` spells it.
    mutating func number(_ number: Double) { value(JSONValue.number(number)) }
    mutating func percentage(_ percentage: Percentage) { value(JSONValue.percentage(percentage)) }

    /// A value built as a `JSONValue` (small ones: a fact's typed value).
    mutating func value(_ json: JSONValue) {
        separate()
        json.writeCompact(to: &bytes)
    }
}
