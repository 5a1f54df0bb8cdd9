import SodiumKit
import Testing

@testable import AgeFormat

/// Runs every vector of the CCTV age testkit through the decryptor: the outcome must be the
/// vector's `expect` class, and the SHA-256 of all plaintext released (also before a
/// failure) must equal its `payload` hash.
@Suite struct CCTVVectorTests {
    /// What running a vector gave.
    enum Outcome: Equatable {
        case ran(expect: String, released: [UInt8], error: AgeError?)
        /// Every identity of the vector is of a kind this implementation does not support.
        case unsupported([String])
    }

    static func run(_ vector: CCTVVector) throws -> Outcome {
        var identities: [any AgeIdentity] = []
        var unsupported: [String] = []
        for text in vector.identities {
            do {
                identities.append(try AgeKeyParser.identity(Array(text.utf8)))
            } catch AgeError.unsupportedRecipientType(let kind) {
                unsupported.append(kind)
            }
        }
        for passphrase in vector.passphrases {
            identities.append(ScryptIdentity(passphrase: try SecureBytes(copying: Array(passphrase.utf8))))
        }
        if identities.isEmpty && !unsupported.isEmpty { return .unsupported(unsupported) }
        let sink = MemorySink()
        do {
            let decryptor = try AgeDecryptor(source: MemorySource(vector.file))
            #expect(decryptor.isArmored == vector.armored || vector.expect == "armor failure")
            try decryptor.decrypt(identities: identities, to: sink)
            return .ran(expect: "success", released: sink.bytes, error: nil)
        } catch let error as AgeError {
            return .ran(expect: error.testkitClass, released: sink.bytes, error: error)
        }
    }

    @Test(arguments: CCTVVector.names)
    func vector(_ name: String) throws {
        let vector = try #require(try CCTVVector.load(name), "\(name) has an unknown header key")
        switch try Self.run(vector) {
        case .unsupported(let kinds):
            // Only the post-quantum (ML-KEM hybrid) vectors may be skipped, and each must be
            // reported as an unsupported recipient type.
            #expect(name.hasPrefix("hybrid") || name == "armor_hybrid")
            #expect(kinds.allSatisfy { $0.hasPrefix("mlkem768x25519") }, "\(kinds)")
        case .ran(let outcome, let released, let error):
            #expect(outcome == vector.expect, "\(name): \(error.map { "\($0)" } ?? "success")")
            if let payload = vector.payloadHash {
                #expect(hex(SHA256.hash(released)) == payload, "\(name): released plaintext hash")
            } else {
                #expect(released.isEmpty, "\(name): released plaintext without a payload hash")
            }
        }
    }

    /// The snapshot has 143 vectors: 125 run, 18 need ML-KEM.
    @Test func everyNonPostQuantumVectorRuns() throws {
        var ran = 0
        var unsupported = 0
        for name in CCTVVector.names {
            guard let vector = try CCTVVector.load(name) else { continue }
            if case .unsupported = try Self.run(vector) { unsupported += 1 } else { ran += 1 }
        }
        #expect(ran == 125)
        #expect(unsupported == 18)
    }
}
