/// `exercise send`: signs a message as the sending team and encrypts it to its recipients,
/// itself and control.
public enum MessageSender {
    /// Seals a message. `now` is the `sent` time; `id` is random unless a test fixes it.
    ///
    /// Refuses an identity that is not the sender's card on the roster, recipients that are
    /// not on it, and a time outside the exercise window.
    public static func seal(
        body: [UInt8], subject: String, to recipients: [String], channel: String, roster: Roster,
        sender: TeamIdentity, now: Timestamp, id: String = Identifier.randomMessageID()
    ) throws -> (message: ExerciseMessage, sealed: SealedFile) {
        try checkOnRoster(sender, roster)
        var cards: [TeamCard] = []
        for team in Set(recipients).sorted() {
            guard let card = roster.card(for: team) else {
                throw ExerciseError.invalidArgument(
                    "'\(team)' is not on the roster of exercise '\(roster.exercise)'; the teams are \(roster.participants.joined(separator: ", "))"
                )
            }
            cards.append(card)
        }
        guard roster.from <= now, now <= roster.until else {
            throw ExerciseError.outsideWindow(sent: now, from: roster.from, until: roster.until)
        }
        let message = try ExerciseMessage(
            exercise: roster.exercise, id: id, from: sender.team.rawValue, to: recipients, channel: channel, sent: now,
            subject: subject, body: body)
        let sealed = try Sealing.seal(
            message.signedBytes, trustedComment: message.trustedComment,
            untrustedComment: "commsmap message from \(sender.team)", signer: sender,
            recipients: [roster.control] + cards + [sender.card])
        return (message, sealed)
    }

    /// The identity must be the very card the roster lists for its team.
    static func checkOnRoster(_ identity: TeamIdentity, _ roster: Roster) throws {
        guard let card = roster.card(for: identity.team.rawValue) else {
            throw ExerciseError.identityNotOnRoster(
                "team '\(identity.team)' is not on the roster of exercise '\(roster.exercise)'")
        }
        guard card == identity.card else {
            throw ExerciseError.identityNotOnRoster(
                "the identity of '\(identity.team)' (\(identity.card.fingerprint)) is not the card the roster lists for it (\(card.fingerprint))"
            )
        }
    }
}
