import MinisignFormat
import SodiumKit

/// A text file signed in place: the signed bytes, then a minisign signature in a block of
/// `#` lines that YAML parsers read as comments (exercise design, item 3).
///
///     <signed bytes, ending with LF>
///     # -----BEGIN COMMSMAP SIGNATURE-----
///     # untrusted comment: …
///     # RUR…
///     # trusted comment: …
///     # …
///     # -----END COMMSMAP SIGNATURE-----
///
/// The four middle lines are a `.minisig` file with `# ` in front of each, so the signature
/// can be checked with the real `minisign` after cutting the file at the BEGIN line.
/// Keeping the signature inside the file means a roster travels as one file and stays
/// readable YAML.
public struct SignedText: Sendable {
    public static let beginLine = "# -----BEGIN COMMSMAP SIGNATURE-----"
    public static let endLine = "# -----END COMMSMAP SIGNATURE-----"
    static let linePrefix = Array("# ".utf8)

    /// Exactly the bytes the signature covers.
    public let body: [UInt8]
    public let signature: MinisignSignature

    public init(body: [UInt8], signature: MinisignSignature) {
        self.body = body
        self.signature = signature
    }

    /// Signs `body` (which must end with LF) with a prehashed minisign signature.
    public static func sign(
        _ body: [UInt8], with key: MinisignSigningKey, trustedComment: String, untrustedComment: String
    ) throws -> SignedText {
        guard body.last == UInt8(ascii: "\n") else {
            throw ExerciseError.invalidArgument("the text to sign must end with a line feed")
        }
        let signature = try minisign {
            try MinisignSigner(key: key).sign(
                message: body, trustedComment: trustedComment, untrustedComment: untrustedComment)
        }
        return SignedText(body: body, signature: signature)
    }

    /// Splits a signed file into its body and signature.
    ///
    /// A file whose line endings were turned into CRLF on the way (mail, Windows editors)
    /// is turned back first: the format has LF line endings only, so no information is lost.
    /// The signature block is the last BEGIN line of the file; nothing but line breaks may
    /// follow its END line.
    public init(parsing contents: [UInt8]) throws {
        let text = Self.withoutCarriageReturns(contents)
        let begin = Array((Self.beginLine + "\n").utf8)
        guard let start = Self.lastLine(begin, in: text) else {
            throw ExerciseError.rosterSignatureInvalid(
                "there is no signature block (a line '\(Self.beginLine)'); the file is not signed")
        }
        guard start > 0 else {
            throw ExerciseError.rosterSignatureInvalid("the signature block has no signed text before it")
        }
        var trailer = text[(start + begin.count)...]
        while trailer.last == UInt8(ascii: "\n") { trailer.removeLast() }
        let lines = trailer.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count == 5, lines[4].elementsEqual(Self.endLine.utf8) else {
            throw ExerciseError.rosterSignatureInvalid(
                "the signature block must hold exactly four '# ' lines and end with '\(Self.endLine)'")
        }
        var minisig: [UInt8] = []
        for line in lines.prefix(4) {
            guard line.starts(with: Self.linePrefix) else {
                throw ExerciseError.rosterSignatureInvalid("a line of the signature block does not start with '# '")
            }
            minisig += line.dropFirst(Self.linePrefix.count) + [UInt8(ascii: "\n")]
        }
        do {
            signature = try MinisignSignature(fileContents: minisig)
        } catch let error as MinisignError {
            throw ExerciseError.rosterSignatureInvalid(
                "the signature block does not hold a minisign signature: \(error)")
        }
        body = Array(text[..<start])
    }

    /// The signed file: body, then the signature block.
    public var fileContents: [UInt8] {
        var text = body + Array((Self.beginLine + "\n").utf8)
        for line in signature.fileContents.split(separator: UInt8(ascii: "\n")) {
            text += Self.linePrefix + line + [UInt8(ascii: "\n")]
        }
        return text + Array((Self.endLine + "\n").utf8)
    }

    /// Checks the signature over the body with `publicKey`, and that the trusted comment is
    /// `expectedTrustedComment` when one is given.
    public func verify(with publicKey: MinisignPublicKey, expectedTrustedComment: String? = nil) throws {
        do {
            try MinisignVerifier(publicKey: publicKey, allowsLegacy: false).verify(signature, message: body)
        } catch let error as MinisignError {
            throw ExerciseError.rosterSignatureInvalid("\(error)")
        }
        if let expectedTrustedComment, signature.trustedCommentText != expectedTrustedComment {
            throw ExerciseError.rosterSignatureInvalid(
                "the trusted comment is '\(signature.trustedCommentText)', expected '\(expectedTrustedComment)'")
        }
    }

    /// The start of the last line equal to `line` (which ends with LF).
    static func lastLine(_ line: [UInt8], in text: [UInt8]) -> Int? {
        guard text.count >= line.count else { return nil }
        var index = text.count - line.count
        while index >= 0 {
            if index == 0 || text[index - 1] == UInt8(ascii: "\n"),
                text[index..<(index + line.count)].elementsEqual(line)
            {
                return index
            }
            index -= 1
        }
        return nil
    }

    /// `text` with every CRLF turned into LF, when it uses CRLF line endings.
    static func withoutCarriageReturns(_ text: [UInt8]) -> [UInt8] {
        guard text.contains(UInt8(ascii: "\r")) else { return text }
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            if text[index] == UInt8(ascii: "\r"), index + 1 < text.count, text[index + 1] == UInt8(ascii: "\n") {
                index += 1
                continue
            }
            result.append(text[index])
            index += 1
        }
        return result
    }
}

/// Runs a MinisignFormat call, turning local failures into `.crypto` (signature verdicts are
/// handled where they are checked).
func minisign<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as MinisignError {
        throw ExerciseError.crypto("\(error)")
    } catch let error as SodiumError {
        throw ExerciseError.crypto("\(error)")
    }
}
