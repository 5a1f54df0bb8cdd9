import Foundation
import SodiumKit
import Testing

/// Wycheproof vectors through SodiumKit, one generic runner for every primitive.
@Suite struct WycheproofTests {
    @Test func x25519() throws {
        let n = try runWycheproof(
            "x25519_test.json",
            acceptable: { _, test in
                // A zero shared secret must be refused (age aborts on it); otherwise compute it.
                (try? test.bytes("shared")).map { $0.allSatisfy { $0 == 0 } ? .rejected : .accepted }
            },
            check: { _, test in
                let shared = try X25519.sharedSecret(secret: test.bytes("private"), publicKey: test.bytes("public"))
                return shared.unsafeCopy == (try test.bytes("shared")) ? .accepted : .rejected
            })
        #expect(n == 518)
    }

    @Test func ed25519() throws {
        let n = try runWycheproof("ed25519_test.json") { group, test in
            guard case .object(let key)? = group.fields["publicKey"], case .string(let pk)? = key["pk"] else {
                throw VectorError.missing("publicKey.pk", test.tcId)
            }
            let valid = Ed25519.isValid(
                signature: try test.bytes("sig"), for: try test.bytes("msg"), publicKey: try hexBytes(pk))
            return valid ? .accepted : .rejected
        }
        #expect(n == 151)
    }

    @Test func chacha20Poly1305() throws {
        let n = try runWycheproof("chacha20_poly1305_test.json") { _, test in
            let key = try test.bytes("key"), nonce = try test.bytes("iv"), aad = try test.bytes("aad")
            let message = try test.bytes("msg"), sealed = try test.bytes("ct") + test.bytes("tag")
            // Opening must authenticate and give the message back...
            let opened = try ChaChaPoly.open(sealed, key: key, nonce: nonce, aad: aad)
            guard opened.unsafeCopy == message else { return .rejected }
            // ...and sealing must give exactly the vector's ciphertext and tag.
            return try ChaChaPoly.seal(message, key: key, nonce: nonce, aad: aad) == sealed ? .accepted : .rejected
        }
        #expect(n == 325)
    }

    @Test func hkdfSHA256() throws {
        let n = try runWycheproof("hkdf_sha256_test.json") { _, test in
            let okm = try HKDFSHA256.derive(
                ikm: test.bytes("ikm"), salt: test.bytes("salt"), info: test.bytes("info"), length: test.int("size"))
            return okm.unsafeCopy == (try test.bytes("okm")) ? .accepted : .rejected
        }
        #expect(n == 86)
    }

    @Test func hmacSHA256() throws {
        let n = try runWycheproof("hmac_sha256_test.json") { group, test in
            guard case .number(let bits)? = group.fields["tagSize"] else { throw VectorError.missing("tagSize", test.tcId) }
            let tag = HMACSHA256.authenticate(try test.bytes("msg"), key: try test.bytes("key"))
            let wanted = try test.bytes("tag")
            // Truncated tags: compare the leading tagSize bits (all are whole bytes here).
            guard wanted.count == Int(bits) / 8 else { return .rejected }
            return Array(tag.prefix(wanted.count)) == wanted ? .accepted : .rejected
        }
        #expect(n == 174)
    }
}
