/// A value in a journal entry: the journal holds only strings and integers, so that its
/// canonical form is simple enough to specify byte for byte.
public enum JournalValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case integer(Int)

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var integerValue: Int? {
        if case .integer(let number) = self { return number }
        return nil
    }

    public var description: String {
        switch self {
        case .string(let text): return text
        case .integer(let number): return String(number)
        }
    }
}

/// The canonical JSON of a flat object, as the journal hashes it, and a strict reader.
///
/// Canonical form: `{`, members separated by `,`, `}`, no whitespace; keys sorted by their
/// UTF-8 bytes; integers in decimal without leading zeros or `+`; strings in double quotes
/// with `"` and `\` escaped as `\"` and `\\`, U+0008, U+0009, U+000A, U+000C, U+000D as
/// `\b \t \n \f \r`, other code points below U+0020 as `\u00XX` (lower-case hex), and every
/// other code point as its raw UTF-8 (so `/` and non-ASCII text are not escaped).
public enum CanonicalJSON {
    public static func encode(_ object: [String: JournalValue]) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        for (index, key) in object.keys.sorted(by: utf8Order).enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendString(key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            switch object[key] {
            case .string(let text)?: appendString(text, to: &bytes)
            case .integer(let number)?: bytes += Array(String(number).utf8)
            case nil: break
            }
        }
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    static func utf8Order(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    private static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += Array("\\\"".utf8)
            case UInt8(ascii: "\\"): bytes += Array("\\\\".utf8)
            case 0x08: bytes += Array("\\b".utf8)
            case 0x09: bytes += Array("\\t".utf8)
            case 0x0a: bytes += Array("\\n".utf8)
            case 0x0c: bytes += Array("\\f".utf8)
            case 0x0d: bytes += Array("\\r".utf8)
            case 0..<0x20: bytes += Array(("\\u00" + Hex.encode([byte])).utf8)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Reads one JSON object whose values are strings or integers. Any JSON spelling is
    /// read (whitespace, escapes); the caller compares with `encode` to require the
    /// canonical form. Throws a reason for anything else.
    public static func decode(_ bytes: some Collection<UInt8>) throws(JSONSyntaxError) -> [String: JournalValue] {
        var reader = Reader(bytes: Array(bytes))
        let object = try reader.object()
        reader.skipSpace()
        guard reader.atEnd else { throw JSONSyntaxError("text follows the object") }
        return object
    }

    /// Why a line is not a journal object.
    public struct JSONSyntaxError: Error, Sendable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index == bytes.count }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0a, 0x0d].contains(bytes[index]) { index += 1 }
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws(JSONSyntaxError) {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { throw JSONSyntaxError("expected \(what)") }
            index += 1
        }

        mutating func object() throws(JSONSyntaxError) -> [String: JournalValue] {
            try expect(UInt8(ascii: "{"), "'{'")
            var object: [String: JournalValue] = [:]
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return object
            }
            while true {
                skipSpace()
                let key = try string()
                try expect(UInt8(ascii: ":"), "':' after a key")
                skipSpace()
                let value = try value()
                guard object.updateValue(value, forKey: key) == nil else {
                    throw JSONSyntaxError("the key '\(key)' appears twice")
                }
                skipSpace()
                guard index < bytes.count else { throw JSONSyntaxError("the object is not closed") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "}"), "',' or '}'")
                return object
            }
        }

        mutating func value() throws(JSONSyntaxError) -> JournalValue {
            guard index < bytes.count else { throw JSONSyntaxError("a value is missing") }
            if bytes[index] == UInt8(ascii: "\"") { return .string(try string()) }
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) {
                throw JSONSyntaxError("only whole numbers are allowed")
            }
            guard let number = Int(text) else {
                throw JSONSyntaxError("values must be strings or whole numbers")
            }
            return .integer(number)
        }

        mutating func string() throws(JSONSyntaxError) -> String {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw JSONSyntaxError("expected a string")
            }
            index += 1
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flush() throws(JSONSyntaxError) {
                guard !raw.isEmpty else { return }
                guard let text = String(validating: raw, as: UTF8.self) else {
                    throw JSONSyntaxError("a string is not valid UTF-8")
                }
                scalars.append(contentsOf: text.unicodeScalars)
                raw.removeAll()
            }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    try flush()
                    return String(scalars)
                case UInt8(ascii: "\\"):
                    try flush()
                    scalars.append(try escape())
                case 0..<0x20:
                    throw JSONSyntaxError("a string holds an unescaped control character")
                default:
                    raw.append(byte)
                }
            }
            throw JSONSyntaxError("a string is not closed")
        }

        mutating func escape() throws(JSONSyntaxError) -> Unicode.Scalar {
            guard index < bytes.count else { throw JSONSyntaxError("a string ends inside an escape") }
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return "\""
            case UInt8(ascii: "\\"): return "\\"
            case UInt8(ascii: "/"): return "/"
            case UInt8(ascii: "b"): return "\u{08}"
            case UInt8(ascii: "f"): return "\u{0C}"
            case UInt8(ascii: "n"): return "\n"
            case UInt8(ascii: "r"): return "\r"
            case UInt8(ascii: "t"): return "\t"
            case UInt8(ascii: "u"):
                let first = try hexQuad()
                if (0xd800..<0xdc00).contains(first) {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                        bytes[index + 1] == UInt8(ascii: "u")
                    else { throw JSONSyntaxError("a lone surrogate in a \\u escape") }
                    index += 2
                    let second = try hexQuad()
                    guard (0xdc00..<0xe000).contains(second),
                        let scalar = Unicode.Scalar(0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00))
                    else { throw JSONSyntaxError("a bad surrogate pair in a \\u escape") }
                    return scalar
                }
                guard let scalar = Unicode.Scalar(first) else {
                    throw JSONSyntaxError("a lone surrogate in a \\u escape")
                }
                return scalar
            default:
                throw JSONSyntaxError("an unknown escape in a string")
            }
        }

        mutating func hexQuad() throws(JSONSyntaxError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw JSONSyntaxError("a \\u escape is cut short") }
            var value: UInt32 = 0
            for byte in bytes[index..<(index + 4)] {
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw JSONSyntaxError("a \\u escape needs four hex digits")
                }
                value = value << 4 | UInt32(digit)
            }
            index += 4
            return value
        }
    }
}
