/// A message that decrypted, verified and passed every check for the receiving team.
public struct OpenedMessage: Sendable {
    public let message: ExerciseMessage
    /// Hex SHA-256 of the binary age file as received.
    public let ciphertextSHA256: String
}

/// `exercise open` without the journal: decrypt, verify against the roster, and check that
/// the message is for this team, this exercise, and fresh.
public enum MessageOpener {
    /// Opens `input` (armored however the channel damaged it, or binary).
    public static func open(
        _ input: [UInt8], roster: Roster, identity: TeamIdentity, now: Timestamp, freshness: Freshness
    ) throws -> OpenedMessage {
        try MessageSender.checkOnRoster(identity, roster)
        let binary = try PastedCiphertext.binary(from: input)
        let team = identity.team.rawValue
        let content = try Sealing.unseal(binary, identity: identity.ageIdentity, team: team, roster: roster)
        guard case .message(let message) = content else {
            throw ExerciseError.malformed(
                "this is a receipt, not a message; receipts go to control, which counts them with 'exercise report'")
        }
        guard message.to.contains(team) else {
            throw ExerciseError.notAddressed(
                team: team,
                reason:
                    "\(message.from) signed it for \(message.to.joined(separator: ", ")) only; this copy was re-encrypted to you by someone else"
            )
        }
        try freshness.check(sent: message.sent, now: now, roster: roster)
        return OpenedMessage(message: message, ciphertextSHA256: Hex.sha256(binary))
    }
}
