/// Reading and writing the header lines of messages and receipts: `name: value` lines in a
/// fixed order, nothing else.
///
/// The grammar is deliberately narrow (no folding, no optional headers, no duplicates, one
/// space after the colon, LF only) so that the signed bytes of a message have exactly one
/// valid form and a second implementation cannot read them differently.
struct HeaderBlock {
    /// Writes `name: value` lines, each ending with LF.
    static func encode(_ fields: [(String, String)]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (name, value) in fields {
            bytes += Array(name.utf8) + Array(": ".utf8) + Array(value.utf8) + [UInt8(ascii: "\n")]
        }
        return bytes
    }

    /// Reads one line per name in `names`, in that order; returns the values and the index
    /// of the first byte after the last header line.
    static func decode(
        _ bytes: [UInt8], names: [String], malformed: (String) -> ExerciseError
    ) throws -> (values: [String], end: Int) {
        var values: [String] = []
        var index = 0
        for name in names {
            guard let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) else {
                throw malformed("the header '\(name)' is missing (the text ends early)")
            }
            let line = bytes[index..<newline]
            let prefix = Array(name.utf8) + Array(": ".utf8)
            guard line.starts(with: prefix) else {
                let found = line.firstIndex(of: UInt8(ascii: ":")).map {
                    String(decoding: line[line.startIndex..<$0], as: UTF8.self)
                }
                let seen = found.map { "found '\($0)'" } ?? "found a line without a colon"
                throw malformed("expected the header '\(name)' at this point, \(seen)")
            }
            guard let value = String(validating: line.dropFirst(prefix.count), as: UTF8.self) else {
                throw malformed("the header '\(name)' is not valid UTF-8")
            }
            values.append(value)
            index = newline + 1
        }
        return (values, index)
    }

    /// Whether `text` fits on one header line: valid UTF-8 without control characters or
    /// Unicode line and paragraph separators.
    static func isSingleLine(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            !(scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value) || scalar.value == 0x2028
                || scalar.value == 0x2029)
        }
    }
}
