import AgeFormat
import Foundation
import MinisignFormat
import Testing

@testable import ExerciseKit

/// Every way `exercise open` refuses a message, each with its own error, and nothing
/// journaled or receipted when it does.
@Suite struct OpenFailureTests {
    let fixture: ExerciseFixture
    let morning = ExerciseFixture.morning

    init() throws {
        fixture = try ExerciseFixture()
    }

    func openError(
        _ input: [UInt8], as team: String = "cert-es", at time: Timestamp? = nil, rosterFile: [UInt8]? = nil,
        controlKey: SignedRoster? = nil, freshness: Freshness = Freshness()
    ) -> ExerciseError? {
        ExerciseFixture.error {
            _ = try fixture.open(
                input, as: team, at: time ?? morning + .minutes(1), rosterFile: rosterFile, controlKey: controlKey,
                freshness: freshness)
        }
    }

    func expectNothingRecorded(_ team: String = "cert-es") throws {
        let journal = fixture.journal(team)
        guard FileManager.default.fileExists(atPath: journal.path) else { return }
        #expect(try journal.read().entries.filter { $0.kind == JournalKind.open }.isEmpty)
    }

    /// age with another identity: the plaintext of `sealed` as `team` decrypts it.
    func plaintext(_ sealed: SealedFile, as team: String) throws -> [UInt8] {
        try AgeDecryptor.decrypt(sealed.binary, identities: [fixture.team(team).ageIdentity])
    }

    func encrypt(_ plaintext: [UInt8], to teams: [String]) throws -> [UInt8] {
        try AgeEncryptor(recipients: teams.map { fixture.team($0).card.ageRecipient }, armored: true).encrypt(plaintext)
    }

    @Test func notAddressedNoKeyOpensIt() throws {
        let (_, sealed) = try fixture.send(from: "cert-de", to: ["cert-es"])
        guard case .notAddressed(let team, let reason)? = openError(sealed.armored, as: "cert-fr") else {
            Issue.record("opened a message for someone else")
            return
        }
        #expect(team == "cert-fr")
        #expect(reason.contains("none of its keys"))
        try expectNothingRecorded("cert-fr")
    }

    /// cert-es forwards its plaintext to cert-fr, signature and all: the signed recipient
    /// list gives it away.
    @Test func notAddressedForwardedCopy() throws {
        let (_, sealed) = try fixture.send(from: "cert-de", to: ["cert-es"])
        let forwarded = try encrypt(try plaintext(sealed, as: "cert-es"), to: ["cert-fr"])
        guard case .notAddressed(_, let reason)? = openError(forwarded, as: "cert-fr") else {
            Issue.record("a forwarded copy was accepted")
            return
        }
        #expect(reason.contains("signed it for cert-es only"))
    }

    @Test func tamperedCiphertext() throws {
        let (_, sealed) = try fixture.send(from: "cert-de", to: ["cert-es"])
        for offset in [sealed.binary.count - 5, sealed.binary.count - 40] {
            var binary = sealed.binary
            binary[offset] ^= 0x01
            guard case .tampered? = openError(binary) else {
                Issue.record("a flipped bit at \(offset) was accepted")
                continue
            }
        }
        // The header MAC: change a stanza body byte of control's stanza, keep it base64.
        var text = String(decoding: sealed.binary, as: UTF8.self)
        let macLine = try #require(text.range(of: "\n--- "))
        let index = text.index(macLine.upperBound, offsetBy: 3)
        text.replaceSubrange(index...index, with: text[index] == "A" ? "B" : "A")
        guard case .tampered? = openError(Array(text.utf8)) else {
            Issue.record("a changed header MAC was accepted")
            return
        }
        try expectNothingRecorded()
    }

    /// Someone who can encrypt to cert-es (anyone: its key is public) changes the signed
    /// body and re-encrypts.
    @Test func tamperedSignedContent() throws {
        let (_, sealed) = try fixture.send(from: "cert-de", to: ["cert-es"], body: "meet at 10")
        var plain = try plaintext(sealed, as: "cert-es")
        let range = try #require(plain.lastIndex(of: UInt8(ascii: "1")))
        plain[range] = UInt8(ascii: "2")
        guard case .tampered(let why)? = openError(try encrypt(plain, to: ["cert-es"])) else {
            Issue.record("a changed body verified")
            return
        }
        #expect(why.contains("bad signature"))
    }

    /// A team on the roster (cert-fr) signs a message that claims to come from cert-de.
    @Test func signedWithAnotherTeamsKey() throws {
        let message = try ExerciseMessage(
            exercise: fixture.roster.exercise, id: Identifier.randomMessageID(), from: "cert-de", to: ["cert-es"],
            channel: "misp", sent: morning, subject: "", body: [])
        let sealed = try Sealing.seal(
            message.signedBytes, trustedComment: message.trustedComment, untrustedComment: "u",
            signer: fixture.team("cert-fr"), recipients: [fixture.team("cert-es").card])
        guard case .tampered(let why)? = openError(sealed.armored) else {
            Issue.record("a message signed with cert-fr's key as cert-de was accepted")
            return
        }
        #expect(why.contains("signed with the key of 'cert-fr'"))
    }

    func rosterReplacing(_ team: String, with identity: TeamIdentity) throws -> Roster {
        try Roster(
            exercise: fixture.roster.exercise, from: fixture.roster.from, until: fixture.roster.until,
            control: fixture.control.card,
            teams: fixture.roster.teams.filter { $0.team.rawValue != team } + [identity.card])
    }

    @Test func signerNotOnTheRoster() throws {
        let outsider = try TeamIdentity.generate(team: TeamID("cert-xx"))
        let wider = try Roster(
            exercise: fixture.roster.exercise, from: fixture.roster.from, until: fixture.roster.until,
            control: fixture.control.card, teams: fixture.roster.teams + [outsider.card])
        let sealed = try MessageSender.seal(
            body: [], subject: "", to: ["cert-es"], channel: "misp", roster: wider, sender: outsider, now: morning
        ).sealed
        guard case .signerNotOnRoster(let why)? = openError(sealed.armored) else {
            Issue.record("a message from outside the roster was accepted")
            return
        }
        #expect(why.contains("'cert-xx'"))

        // An outsider claiming to be cert-de, with its own key.
        let impostor = try TeamIdentity.generate(team: TeamID("cert-de"))
        let forged = try MessageSender.seal(
            body: [], subject: "", to: ["cert-es"], channel: "misp",
            roster: try rosterReplacing("cert-de", with: impostor),
            sender: impostor, now: morning
        ).sealed
        guard case .signerNotOnRoster(let claim)? = openError(forged.armored) else {
            Issue.record("an impostor's key was accepted")
            return
        }
        #expect(claim.contains("on no card of the roster"))
        try expectNothingRecorded()
    }

    @Test func rosterSignatureInvalid() throws {
        let (_, sealed) = try fixture.send(from: "cert-de", to: ["cert-es"])
        let edited = String(decoding: fixture.rosterFile, as: UTF8.self)
            .replacingOccurrences(of: "name: CERT-FR", with: "name: CERT-FX")
        #expect(Array(edited.utf8) != fixture.rosterFile)
        guard case .rosterSignatureInvalid? = openError(sealed.armored, rosterFile: Array(edited.utf8)) else {
            Issue.record("an edited roster was accepted")
            return
        }
        let unsigned = Array(fixture.signedRoster.text.body)
        guard case .rosterSignatureInvalid? = openError(sealed.armored, rosterFile: unsigned) else {
            Issue.record("an unsigned roster was accepted")
            return
        }
        try expectNothingRecorded()
    }

    /// First use pins control's key; a roster from another control is then refused, unless
    /// its key is given explicitly, which pins it instead.
    @Test func controlKeyIsPinned() throws {
        let (_, first) = try fixture.send(from: "cert-de", to: ["cert-es"])
        _ = try fixture.open(first.armored, as: "cert-es", at: morning + .minutes(1))

        let otherControl = try TeamIdentity.generate(team: TeamID("exercise-control"))
        let hijacked = try Roster(
            exercise: fixture.roster.exercise, from: fixture.roster.from, until: fixture.roster.until,
            control: otherControl.card, teams: fixture.roster.teams
        ).signed(by: otherControl)
        let (_, second) = try fixture.send(from: "cert-de", to: ["cert-es"])
        guard
            case .controlKeyChanged(let pinned, let found)? = openError(
                second.armored, rosterFile: hijacked.fileContents)
        else {
            Issue.record("a roster from another control key was accepted")
            return
        }
        #expect(pinned == fixture.control.card.minisignPublicKey.base64)
        #expect(found == otherControl.card.minisignPublicKey.base64)

        // Given explicitly, the new control's roster is accepted and its key pinned; the
        // teams' cards are the same, so the message opens.
        let explicit = try fixture.open(
            second.armored, as: "cert-es", at: morning + .minutes(2), rosterFile: hijacked.fileContents,
            controlKey: hijacked)
        #expect(explicit.outcome.pinnedControlKey)
        #expect(try fixture.journal("cert-es").read().pinnedControlKey == otherControl.card.minisignPublicKey.base64)
    }

    @Test func explicitControlKeyMustHaveSigned() throws {
        let (_, sealed) = try fixture.send(from: "cert-de", to: ["cert-es"])
        let otherControl = try TeamIdentity.generate(team: TeamID("exercise-control"))
        let other = try Roster(
            exercise: "other", from: fixture.roster.from, until: fixture.roster.until, control: otherControl.card,
            teams: fixture.roster.teams
        ).signed(by: otherControl)
        guard case .rosterSignatureInvalid? = openError(sealed.armored, controlKey: other) else {
            Issue.record("a roster was accepted with a control key that did not sign it")
            return
        }
    }

    @Test func wrongExercise() throws {
        let other = try fixture.roster(exercise: "cyber-europe-2026")
        let sealed = try fixture.send(from: "cert-de", to: ["cert-es"], roster: other.roster).sealed
        guard case .wrongExercise(let found, let expected)? = openError(sealed.armored) else {
            Issue.record("a message of another exercise was accepted")
            return
        }
        #expect((found, expected) == ("cyber-europe-2026", "blue-olex-2026"))
        try expectNothingRecorded()
    }

    @Test func replayed() throws {
        let (message, sealed) = try fixture.send(from: "cert-de", to: ["cert-es"])
        _ = try fixture.open(sealed.armored, as: "cert-es", at: morning + .minutes(1))
        guard case .replayed(let id, let first)? = openError(sealed.armored, at: morning + .minutes(5)) else {
            Issue.record("a message was opened twice")
            return
        }
        #expect(id == message.id)
        #expect(first == "2026-10-07T09:01:00Z")
        // Re-encrypted by an eavesdropping recipient, it is still the same message id.
        let copy = try encrypt(try plaintext(sealed, as: "cert-es"), to: ["cert-es"])
        guard case .replayed? = openError(copy, at: morning + .minutes(6)) else {
            Issue.record("a re-encrypted copy was opened twice")
            return
        }
        #expect(try fixture.journal("cert-es").read().entries.filter { $0.kind == "open" }.count == 1)
    }

    @Test func staleAndFutureDated() throws {
        let (_, sealed) = try fixture.send(from: "cert-de", to: ["cert-es"])
        guard case .stale? = openError(sealed.armored, at: morning + .hours(24) + TimeSpan(seconds: 1)) else {
            Issue.record("a 24 h 1 s old message was accepted")
            return
        }
        guard case .futureDated? = openError(sealed.armored, at: morning - .minutes(6)) else {
            Issue.record("a message from 6 minutes in the future was accepted")
            return
        }
        let strict = Freshness(maximumAge: .minutes(30), clockSkew: .minutes(1))
        guard case .stale? = openError(sealed.armored, at: morning + .minutes(31), freshness: strict) else {
            Issue.record("--max-age was not applied")
            return
        }
        guard case .futureDated? = openError(sealed.armored, at: morning - .minutes(2), freshness: strict) else {
            Issue.record("--clock-skew was not applied")
            return
        }
        try expectNothingRecorded()
        // Within the tolerances it opens: 4 minutes early with the default skew.
        _ = try fixture.open(sealed.armored, as: "cert-es", at: morning - .minutes(4))
    }

    @Test func outsideTheExerciseWindow() throws {
        let longer = try fixture.roster(exercise: ExerciseFixture.exercise, until: ExerciseFixture.until + .days(2))
        let late = ExerciseFixture.until + .hours(1)
        let sealed = try fixture.send(from: "cert-de", to: ["cert-es"], at: late, roster: longer.roster).sealed
        guard case .outsideWindow? = openError(sealed.armored, at: late + .minutes(1)) else {
            Issue.record("a message dated after the exercise was accepted")
            return
        }
    }

    @Test func aReceiptIsNotAMessage() throws {
        let (_, sealed) = try fixture.send(from: "cert-de", to: ["cert-es"])
        let (_, receipt) = try fixture.open(sealed.armored, as: "cert-es", at: morning + .minutes(1))
        guard case .malformed(let why)? = openError(receipt.armored, as: "cert-de") else {
            Issue.record("a receipt was opened as a message")
            return
        }
        #expect(why.contains("receipt"))
    }

    @Test func identityMustBeItsRosterCard() throws {
        let (_, sealed) = try fixture.send(from: "cert-de", to: ["cert-es"])
        let stranger = try TeamIdentity.generate(team: TeamID("cert-es"))
        let reception = MessageReception(
            journal: fixture.journal("stranger"), identity: stranger, controlKey: nil, freshness: Freshness())
        let error = ExerciseFixture.error {
            _ = try reception.open(sealed.armored, rosterFile: fixture.rosterFile, now: morning) { _, _ in "" }
        }
        guard case .identityNotOnRoster? = error else {
            Issue.record("an identity that is not on the roster opened a message")
            return
        }
    }

    @Test func sendRefusesWhatCannotBeDelivered() throws {
        let cases: [() throws -> Void] = [
            { _ = try self.fixture.send(from: "cert-de", to: ["cert-zz"]) },
            { _ = try self.fixture.send(from: "cert-de", to: ["cert-de"]) },
            { _ = try self.fixture.send(from: "cert-de", to: ["cert-es"], channel: "Not A Tool") },
        ]
        for attempt in cases {
            guard case .invalidArgument? = ExerciseFixture.error(attempt) else {
                Issue.record("an impossible send was accepted")
                continue
            }
        }
        guard
            case .outsideWindow? = ExerciseFixture.error({
                _ = try self.fixture.send(from: "cert-de", to: ["cert-es"], at: ExerciseFixture.until + .minutes(1))
            })
        else {
            Issue.record("a send after the exercise was accepted")
            return
        }
    }

    /// The receipt is written before the journal entries; if it cannot be, nothing is
    /// recorded and the message can be opened again.
    @Test func failedReceiptWriteRecordsNothing() throws {
        let (_, sealed) = try fixture.send(from: "cert-de", to: ["cert-es"])
        let reception = MessageReception(
            journal: fixture.journal("cert-es"), identity: fixture.team("cert-es"), controlKey: nil,
            freshness: Freshness())
        struct DiskFull: Error {}
        #expect(throws: DiskFull.self) {
            _ = try reception.open(sealed.armored, rosterFile: fixture.rosterFile, now: morning) { _, _ in
                throw DiskFull()
            }
        }
        _ = try fixture.open(sealed.armored, as: "cert-es", at: morning + .minutes(1))
    }
}
