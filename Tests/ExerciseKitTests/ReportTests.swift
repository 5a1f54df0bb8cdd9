import AgeFormat
import Foundation
import Testing

@testable import ExerciseKit

/// The report's matching of receipts to messages, its statistics and its failure kinds.
@Suite struct ReportTests {
    let fixture: ExerciseFixture
    let morning = ExerciseFixture.morning

    init() throws {
        fixture = try ExerciseFixture()
    }

    var auditor: ExerciseAuditor {
        get throws { try ExerciseAuditor(roster: fixture.roster, control: fixture.control) }
    }

    @Test func latencyStatistics() {
        #expect(LatencyStatistics(seconds: []) == nil)
        let one = LatencyStatistics(seconds: [90])
        #expect((one?.medianMinutes, one?.p95Minutes) == (1.5, 1.5))
        // 1 … 20 minutes: median 10.5, p95 rank 19.
        let twenty = LatencyStatistics(seconds: (1...20).map { Int64($0) * 60 })
        #expect((twenty?.medianMinutes, twenty?.p95Minutes) == (10.5, 19.0))
        // 1 … 21: rank ⌈19.95⌉ = 20.
        let twentyOne = LatencyStatistics(seconds: (1...21).map { Int64($0) * 60 })
        #expect((twentyOne?.medianMinutes, twentyOne?.p95Minutes) == (11.0, 20.0))
        // 100 s is 1.666… minutes, rounded to 1.67.
        #expect(LatencyStatistics(seconds: [100])?.medianMinutes == 1.67)
    }

    /// Two deliveries of one message, one receipt back, a receipt for a message control never
    /// saw, a receipt for a different ciphertext, a tampered file, a file from another
    /// exercise and one for a team control is not copied on.
    @Test func problemsAreCountedByKind() throws {
        let (message, sealed) = try fixture.send(from: "cert-de", to: ["cert-es", "cert-eu"], channel: "misp")
        let (_, receipt) = try fixture.open(sealed.armored, as: "cert-es", at: morning + .minutes(3))

        // A receipt for a message control has no copy of.
        let (_, unseen) = try fixture.send(from: "cert-fr", to: ["cert-it"], channel: "jitsi")
        let (_, orphan) = try fixture.open(unseen.armored, as: "cert-it", at: morning + .minutes(2))

        // cert-eu received another encryption of the same message (the sender encrypted it
        // twice): its receipt names a ciphertext control never saw.
        let plain = try AgeDecryptorHelper.decrypt(sealed.binary, with: fixture.team("cert-eu"))
        let again = try AgeDecryptorHelper.encrypt(plain, to: [fixture.team("cert-eu").card, fixture.control.card])
        let (_, otherReceipt) = try fixture.open(again, as: "cert-eu", at: morning + .minutes(4))

        var tampered = sealed.binary
        tampered[tampered.count - 3] ^= 0x80
        let other = try fixture.roster(exercise: "other-drill")
        let foreign = try fixture.send(from: "cert-de", to: ["cert-es"], roster: other.roster).sealed
        let notForControl = try AgeDecryptorHelper.encrypt(Array("x".utf8), to: [fixture.team("cert-es").card])

        let files: [(name: String, contents: [UInt8])] = [
            ("c-receipt-eu.asc", otherReceipt.armored),
            ("a-message.asc", sealed.armored), ("b-receipt-es.asc", receipt.armored), ("d-orphan.asc", orphan.armored),
            ("e-tampered.age", tampered), ("f-foreign.asc", foreign.armored), ("g-not-for-control.age", notForControl),
            ("h-garbage.txt", Array("hello".utf8)),
        ]
        let report = try auditor.report(files)
        #expect(report.files == FileCounts(read: 8, messages: 1, receipts: 3, failed: 4))
        #expect(report.hasFailedChecks)
        let kinds = report.problems.map(\.kind)
        #expect(
            kinds.sorted() == [
                "malformed", "no-receipt", "not-addressed", "receipt-mismatch", "receipt-mismatch", "tampered",
                "wrong-exercise",
            ])
        let misp = try #require(report.channels.first { $0.key == "misp" })
        #expect((misp.sent, misp.delivered, misp.deliveryRate) == (2, 1, 0.5))
        #expect(misp.latency?.medianMinutes == 3.0)
        #expect(misp.failures == ["no-receipt": 1, "receipt-mismatch": 1])
        let jitsi = try #require(report.channels.first { $0.key == "jitsi" })
        #expect((jitsi.sent, jitsi.delivered, jitsi.deliveryRate) == (0, 0, nil))
        #expect(jitsi.failures == ["receipt-mismatch": 1])
        #expect(report.total.failures["tampered"] == 1)
        let mismatch = try #require(report.problems.first { $0.file == "c-receipt-eu.asc" })
        #expect(mismatch.detail.contains("different ciphertext"))
        let orphanProblem = try #require(report.problems.first { $0.file == "d-orphan.asc" })
        #expect(orphanProblem.detail.contains("no message with id"))
        #expect(message.to == ["cert-es", "cert-eu"])

        // The evidence lists only channels on which something was sent.
        let evidence = EvidenceFile(report: report).yaml
        #expect(evidence.contains("  - tool: misp\n"))
        #expect(!evidence.contains("jitsi"))
        #expect(evidence.contains("    delivery_rate: 0.5\n"))
    }

    @Test func receiptMismatchReasons() throws {
        let message = try ExerciseMessage(
            exercise: "blue-olex-2026", id: Identifier.randomMessageID(), from: "cert-de", to: ["cert-es"],
            channel: "misp", sent: morning, subject: "", body: [])
        let hash = String(repeating: "0", count: 64)
        func receipt(
            from: String = "cert-es", to: String = "cert-de", channel: String = "misp", at: Timestamp? = nil,
            hash receiptHash: String? = nil
        ) throws -> Receipt {
            try Receipt(
                exercise: "blue-olex-2026", message: message.id, from: from, to: to, channel: channel,
                received: at ?? morning + .minutes(1), ciphertextSHA256: receiptHash ?? hash)
        }
        let skew = TimeSpan.minutes(5)
        #expect(ReportBuilder.mismatchReason(try receipt(), message, hash: hash, clockSkew: skew) == nil)
        #expect(
            ReportBuilder.mismatchReason(try receipt(at: morning - .minutes(4)), message, hash: hash, clockSkew: skew)
                == nil)
        for bad in [
            try receipt(from: "cert-fr"), try receipt(to: "cert-fr"), try receipt(channel: "jitsi"),
            try receipt(at: morning - .minutes(6)), try receipt(hash: String(repeating: "1", count: 64)),
        ] {
            #expect(ReportBuilder.mismatchReason(bad, message, hash: hash, clockSkew: skew) != nil)
        }
    }

    @Test func duplicatesAreCountedOnce() throws {
        let (_, sealed) = try fixture.send(from: "cert-de", to: ["cert-es"])
        let (_, receipt) = try fixture.open(sealed.armored, as: "cert-es", at: morning + .minutes(1))
        let report = try auditor.report([
            ("m1.asc", sealed.armored), ("m2.age", sealed.binary), ("r1.asc", receipt.armored),
            ("r2.asc", receipt.armored),
        ])
        #expect(report.problems.isEmpty)
        #expect((report.total.sent, report.total.delivered) == (1, 1))
    }

    /// Sources are read on the checking threads; one that cannot be read fails the audit
    /// (it is not a verdict about a message), and the others are still read.
    @Test func unreadableSourceFailsTheAudit() throws {
        let (_, sealed) = try fixture.send(from: "cert-de", to: ["cert-es"])
        struct Unreadable: Error {}
        let sources = [
            ExerciseAuditor.Source(name: "m.asc", contents: sealed.armored),
            ExerciseAuditor.Source(name: "gone.asc", load: { throw Unreadable() }),
        ]
        #expect(throws: Unreadable.self) { _ = try auditor.audit(sources) }
        let readable = try auditor.audit(Array(sources.prefix(1)))
        guard case .message? = readable.first.map(\.content) else {
            Issue.record("the readable source was not checked")
            return
        }
    }

    @Test func renderings() throws {
        let (_, sealed) = try fixture.send(from: "cert-de", to: ["cert-es"])
        let (_, receipt) = try fixture.open(sealed.armored, as: "cert-es", at: morning + TimeSpan(seconds: 150))
        let report = try auditor.report([("m.asc", sealed.armored), ("r.asc", receipt.armored)])
        let text = report.text
        #expect(
            text.contains(
                "Exercise blue-olex-2026, 2026-10-06T00:00:00Z to 2026-10-08T23:59:59Z, control exercise-control"))
        #expect(text.contains("misp"))
        #expect(text.contains("100.0%"))
        #expect(text.contains("2.50 min"))
        let json = try JSONSerialization.jsonObject(with: try report.json()) as? [String: Any]
        #expect(json?["schema"] as? Int == 1)
        let channels = json?["channels"] as? [[String: Any]]
        #expect(channels?.first?["median_latency_minutes"] as? Double == 2.5)
        #expect(channels?.first?["delivery_rate"] as? Double == 1.0)
    }
}

/// age directly, for tests that play an attacker or a sloppy sender.
enum AgeDecryptorHelper {
    static func decrypt(_ binary: [UInt8], with team: TeamIdentity) throws -> [UInt8] {
        try AgeDecryptor.decrypt(binary, identities: [team.ageIdentity])
    }

    static func encrypt(_ plaintext: [UInt8], to cards: [TeamCard]) throws -> [UInt8] {
        try AgeEncryptor(recipients: cards.map(\.ageRecipient), armored: true).encrypt(plaintext)
    }
}
