import SodiumKit

/// One line of a minisign file after minisign's trimming.
struct MinisignLine {
    /// 1-based, for messages.
    let number: Int
    /// The line without its `\n` and without one `\r` before it.
    let content: ArraySlice<UInt8>
    /// The bytes minisign's `fgets` buffer must hold, before the `\n` (content plus a
    /// trimmed `\r`).
    let length: Int
}

/// The line rules every minisign file shares.
///
/// minisign reads each line with `fgets` into a fixed buffer and trims it: a trailing `\n`,
/// then a `\r` (so CRLF files work). minisign would silently cut a line at any other `\r`,
/// which changes what a trusted comment says; we refuse such a line instead. A NUL byte
/// would likewise end minisign's C string early, so it is refused too.
enum MinisignText {
    static let untrustedCommentPrefix = Array("untrusted comment: ".utf8)
    static let trustedCommentPrefix = Array("trusted comment: ".utf8)

    /// minisign reads the untrusted comment line into 1024 bytes: with its line break (and
    /// C's terminating NUL) it must fit, so at most 1022 bytes before the `\n`.
    static let untrustedCommentBuffer = 1024
    /// The same for the trusted comment line: at most 8190 bytes before the `\n`.
    static let trustedCommentBuffer = 8192

    /// The longest comment text (after the prefix) a signer may write so that minisign can
    /// read the line back.
    static var untrustedCommentTextLimit: Int { untrustedCommentBuffer - 2 - untrustedCommentPrefix.count }
    static var trustedCommentTextLimit: Int { trustedCommentBuffer - 2 - trustedCommentPrefix.count }

    /// Splits `bytes` into lines and applies the trimming rules. `malformed` builds the
    /// error for this kind of file.
    static func lines(
        _ bytes: [UInt8], malformed: (Int?, String) -> MinisignError
    ) throws -> [MinisignLine] {
        var lines: [MinisignLine] = []
        var start = bytes.startIndex
        var number = 1
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            var content = bytes[start..<end]
            let length = content.count
            if content.last == UInt8(ascii: "\r") { content = content.dropLast() }
            if content.contains(UInt8(ascii: "\r")) {
                throw malformed(number, "a carriage return in the middle of the line")
            }
            if content.contains(0) {
                throw malformed(number, "a NUL byte in the line")
            }
            lines.append(MinisignLine(number: number, content: content, length: length))
            start = end < bytes.endIndex ? end + 1 : end
            number += 1
        }
        return lines
    }

    /// The text after `untrusted comment: `, checking minisign's length limit.
    static func untrustedComment(
        _ line: MinisignLine, malformed: (Int?, String) -> MinisignError
    ) throws -> ArraySlice<UInt8> {
        guard line.content.starts(with: untrustedCommentPrefix) else {
            throw malformed(line.number, "the first line must start with \"untrusted comment: \"")
        }
        guard line.length + 2 <= untrustedCommentBuffer else {
            throw malformed(
                line.number,
                "the untrusted comment line is \(line.length) bytes; minisign reads at most \(untrustedCommentBuffer - 2)"
            )
        }
        return line.content.dropFirst(untrustedCommentPrefix.count)
    }

    /// Decodes a line of canonical padded base64 that must hold exactly `count` bytes.
    static func base64(
        _ line: MinisignLine, count: Int, what: String, malformed: (Int?, String) -> MinisignError
    ) throws -> [UInt8] {
        // For an unencrypted secret key this text is the key itself; wipe the copy.
        var text = Array(line.content)
        defer { ConstantTime.wipe(&text) }
        let decoded: [UInt8]
        do {
            decoded = try Base64.decode(bytes: text, variant: .padded)
        } catch {
            throw malformed(line.number, "\(what) is not valid base64")
        }
        guard decoded.count == count else {
            throw malformed(line.number, "\(what) is \(decoded.count) bytes, expected \(count)")
        }
        return decoded
    }

    /// Lines after the last one a file needs may only be empty.
    static func requireNothingAfter(
        _ lines: [MinisignLine], index: Int, malformed: (Int?, String) -> MinisignError
    ) throws {
        if let extra = lines.dropFirst(index).first(where: { !$0.content.isEmpty }) {
            throw malformed(extra.number, "unexpected data after the end of the file's content")
        }
    }

    /// Checks a comment the signer wants to write: one line that minisign can read back.
    static func checkComment(_ text: [UInt8], limit: Int, what: String) throws {
        if text.contains(UInt8(ascii: "\n")) || text.contains(UInt8(ascii: "\r")) {
            throw MinisignError.invalidComment("the \(what) must be a single line")
        }
        if text.contains(0) {
            throw MinisignError.invalidComment("the \(what) contains a NUL byte")
        }
        if text.count > limit {
            throw MinisignError.invalidComment("the \(what) is \(text.count) bytes; the limit is \(limit)")
        }
    }
}

/// Little-endian 64-bit integers, as minisign stores the scrypt limits.
enum LittleEndian {
    static func load(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    static func bytes(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }
}
