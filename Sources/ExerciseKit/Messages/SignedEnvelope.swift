import MinisignFormat

/// The plaintext inside a message or receipt: the four lines of a `.minisig` file, then the
/// bytes they sign.
///
/// Signature first, so that `head -n 4` and `tail -n +5` split it for the real `minisign`
/// whatever the signed part holds, and a reader knows where the signed part starts without
/// parsing it.
public struct SignedEnvelope: Sendable {
    public let signature: MinisignSignature
    /// The signed bytes (headers, and the body of a message).
    public let signed: [UInt8]

    public init(signature: MinisignSignature, signed: [UInt8]) {
        self.signature = signature
        self.signed = signed
    }

    /// Signs `signed` with `key` (prehashed `ED`).
    public static func seal(
        _ signed: [UInt8], with key: MinisignSigningKey, trustedComment: String, untrustedComment: String
    ) throws -> SignedEnvelope {
        let signature = try minisign {
            try MinisignSigner(key: key).sign(
                message: signed, trustedComment: trustedComment, untrustedComment: untrustedComment)
        }
        return SignedEnvelope(signature: signature, signed: signed)
    }

    /// Splits decrypted plaintext after its fourth line.
    public init(parsing plaintext: [UInt8]) throws {
        var end = plaintext.startIndex
        for _ in 0..<4 {
            guard let newline = plaintext[end...].firstIndex(of: UInt8(ascii: "\n")) else {
                throw ExerciseError.malformed(
                    "the plaintext does not start with the four lines of a minisign signature")
            }
            end = newline + 1
        }
        do {
            signature = try MinisignSignature(fileContents: Array(plaintext[..<end]))
        } catch let error as MinisignError {
            throw ExerciseError.malformed("the plaintext does not start with a minisign signature: \(error)")
        }
        signed = Array(plaintext[end...])
    }

    /// The plaintext: signature lines, then the signed bytes.
    public var plaintext: [UInt8] { signature.fileContents + signed }

    /// Verifies the signature with `publicKey` and that the trusted comment is `expected`.
    /// Every failure is `tampered`: the signer's key is already known to be the right one.
    public func verify(with publicKey: MinisignPublicKey, trustedComment expected: String) throws {
        do {
            try MinisignVerifier(publicKey: publicKey, allowsLegacy: false).verify(signature, message: signed)
        } catch let error as MinisignError {
            throw ExerciseError.tampered("\(error)")
        }
        guard signature.trustedCommentText == expected else {
            throw ExerciseError.tampered(
                "the signed trusted comment is '\(signature.trustedCommentText)', expected '\(expected)'")
        }
    }
}
