import MinisignFormat
import Testing

@testable import ExerciseKit

/// The in-file signature block of rosters (exercise design, item 3).
@Suite struct SignedTextTests {
    let key: MinisignSigningKey
    let body = Array("commsmap_roster: 1\nexercise: x\n".utf8)

    init() throws {
        key = try MinisignSigningKey.generate()
    }

    func signed() throws -> SignedText {
        try SignedText.sign(body, with: key, trustedComment: "commsmap roster v1 exercise=x", untrustedComment: "u")
    }

    @Test func layout() throws {
        let text = String(decoding: try signed().fileContents, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 9)
        #expect(lines[0...1] == ["commsmap_roster: 1", "exercise: x"])
        #expect(lines[2] == "# -----BEGIN COMMSMAP SIGNATURE-----")
        #expect(lines[3] == "# untrusted comment: u")
        #expect(lines[4].hasPrefix("# RU"))  // base64 of "ED" and the key id
        #expect(try SignedText(parsing: try signed().fileContents).signature.algorithm == .prehashed)
        #expect(lines[5] == "# trusted comment: commsmap roster v1 exercise=x")
        #expect(lines[7] == "# -----END COMMSMAP SIGNATURE-----")
        #expect(lines[6].hasPrefix("# ") && lines[6].count == 2 + 88)
        #expect(lines[8] == "")
    }

    @Test func roundTripAndVerify() throws {
        let parsed = try SignedText(parsing: try signed().fileContents)
        #expect(parsed.body == body)
        try parsed.verify(with: key.publicKey, expectedTrustedComment: "commsmap roster v1 exercise=x")
    }

    @Test func crlfIsUndone() throws {
        let crlf = String(decoding: try signed().fileContents, as: UTF8.self).replacingOccurrences(
            of: "\n", with: "\r\n")
        let parsed = try SignedText(parsing: Array(crlf.utf8))
        #expect(parsed.body == body)
        try parsed.verify(with: key.publicKey)
    }

    @Test func bodyChangeFails() throws {
        var bytes = try signed().fileContents
        bytes[bytes.firstIndex(of: UInt8(ascii: "x"))!] = UInt8(ascii: "y")
        let parsed = try SignedText(parsing: bytes)
        guard case .rosterSignatureInvalid? = ExerciseFixture.error({ try parsed.verify(with: key.publicKey) }) else {
            Issue.record("a changed body verified")
            return
        }
    }

    @Test func otherKeyAndOtherCommentFail() throws {
        let parsed = try SignedText(parsing: try signed().fileContents)
        let other = try MinisignSigningKey.generate()
        guard case .rosterSignatureInvalid? = ExerciseFixture.error({ try parsed.verify(with: other.publicKey) }) else {
            Issue.record("another key verified")
            return
        }
        let wrongComment = ExerciseFixture.error {
            try parsed.verify(with: key.publicKey, expectedTrustedComment: "commsmap roster v1 exercise=y")
        }
        guard case .rosterSignatureInvalid? = wrongComment else {
            Issue.record("another trusted comment was accepted")
            return
        }
    }

    @Test func missingOrDamagedBlock() throws {
        let good = String(decoding: try signed().fileContents, as: UTF8.self)
        let damaged = [
            String(decoding: body, as: UTF8.self),
            good.replacingOccurrences(of: "# -----END COMMSMAP SIGNATURE-----\n", with: ""),
            good.replacingOccurrences(of: "# trusted comment", with: "#trusted comment"),
            good + "extra\n",
            String(good.drop { $0 != "#" }),
        ]
        for text in damaged {
            guard
                case .rosterSignatureInvalid? = ExerciseFixture.error({ _ = try SignedText(parsing: Array(text.utf8)) })
            else {
                Issue.record("accepted: \(text)")
                continue
            }
        }
    }

    @Test func aBeginLineInsideTheBodyIsPartOfTheBody() throws {
        let tricky = Array("a: 1\n# -----BEGIN COMMSMAP SIGNATURE-----\nb: 2\n".utf8)
        let text = try SignedText.sign(tricky, with: key, trustedComment: "t", untrustedComment: "u")
        let parsed = try SignedText(parsing: text.fileContents)
        #expect(parsed.body == tricky)
        try parsed.verify(with: key.publicKey)
    }
}
