import Testing

@testable import ExerciseKit

/// The signed parts of messages and receipts, byte for byte, and the strict reader.
@Suite struct MessageFormatTests {
    static let id = "0123456789abcdef0123456789abcdef"
    static let sent = ExerciseFixture.time("2026-10-07T10:00:00Z")

    static func message(subject: String = "Drill 1", body: String = "Hello\nworld") throws -> ExerciseMessage {
        try ExerciseMessage(
            exercise: "blue-olex-2026", id: id, from: "cert-eu", to: ["cert-fr", "cert-de", "cert-fr"],
            channel: "signal", sent: sent, subject: subject, body: Array(body.utf8))
    }

    static let messageText = """
        commsmap-message: 1
        exercise: blue-olex-2026
        id: 0123456789abcdef0123456789abcdef
        from: cert-eu
        to: cert-de, cert-fr
        channel: signal
        sent: 2026-10-07T10:00:00Z
        subject: Drill 1
        body-length: 11

        Hello
        world
        """

    @Test func messageBytes() throws {
        let message = try Self.message()
        #expect(message.to == ["cert-de", "cert-fr"])
        #expect(String(decoding: message.signedBytes, as: UTF8.self) == Self.messageText)
        #expect(message.trustedComment == "commsmap message v1 id=\(Self.id)")
        #expect(try ExerciseMessage(signedBytes: message.signedBytes) == message)
    }

    @Test func emptyBodyAndSubject() throws {
        let message = try Self.message(subject: "", body: "")
        #expect(String(decoding: message.signedBytes, as: UTF8.self).hasSuffix("subject: \nbody-length: 0\n\n"))
        #expect(try ExerciseMessage(signedBytes: message.signedBytes) == message)
    }

    @Test func binaryBodySurvives() throws {
        let body: [UInt8] = [0, 255, 10, 13, 10, 0x1b]
        let message = try ExerciseMessage(
            exercise: "x", id: Self.id, from: "a", to: ["b"], channel: "c", sent: Self.sent, subject: "s", body: body)
        #expect(try ExerciseMessage(signedBytes: message.signedBytes).body == body)
    }

    /// Each line of the canonical text replaced by something else must be refused.
    @Test(arguments: [
        ("commsmap-message: 1", "commsmap-message: 2"),
        ("commsmap-message: 1\n", "commsmap-message: 1\nx-extra: 1\n"),
        ("to: cert-de, cert-fr", "to: cert-fr, cert-de"),
        ("to: cert-de, cert-fr", "to: cert-de,cert-fr"),
        ("to: cert-de, cert-fr", "to: cert-de, cert-de"),
        ("to: cert-de, cert-fr", "to: "),
        ("to: cert-de, cert-fr", "to: cert-eu"),
        ("id: 0123456789abcdef0123456789abcdef", "id: 0123456789ABCDEF0123456789abcdef"),
        ("id: 0123456789abcdef0123456789abcdef", "id: 42"),
        ("sent: 2026-10-07T10:00:00Z", "sent: 2026-10-07T10:00:00+00:00"),
        ("body-length: 11", "body-length: 12"),
        ("body-length: 11", "body-length: 011"),
        ("body-length: 11\n\n", "body-length: 11\n"),
        ("channel: signal", "channel:  signal"),
        ("channel: signal\nsent", "sent: 2026-10-07T10:00:00Z\nchannel: signal\nsent"),
        ("exercise: blue-olex-2026", "exercise: Blue OLEx"),
        ("subject: Drill 1", "subject: Drill\u{7}1"),
    ])
    func strictReader(_ change: (String, String)) throws {
        let text = Self.messageText.replacingOccurrences(of: change.0, with: change.1)
        #expect(text != Self.messageText)
        let error = ExerciseFixture.error { _ = try ExerciseMessage(signedBytes: Array(text.utf8)) }
        guard case .malformed? = error else {
            Issue.record("\(change) gave \(String(describing: error))")
            return
        }
    }

    @Test func refusesUnwritableValues() {
        let bad: [() throws -> ExerciseMessage] = [
            { try Self.message(subject: "two\nlines") },
            { try Self.message(subject: "line\u{2028}separator") },
            { try Self.message(subject: String(repeating: "x", count: 999)) },
            {
                try ExerciseMessage(
                    exercise: "x", id: Self.id, from: "cert-eu", to: ["cert-eu"], channel: "c", sent: Self.sent,
                    subject: "", body: [])
            },
            {
                try ExerciseMessage(
                    exercise: "x", id: Self.id, from: "cert-eu", to: [], channel: "c", sent: Self.sent, subject: "",
                    body: [])
            },
            {
                try ExerciseMessage(
                    exercise: "x", id: Self.id, from: "cert_eu", to: ["b"], channel: "c", sent: Self.sent, subject: "",
                    body: [])
            },
            {
                try ExerciseMessage(
                    exercise: "x", id: Self.id, from: "a", to: ["b"], channel: "Signal", sent: Self.sent, subject: "",
                    body: [])
            },
        ]
        for make in bad {
            guard case .invalidArgument? = ExerciseFixture.error({ _ = try make() }) else {
                Issue.record("a bad message was accepted")
                continue
            }
        }
    }

    static let receiptText = """
        commsmap-receipt: 1
        exercise: blue-olex-2026
        message: 0123456789abcdef0123456789abcdef
        from: cert-de
        to: cert-eu
        channel: signal
        received: 2026-10-07T10:03:30Z
        ciphertext-sha256: \(String(repeating: "ab", count: 32))

        """

    @Test func receiptBytes() throws {
        let receipt = try Receipt(
            exercise: "blue-olex-2026", message: Self.id, from: "cert-de", to: "cert-eu", channel: "signal",
            received: ExerciseFixture.time("2026-10-07T10:03:30Z"), ciphertextSHA256: String(repeating: "ab", count: 32)
        )
        #expect(String(decoding: receipt.signedBytes, as: UTF8.self) == Self.receiptText)
        #expect(receipt.trustedComment == "commsmap receipt v1 message=\(Self.id)")
        #expect(try Receipt(signedBytes: receipt.signedBytes) == receipt)
        for change in [
            ("ciphertext-sha256: ab", "ciphertext-sha256: AB"), ("\n", "\r\n"), ("channel: signal\n", ""),
            ("commsmap-receipt: 1", "commsmap-receipt: 2"),
        ] {
            let text = Self.receiptText.replacingOccurrences(of: change.0, with: change.1)
            guard case .malformed? = ExerciseFixture.error({ _ = try Receipt(signedBytes: Array(text.utf8)) }) else {
                Issue.record("\(change) was accepted")
                continue
            }
        }
        let trailing = Array((Self.receiptText + "x").utf8)
        guard case .malformed? = ExerciseFixture.error({ _ = try Receipt(signedBytes: trailing) }) else {
            Issue.record("bytes after the receipt were accepted")
            return
        }
    }
}
