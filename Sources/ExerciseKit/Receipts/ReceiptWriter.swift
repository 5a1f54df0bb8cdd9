/// Makes the signed receipt a team sends back for a message it opened: addressed to the
/// message's sender and to control, and to no one else.
public enum ReceiptWriter {
    public static func seal(
        for opened: OpenedMessage, receiver: TeamIdentity, roster: Roster, now: Timestamp
    ) throws -> (receipt: Receipt, sealed: SealedFile) {
        let message = opened.message
        guard let sender = roster.card(for: message.from) else {
            throw ExerciseError.signerNotOnRoster("'\(message.from)' is not on the roster")
        }
        let receipt = try Receipt(
            exercise: message.exercise, message: message.id, from: receiver.team.rawValue, to: message.from,
            channel: message.channel, received: now, ciphertextSHA256: opened.ciphertextSHA256)
        let sealed = try Sealing.seal(
            receipt.signedBytes, trustedComment: receipt.trustedComment,
            untrustedComment: "commsmap receipt from \(receiver.team)", signer: receiver,
            recipients: [roster.control, sender])
        return (receipt, sealed)
    }

    /// The default file name: `receipt-<message id>.asc`.
    public static func defaultFileName(messageID: String) -> String { "receipt-\(messageID).asc" }
}
