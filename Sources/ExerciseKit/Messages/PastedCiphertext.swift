import AgeFormat

/// Turns what arrived over a channel back into the binary age file that was sent.
///
/// Mail and chat clients re-wrap, indent and re-terminate text: they add spaces or tabs
/// around lines, turn LF into CRLF, put a greeting before the block and a signature after
/// it, and sometimes break the base64 at other columns. None of that changes the ciphertext,
/// so it is undone here before anything is decrypted: every line is trimmed, the first
/// `BEGIN AGE ENCRYPTED FILE` … `END` block is taken, and its base64 is decoded whatever its
/// line lengths. A binary age file is taken as it is. The result is what receipts hash.
public enum PastedCiphertext {
    static let beginLine = "-----BEGIN AGE ENCRYPTED FILE-----"
    static let endLine = "-----END AGE ENCRYPTED FILE-----"
    static let binaryStart = Array("age-encryption.org/v1\n".utf8)

    /// The binary age file inside `input` (armored, however damaged by the channel, or binary).
    public static func binary(from input: [UInt8]) throws -> [UInt8] {
        if input.starts(with: binaryStart) { return input }
        let lines = input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(trimmed)
        guard let begin = lines.firstIndex(where: { $0.elementsEqual(beginLine.utf8) }) else {
            throw ExerciseError.malformed(
                "no '\(beginLine)' line found; is this an exercise message or receipt as 'exercise send' or 'exercise open' wrote it?"
            )
        }
        guard let end = lines[(begin + 1)...].firstIndex(where: { $0.elementsEqual(endLine.utf8) }) else {
            throw ExerciseError.malformed("the armored block has no '\(endLine)' line; the text was cut short")
        }
        if lines[(end + 1)...].contains(where: { $0.elementsEqual(beginLine.utf8) }) {
            throw ExerciseError.malformed(
                "the input holds more than one armored block; give one message or receipt per file")
        }
        let base64 = lines[(begin + 1)..<end].reduce(into: [UInt8]()) { $0 += $1 }
        guard !base64.isEmpty else { throw ExerciseError.malformed("the armored block is empty") }
        // Ciphertext is public: the table-based decoder, which is as strict as libsodium's.
        guard let binary = AgeArmor.decodeBase64(base64) else {
            throw ExerciseError.malformed("the armored block is not valid base64 (characters were changed on the way)")
        }
        guard binary.starts(with: binaryStart) else {
            throw ExerciseError.malformed("the armored block does not hold an age v1 file")
        }
        return binary
    }

    /// A line without its ASCII whitespace (spaces, tabs, CR, vertical tab, form feed) at
    /// either end.
    static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isSpace = { (byte: UInt8) in byte == 0x20 || (0x09...0x0d).contains(byte) }
        guard let first = line.firstIndex(where: { !isSpace($0) }), let last = line.lastIndex(where: { !isSpace($0) })
        else { return [] }
        return line[first...last]
    }
}
