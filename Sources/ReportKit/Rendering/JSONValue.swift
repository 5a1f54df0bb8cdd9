import AssessmentKit
/// A JSON value written with sorted object keys and numbers spelled exactly as given, so
/// the same assessment always gives the same bytes (no locale or float-printing drift).
indirect enum JSONValue: Sendable {
    /// Members in any order; they are written sorted by key.
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    /// A number already spelled as JSON (`83.3`, `3`).
    case number(String)
    case bool(Bool)
    case null

    static func number(_ value: Double) -> JSONValue { .number(RuleValue.format(value)) }
    static func number(_ value: Int) -> JSONValue { .number(String(value)) }
    static func percentage(_ value: Percentage) -> JSONValue { .number(value.description) }

    /// Appends the value as UTF-8 to `out` on one line, with no spaces: for the large,
    /// repeated parts of an output (one line per result keeps diffs readable too).
    func writeCompact(to out: inout [UInt8]) {
        switch self {
        case .object(var members):
            if !zip(members, members.dropFirst()).allSatisfy({ $0.0 < $1.0 }) { members.sort { $0.0 < $1.0 } }
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(member.0, to: &out)
                out.append(UInt8(ascii: ":"))
                member.1.writeCompact(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.writeCompact(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        default:
            write(to: &out)
        }
    }

    /// Appends the value, pretty-printed with two-space indents, as UTF-8 to `out`.
    func write(to out: inout [UInt8], indent: Int = 0) {
        switch self {
        case .object(var members):
            if members.isEmpty {
                out += JSONValue.emptyObject
                return
            }
            if !zip(members, members.dropFirst()).allSatisfy({ $0.0 < $1.0 }) { members.sort { $0.0 < $1.0 } }
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                out += index == 0 ? JSONValue.newline : JSONValue.commaNewline
                JSONValue.pad(&out, indent + 1)
                JSONValue.writeString(member.0, to: &out)
                out += JSONValue.colon
                member.1.write(to: &out, indent: indent + 1)
            }
            out += JSONValue.newline
            JSONValue.pad(&out, indent)
            out.append(UInt8(ascii: "}"))
        case .array(let items):
            if items.isEmpty {
                out += JSONValue.emptyArray
                return
            }
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                out += index == 0 ? JSONValue.newline : JSONValue.commaNewline
                JSONValue.pad(&out, indent + 1)
                item.write(to: &out, indent: indent + 1)
            }
            out += JSONValue.newline
            JSONValue.pad(&out, indent)
            out.append(UInt8(ascii: "]"))
        case .string(let text): JSONValue.writeString(text, to: &out)
        case .number(let text): out += text.utf8
        case .bool(let value): out += value ? JSONValue.trueBytes : JSONValue.falseBytes
        case .null: out += JSONValue.nullBytes
        }
    }

    private static let emptyObject = Array("{}".utf8)
    private static let emptyArray = Array("[]".utf8)
    private static let newline = Array("\n".utf8)
    private static let commaNewline = Array(",\n".utf8)
    private static let colon = Array(": ".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let nullBytes = Array("null".utf8)

    static func pad(_ out: inout [UInt8], _ indent: Int) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }

    /// RFC 8259 string escaping; text without anything to escape is copied in one go.
    static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let utf8 = text.utf8
        if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += utf8
        } else {
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): out += Array("\\\"".utf8)
                case UInt8(ascii: "\\"): out += Array("\\\\".utf8)
                case UInt8(ascii: "\n"): out += Array("\\n".utf8)
                case UInt8(ascii: "\r"): out += Array("\\r".utf8)
                case UInt8(ascii: "\t"): out += Array("\\t".utf8)
                case ..<0x20:
                    let hex = String(byte, radix: 16)
                    out += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                default: out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `text` as a JSON string to a `String` (for hand-written parts).
    static func writeString(_ text: String, to out: inout String) {
        var bytes: [UInt8] = []
        writeString(text, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }
}
