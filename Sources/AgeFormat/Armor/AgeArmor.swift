/// The PEM-style ASCII armor of age files (RFC 7468 strict, label `AGE ENCRYPTED FILE`):
/// padded base64, 64 columns, no empty lines, no headers.
public enum AgeArmor {
    static let beginLine = Array("-----BEGIN AGE ENCRYPTED FILE-----".utf8)
    static let endLine = Array("-----END AGE ENCRYPTED FILE-----".utf8)
    static let columnsPerLine = 64
    static let bytesPerLine = 48
    /// Whitespace allowed before and after the armored block, as in age.
    static let whitespaceLimit = 1024

    /// Decodes padded standard base64 of public data, such as the body of an armored file
    /// that a channel re-wrapped, with table lookups rather than the constant-time codec
    /// secrets need; nil if `text` is not canonical padded base64 (see `ArmorBase64`).
    public static func decodeBase64(_ text: [UInt8]) -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: text.count / 4 * 3 + 1)
        let count = text.withUnsafeBytes { t in
            output.withUnsafeMutableBytes { o in ArmorBase64.decode(t, into: o.baseAddress!) }
        }
        guard let count else { return nil }
        output.removeSubrange(count...)
        return output
    }

    /// The ASCII whitespace age's armor tolerates around the block (Go's `TrimSpace` on ASCII).
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0d).contains(byte)
    }

    /// Decides whether input is armored by looking at its start: a binary file begins with
    /// the version line; anything else that has a `-----` line marker near the start is
    /// treated as armor, so damaged armor gets an armor error rather than "not an age file".
    static func looksArmored(_ reader: BufferedReader) throws -> Bool {
        let start = try reader.peek(whitespaceLimit + beginLine.count + 2)
        if start.starts(with: "age-encryption.org/".utf8) { return false }
        let dashes = Array("-----".utf8)
        guard start.count >= dashes.count else { return false }
        for offset in 0...(start.count - dashes.count)
        where start[offset] == UInt8(ascii: "-") && start[offset..<(offset + dashes.count)].elementsEqual(dashes) {
            return true
        }
        return false
    }
}
