import SodiumKit
import Testing

@testable import AgeFormat

@Suite struct KeyFileTests {
    @Test func recipientFilesSkipCommentsAndBlankLines() throws {
        let keys = try (0..<3).map { _ in try X25519Identity.generate().recipient }
        let text = """
            # team CERT-EU
            \(keys[0])

            # team CERT-FR\r
            \(keys[1])\r
            \(keys[2])
            """
        #expect(try KeyFile.recipients(in: Array(text.utf8), name: "r.txt") == keys)
        #expect(KeyFile.looksLikeRecipientFile(Array(text.utf8)))
    }

    @Test func recipientFileErrorsNameTheLine() throws {
        let good = try X25519Identity.generate().recipient
        let text = "# comment\n\(good)\nage1notakey\n"
        #expect {
            _ = try KeyFile.recipients(in: Array(text.utf8), name: "r.txt")
        } throws: { error in
            guard case AgeError.invalidKey(let what) = error else { return false }
            return what.hasPrefix("r.txt:3: ")
        }
        let pq = Bech32.encode(hrp: "age1pq", data: patternBytes(40))
        #expect {
            _ = try KeyFile.recipients(in: Array("\(good)\n\(pq)\n".utf8), name: "r.txt")
        } throws: { error in
            guard case AgeError.unsupportedRecipientType(let what) = error else { return false }
            return what.contains("mlkem768x25519") && what.contains("r.txt:2")
        }
        #expect(throws: AgeError.invalidKey("empty.txt: no recipients found")) {
            try KeyFile.recipients(in: Array("# nothing\n\n".utf8), name: "empty.txt")
        }
    }

    /// The layout `age-keygen` writes.
    @Test func identityFilesInAgeKeygenFormat() throws {
        let identity = try X25519Identity.generate()
        let text = """
            # created: 2025-01-01T00:00:00Z
            # public key: \(identity.recipient)
            \(identity.encoded())

            """
        let parsed = try KeyFile.identities(in: Array(text.utf8), name: "key.txt")
        #expect(parsed.map(\.recipient) == [identity.recipient])
        #expect(KeyFile.looksLikeIdentityFile(Array(text.utf8)))
        #expect(!KeyFile.looksLikeIdentityFile(Array("# only a comment\n".utf8)))
    }

    @Test func identityFileErrors() throws {
        let identity = try X25519Identity.generate()
        #expect {
            _ = try KeyFile.identities(in: Array("# c\n\(identity.encoded().lowercased())\n".utf8), name: "k")
        } throws: { error in
            guard case AgeError.invalidKey(let what) = error else { return false }
            // The message must not repeat the secret.
            return what.hasPrefix("k:2: ") && !what.contains(identity.encoded().lowercased())
        }
        #expect(throws: AgeError.invalidKey("k: no identities found")) { try KeyFile.identities(in: [], name: "k") }
    }

    @Test func passphraseEncryptedIdentityFiles() throws {
        let identity = try X25519Identity.generate()
        let plain = Array("# public key: \(identity.recipient)\n\(identity.encoded())\n".utf8)
        for armored in [false, true] {
            let encrypted = try AgeEncryptor(
                recipients: [try ScryptRecipient(passphrase: try secure("s3cret"), workFactor: 8)], armored: armored
            ).encrypt(plain)
            #expect(EncryptedIdentityFile.isEncrypted(encrypted))
            #expect(!EncryptedIdentityFile.isEncrypted(plain))
            let opened = try EncryptedIdentityFile.decrypt(encrypted) { try secure("s3cret") }
            let parsed = try KeyFile.identities(in: opened.unsafeCopy, name: "key.age")
            #expect(parsed.map(\.recipient) == [identity.recipient])
            #expect(throws: AgeError.noIdentityMatched(stanzaTypes: ["scrypt"])) {
                try EncryptedIdentityFile.decrypt(encrypted) { try secure("wrong") }
            }
        }
    }

    @Test func identityFileEncryptedToAKeyIsRefusedWithoutAskingAPassphrase() throws {
        let file = try AgeEncryptor(recipients: [try X25519Identity.generate().recipient]).encrypt([1, 2, 3])
        var asked = false
        #expect(throws: AgeError.self) {
            try EncryptedIdentityFile.decrypt(file) {
                asked = true
                return try secure("x")
            }
        }
        #expect(!asked)
    }
}
