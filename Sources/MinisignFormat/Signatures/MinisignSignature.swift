import SodiumKit

/// A `.minisig` file: the signature of a file and a signed ("trusted") comment.
///
///     untrusted comment: <text, not signed>
///     base64("ED" or "Ed" ‖ key id[8] ‖ signature[64])
///     trusted comment: <text>
///     base64(global signature[64])
///
/// The global signature is Ed25519 over `signature ‖ trusted comment`, so the trusted comment
/// (timestamp, file name) cannot be changed or moved to another signature.
public struct MinisignSignature: Sendable, Hashable {
    public static let signatureByteCount = Ed25519.signatureByteCount
    static let encodedByteCount = 2 + MinisignKeyID.byteCount + signatureByteCount

    /// minisign's default untrusted comment.
    public static let defaultUntrustedComment = "signature from minisign secret key"

    public var algorithm: SignatureAlgorithm
    public var keyID: MinisignKeyID
    /// Ed25519 over the BLAKE2b-512 digest (prehashed) or the file itself (legacy).
    public var signature: [UInt8]
    /// The first line's text after `untrusted comment: `. Anyone can change it.
    public var untrustedComment: [UInt8]
    /// The third line's text after `trusted comment: `, exactly as signed.
    public var trustedComment: [UInt8]
    /// Ed25519 over `signature ‖ trustedComment`.
    public var globalSignature: [UInt8]

    public init(
        algorithm: SignatureAlgorithm, keyID: MinisignKeyID, signature: [UInt8],
        untrustedComment: [UInt8], trustedComment: [UInt8], globalSignature: [UInt8]
    ) {
        self.algorithm = algorithm
        self.keyID = keyID
        self.signature = signature
        self.untrustedComment = untrustedComment
        self.trustedComment = trustedComment
        self.globalSignature = globalSignature
    }

    /// The trusted comment as text (invalid UTF-8 shown as U+FFFD).
    public var trustedCommentText: String { String(decoding: trustedComment, as: UTF8.self) }

    /// minisign's default trusted comment for a prehashed signature:
    /// `timestamp:<unix seconds>\tfile:<base name>\thashed`. The caller supplies the time,
    /// so signing stays deterministic and testable.
    public static func defaultTrustedComment(timestamp: Int64, filePath: String) -> String {
        let baseName =
            filePath.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? filePath
        return "timestamp:\(timestamp)\tfile:\(baseName)\thashed"
    }

    /// Parses a `.minisig` file.
    public init(fileContents: [UInt8]) throws {
        let malformed = { MinisignError.malformedSignature(line: $0, reason: $1) }
        let lines = try MinisignText.lines(fileContents, malformed: malformed)
        guard let first = lines.first else { throw malformed(nil, "the file is empty") }
        untrustedComment = Array(try MinisignText.untrustedComment(first, malformed: malformed))

        guard lines.count >= 2 else { throw malformed(2, "truncated: the signature line is missing") }
        let decoded = try MinisignText.base64(
            lines[1], count: Self.encodedByteCount, what: "the signature line", malformed: malformed)
        guard let algorithm = SignatureAlgorithm(tag: decoded[0..<2]) else {
            throw MinisignError.unsupportedAlgorithm("signature algorithm \(AlgorithmName(decoded[0..<2]))")
        }
        self.algorithm = algorithm
        keyID = MinisignKeyID(unchecked: decoded[2..<10])
        signature = Array(decoded[10...])

        guard lines.count >= 3 else { throw malformed(3, "truncated: the trusted comment line is missing") }
        let third = lines[2]
        guard third.content.starts(with: MinisignText.trustedCommentPrefix) else {
            throw malformed(3, "the third line must start with \"trusted comment: \"")
        }
        guard third.length + 2 <= MinisignText.trustedCommentBuffer else {
            throw malformed(
                3,
                "the trusted comment line is \(third.length) bytes; minisign reads at most \(MinisignText.trustedCommentBuffer - 2)"
            )
        }
        trustedComment = Array(third.content.dropFirst(MinisignText.trustedCommentPrefix.count))

        guard lines.count >= 4 else { throw malformed(4, "truncated: the global signature line is missing") }
        globalSignature = try MinisignText.base64(
            lines[3], count: Self.signatureByteCount, what: "the global signature", malformed: malformed)
        try MinisignText.requireNothingAfter(lines, index: 4, malformed: malformed)
    }

    /// The file as minisign writes it.
    public var fileContents: [UInt8] {
        var text = MinisignText.untrustedCommentPrefix + untrustedComment + [UInt8(ascii: "\n")]
        text += Array(Base64.encode(algorithm.tag + keyID.bytes + signature, variant: .padded).utf8)
        text += [UInt8(ascii: "\n")] + MinisignText.trustedCommentPrefix + trustedComment + [UInt8(ascii: "\n")]
        text += Array(Base64.encode(globalSignature, variant: .padded).utf8) + [UInt8(ascii: "\n")]
        return text
    }

    /// The bytes the global signature covers.
    var globallySignedBytes: [UInt8] { signature + trustedComment }
}
