import MinisignFormat

/// The whole of `exercise open` for a team, around its journal: accept the roster (pinning
/// control's key on first use), open the message, refuse a replay, write the receipt and
/// record all of it, in one step under the journal's lock.
public struct MessageReception: Sendable {
    public let journal: JournalFile
    public let identity: TeamIdentity
    /// `--control-key`: overrides, and replaces, the key pinned in the journal.
    public let controlKey: MinisignPublicKey?
    public let freshness: Freshness

    public init(journal: JournalFile, identity: TeamIdentity, controlKey: MinisignPublicKey?, freshness: Freshness) {
        self.journal = journal
        self.identity = identity
        self.controlKey = controlKey
        self.freshness = freshness
    }

    public struct Outcome: Sendable {
        public let roster: Roster
        public let opened: OpenedMessage
        public let receipt: Receipt
        /// Where `writeReceipt` put the receipt.
        public let receiptLocation: String
        /// Whether this run pinned control's key (first use or `--control-key`).
        public let pinnedControlKey: Bool
    }

    /// Opens `input` with the roster file's contents.
    ///
    /// `writeReceipt` stores the sealed receipt (the executable writes a file) and returns
    /// where; it runs under the lock, before the journal entries are appended, so a receipt
    /// that could not be written leaves no entry and the message can be opened again.
    public func open(
        _ input: [UInt8], rosterFile: [UInt8], now: Timestamp,
        writeReceipt: (Receipt, SealedFile) throws -> String
    ) throws -> Outcome {
        try journal.append { contents in
            var drafts: [JournalDraft] = []
            let pinned = try contents.pinnedControlKey.map { text in
                do {
                    return try MinisignPublicKey(base64: text)
                } catch {
                    throw ExerciseError.journalDamaged([
                        JournalFinding(
                            line: 0, kind: .malformed, message: "the pinned control key is not a minisign key")
                    ])
                }
            }
            let choice: SignedRoster.KeyChoice
            if let controlKey {
                choice = .explicit(controlKey)
            } else if let pinned {
                choice = .pinned(pinned)
            } else {
                choice = .firstUse
            }
            let signed = try SignedRoster(fileContents: rosterFile, key: choice)
            let roster = signed.roster
            let pinNow = pinned != signed.signingKey
            if pinNow {
                drafts.append(
                    JournalDraft(
                        time: now, kind: JournalKind.pinControl,
                        fields: [
                            "exercise": .string(roster.exercise), "control": .string(roster.control.team.rawValue),
                            "control_key": .string(signed.signingKey.base64),
                            "pinned_by": .string(controlKey == nil ? "first-use" : "control-key"),
                        ]))
            }
            if !contents.hasAcceptedRoster(sha256: signed.sha256) {
                drafts.append(
                    JournalDraft(
                        time: now, kind: JournalKind.roster,
                        fields: [
                            "exercise": .string(roster.exercise), "roster_sha256": .string(signed.sha256),
                            "from": .string(roster.from.description), "until": .string(roster.until.description),
                            "teams": .integer(roster.teams.count),
                        ]))
            }

            let opened = try MessageOpener.open(
                input, roster: roster, identity: identity, now: now, freshness: freshness)
            let message = opened.message
            if let first = contents.opening(of: message.id) {
                throw ExerciseError.replayed(id: message.id, firstOpenedAt: first.time.description)
            }
            let (receipt, sealed) = try ReceiptWriter.seal(for: opened, receiver: identity, roster: roster, now: now)
            let location = try writeReceipt(receipt, sealed)
            drafts.append(
                JournalDraft(
                    time: now, kind: JournalKind.open,
                    fields: [
                        "exercise": .string(message.exercise), "message": .string(message.id),
                        "from": .string(message.from), "channel": .string(message.channel),
                        "sent": .string(message.sent.description),
                        "ciphertext_sha256": .string(opened.ciphertextSHA256),
                    ]))
            drafts.append(
                JournalDraft(
                    time: now, kind: JournalKind.receipt,
                    fields: [
                        "exercise": .string(message.exercise), "message": .string(message.id),
                        "to": .string(message.from), "channel": .string(message.channel),
                        "receipt_sha256": .string(sealed.ciphertextSHA256),
                    ]))
            return (
                drafts,
                Outcome(
                    roster: roster, opened: opened, receipt: receipt, receiptLocation: location,
                    pinnedControlKey: pinNow)
            )
        }
    }
}
