import AgeFormat
import Testing

@testable import ExerciseKit

/// Armored messages survive what mail and chat do to text.
@Suite struct PastedCiphertextTests {
    let binary: [UInt8]
    let armored: String

    init() throws {
        let identity = try X25519Identity.generate()
        let plaintext = Array(repeating: UInt8(ascii: "m"), count: 500)
        binary = try AgeEncryptor(recipients: [identity.recipient]).encrypt(plaintext)
        armored = String(
            decoding: try AgeEncryptor(recipients: [identity.recipient], armored: true).encrypt(plaintext),
            as: UTF8.self)
    }

    @Test func binaryPassesThrough() throws {
        #expect(try PastedCiphertext.binary(from: binary) == binary)
    }

    @Test func armorDecodesToAnAgeFile() throws {
        let decoded = try PastedCiphertext.binary(from: Array(armored.utf8))
        #expect(decoded.starts(with: Array("age-encryption.org/v1\n".utf8)))
    }

    @Test func channelDamageIsUndone() throws {
        let reference = try PastedCiphertext.binary(from: Array(armored.utf8))
        let lines = armored.split(separator: "\n").map(String.init)
        let damaged = [
            armored.replacingOccurrences(of: "\n", with: "\r\n"),
            "\n\n   " + armored + "   \n\n",
            lines.map { "    " + $0 + " \t" }.joined(separator: "\r\n"),
            "Hi team,\nhere is the drill message:\n\n" + armored + "\n-- \nCERT-EU duty officer\n",
            // Re-wrapped at 40 columns by a chat client.
            ([lines[0]] + rewrap(lines.dropFirst().dropLast().joined(), width: 40) + [lines[lines.count - 1]])
                .joined(separator: "\n"),
            lines.joined(separator: "\n\n"),
        ]
        for text in damaged {
            #expect(try PastedCiphertext.binary(from: Array(text.utf8)) == reference)
        }
    }

    func rewrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(width)))
            rest = rest.dropFirst(width)
        }
        return lines
    }

    @Test func refusals() {
        let lines = armored.split(separator: "\n").map(String.init)
        let cases = [
            "just text",
            lines.dropLast().joined(separator: "\n"),
            armored + "\n" + armored,
            armored.replacingOccurrences(of: lines[1], with: "*" + lines[1].dropFirst()),
            "-----BEGIN AGE ENCRYPTED FILE-----\n-----END AGE ENCRYPTED FILE-----\n",
            "-----BEGIN AGE ENCRYPTED FILE-----\naGVsbG8gd29ybGQ=\n-----END AGE ENCRYPTED FILE-----\n",
        ]
        for text in cases {
            guard case .malformed? = ExerciseFixture.error({ _ = try PastedCiphertext.binary(from: Array(text.utf8)) })
            else {
                Issue.record("accepted: \(text.prefix(80))")
                continue
            }
        }
    }
}
