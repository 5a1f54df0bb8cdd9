import AgeFormat
import MinisignFormat

/// An encrypted message or receipt, ready to travel.
public struct SealedFile: Sendable {
    /// ASCII-armored age, for pasting into mail, chat or a portal.
    public let armored: [UInt8]
    /// The same age file in binary; receipts hash this.
    public let binary: [UInt8]

    /// Hex SHA-256 of the binary age file.
    public var ciphertextSHA256: String { Hex.sha256(binary) }
}

/// What a message or receipt turned out to be once decrypted and its signature verified.
public enum UnsealedContent: Sendable {
    case message(ExerciseMessage)
    case receipt(Receipt)
}

/// Signing then encrypting, and decrypting then verifying, the two artefacts of the
/// protocol. The plaintext is a `SignedEnvelope`; the encryption is age v1 to X25519
/// recipients, so both layers can be checked with the real `age` and `minisign`.
enum Sealing {
    /// Signs `signed` and encrypts the envelope to `recipients` (duplicates removed, order
    /// kept: control first, so that control's stanza is the first one tried when it reads
    /// thousands of files for a report).
    static func seal(
        _ signed: [UInt8], trustedComment: String, untrustedComment: String, signer: TeamIdentity,
        recipients: [TeamCard]
    ) throws -> SealedFile {
        let envelope = try SignedEnvelope.seal(
            signed, with: signer.signingKey, trustedComment: trustedComment, untrustedComment: untrustedComment)
        var seen = Set<String>()
        let ageRecipients: [any AgeRecipient] = recipients.filter { seen.insert($0.team.rawValue).inserted }.map(
            \.ageRecipient)
        do {
            let armored = try AgeEncryptor(recipients: ageRecipients, armored: true).encrypt(envelope.plaintext)
            return SealedFile(armored: armored, binary: try PastedCiphertext.binary(from: armored))
        } catch let error as AgeError {
            throw ExerciseError.crypto("\(error)")
        }
    }

    /// Decrypts a binary age file with `identity` (held by `team`), then reads and verifies
    /// the signed content against the roster.
    ///
    /// The order of checks gives each failure its own error: not for us (no stanza opens),
    /// tampered (age authentication), malformed plaintext, signer not on the roster, tampered
    /// (signature), and only then wrong exercise, so that nothing unauthenticated decides
    /// which verdict is reported, except "not for us" and "tampered" themselves.
    static func unseal(_ binary: [UInt8], identity: X25519Identity, team: String, roster: Roster) throws
        -> UnsealedContent
    {
        let plaintext: [UInt8]
        do {
            plaintext = try AgeDecryptor.decrypt(binary, identities: [identity])
        } catch let error as AgeError {
            throw failure(error, team: team)
        }
        let envelope = try SignedEnvelope(parsing: plaintext)
        let content: UnsealedContent
        let from: String
        let exercise: String
        let trustedComment: String
        if ExerciseMessage.looksLikeMessage(envelope.signed) {
            let message = try ExerciseMessage(signedBytes: envelope.signed)
            content = .message(message)
            (from, exercise, trustedComment) = (message.from, message.exercise, message.trustedComment)
        } else if Receipt.looksLikeReceipt(envelope.signed) {
            let receipt = try Receipt(signedBytes: envelope.signed)
            content = .receipt(receipt)
            (from, exercise, trustedComment) = (receipt.from, receipt.exercise, receipt.trustedComment)
        } else {
            throw ExerciseError.malformed("the signed part is neither a commsmap message nor a receipt")
        }
        let otherExercise = exercise == roster.exercise ? "" : " (it belongs to exercise '\(exercise)')"
        guard let card = roster.card(for: from) else {
            throw ExerciseError.signerNotOnRoster(
                "it claims to come from '\(from)', which is not on the roster of exercise '\(roster.exercise)'\(otherExercise)"
            )
        }
        let keyID = envelope.signature.keyID
        if keyID != card.minisignPublicKey.keyID {
            if let other = roster.card(keyID: keyID) {
                throw ExerciseError.tampered(
                    "it claims to come from '\(from)' but is signed with the key of '\(other.team)'")
            }
            throw ExerciseError.signerNotOnRoster(
                "it claims to come from '\(from)' but is signed with key \(keyID), which is on no card of the roster\(otherExercise)"
            )
        }
        try envelope.verify(with: card.minisignPublicKey, trustedComment: trustedComment)
        guard exercise == roster.exercise else {
            throw ExerciseError.wrongExercise(found: exercise, expected: roster.exercise)
        }
        return content
    }

    static func failure(_ error: AgeError, team: String) -> ExerciseError {
        switch error {
        case .noIdentityMatched:
            return .notAddressed(
                team: team, reason: "none of its keys opens the file (it was encrypted to other teams)")
        case .headerMACMismatch, .payloadAuthenticationFailed, .truncated, .emptyFinalChunk, .trailingData:
            return .tampered("\(error)")
        case .badHeader, .armor, .unsupportedRecipientType:
            return .malformed("\(error)")
        case .invalidKey, .invalidRecipients, .crypto:
            return .crypto("\(error)")
        }
    }
}
