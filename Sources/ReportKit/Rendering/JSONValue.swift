import AssessmentKit
/// A JSON value written with sorted object keys and numbers spelled exactly as given, so
/// the same assessment always gives the same bytes (no locale or float-printing drift).
enum JSONValue: Sendable {
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
    /// repeated parts of an output (one line per result keeps diffs readable too). Index
    /// loops, as in `write`: every tuple or element copied out of an array costs reference
    /// counting, and this runs for every value of the largest outputs.
    func writeCompact(to out: inout [UInt8]) {
        switch self {
        case .object(let members):
            if JSONValue.isSorted(members) {
                JSONValue.writeCompactMembers(members, to: &out)
            } else {
                JSONValue.writeCompactMembers(members.sorted { $0.0 < $1.0 }, to: &out)
            }
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for index in items.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                items[index].writeCompact(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        default:
            write(to: &out)
        }
    }

    private static func writeCompactMembers(_ members: [(String, JSONValue)], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for index in members.indices {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            writeString(members[index].0, to: &out)
            out.append(UInt8(ascii: ":"))
            members[index].1.writeCompact(to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Appends the value, pretty-printed with two-space indents, as UTF-8 to `out`.
    func write(to out: inout [UInt8], indent: Int = 0) {
        switch self {
        case .object(let members):
            if members.isEmpty {
                out += JSONValue.emptyObject
                return
            }
            // Index loops rather than zip/enumerated: this runs for every value of large
            // reports, and each tuple copied out of `members` costs reference counting.
            if JSONValue.isSorted(members) {
                JSONValue.writeMembers(members, to: &out, indent: indent)
            } else {
                JSONValue.writeMembers(members.sorted { $0.0 < $1.0 }, to: &out, indent: indent)
            }
        case .array(let items):
            if items.isEmpty {
                out += JSONValue.emptyArray
                return
            }
            out.append(UInt8(ascii: "["))
            for index in items.indices {
                out += index == 0 ? JSONValue.newline : JSONValue.commaNewline
                JSONValue.pad(&out, indent + 1)
                items[index].write(to: &out, indent: indent + 1)
            }
            out += JSONValue.newline
            JSONValue.pad(&out, indent)
            out.append(UInt8(ascii: "]"))
        case .string(let text): JSONValue.writeString(text, to: &out)
        case .number(let text):
            var text = text
            text.withUTF8 { out.append(contentsOf: $0) }
        case .bool(let value): out += value ? JSONValue.trueBytes : JSONValue.falseBytes
        case .null: out += JSONValue.nullBytes
        }
    }

    private static func isSorted(_ members: [(String, JSONValue)]) -> Bool {
        var index = 1
        while index < members.count {
            if !(members[index - 1].0 < members[index].0) { return false }
            index += 1
        }
        return true
    }

    private static func writeMembers(_ members: [(String, JSONValue)], to out: inout [UInt8], indent: Int) {
        out.append(UInt8(ascii: "{"))
        for index in members.indices {
            out += index == 0 ? newline : commaNewline
            pad(&out, indent + 1)
            writeString(members[index].0, to: &out)
            out += colon
            members[index].1.write(to: &out, indent: indent + 1)
        }
        out += newline
        pad(&out, indent)
        out.append(UInt8(ascii: "}"))
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
        for _ in 0..<(2 * indent) { out.append(UInt8(ascii: " ")) }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// RFC 8259 string escaping. Text with nothing to escape (nearly all of it) is scanned
    /// and copied as one contiguous block of its UTF-8.
    static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            if !bytes.contains(where: needsEscape) {
                out.append(contentsOf: bytes)
                return
            }
            for byte in bytes {
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

extension JSONValue {
    /// The elements of a top-level array that streams (`assess`'s results, the report's
    /// subjects), each on its own compact line after `\n    `, with commas between: the
    /// array's opening `[` and closing bracket are the caller's. Formatted in parallel a
    /// batch at a time, so memory holds one batch of text, and emitted in order, so the
    /// bytes are those of a sequential run.
    static func emitLines<Element: Sendable>(
        _ elements: [Element], batch: Int, minimumSlice: Int, emit: (String) -> Void,
        _ json: @Sendable (Element) -> JSONValue
    ) {
        emitLines(elements, batch: batch, minimumSlice: minimumSlice, emit: emit) { element, out in
            json(element).writeCompact(to: &out)
        }
    }

    /// The same, with each element written straight into the line's bytes by `write`.
    static func emitLines<Element: Sendable>(
        _ elements: [Element], batch: Int, minimumSlice: Int, emit: (String) -> Void,
        write: @Sendable (Element, inout [UInt8]) -> Void
    ) {
        for batchStart in stride(from: 0, to: elements.count, by: batch) {
            let batchEnd = min(elements.count, batchStart + batch)
            let pieces = Parallel.map(batchEnd - batchStart, minimumSlice: minimumSlice) { range in
                var piece: [UInt8] = []
                for index in range {
                    let position = batchStart + index
                    piece += (position == 0 ? "\n    " : ",\n    ").utf8
                    write(elements[position], &piece)
                }
                return String(decoding: piece, as: UTF8.self)
            }
            for piece in pieces { emit(piece) }
        }
    }
}
