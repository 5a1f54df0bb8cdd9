import SodiumKit
import Testing

@testable import AgeFormat

/// Negative tests: every region of a file, damaged, is rejected with its own error, and
/// only plaintext that authenticated before the damage is released.
@Suite struct TamperTests {
    static let chunk = PayloadStream.chunkSize
    static let sealedChunk = chunk + 16

    /// A three-chunk file (two full chunks and 1000 bytes) to one recipient, with the offsets
    /// of its parts.
    struct Sample {
        var identity: X25519Identity
        var plaintext: [UInt8]
        var file: [UInt8]
        var headerLength: Int
        var nonce: Range<Int> { headerLength..<(headerLength + 16) }
        func chunk(_ index: Int) -> Range<Int> {
            let start = headerLength + 16 + index * TamperTests.sealedChunk
            return start..<min(file.count, start + TamperTests.sealedChunk)
        }
    }

    static func sample() throws -> Sample {
        let identity = try X25519Identity.generate()
        let plaintext = patternBytes(2 * chunk + 1000, seed: 7)
        let file = try AgeEncryptor(recipients: [identity.recipient]).encrypt(plaintext)
        return Sample(
            identity: identity, plaintext: plaintext, file: file, headerLength: try AgeHeader.parse(file).length)
    }

    static func flipping(_ file: [UInt8], at offset: Int, bit: UInt8 = 0x01) -> [UInt8] {
        var copy = file
        copy[offset] ^= bit
        return copy
    }

    /// Re-encodes the header after `change`, keeping the original MAC unless changed.
    static func editingHeader(_ sample: Sample, _ change: (inout AgeHeader) -> Void) throws -> [UInt8] {
        var (header, length) = try AgeHeader.parse(sample.file)
        change(&header)
        return header.encoded() + sample.file[length...]
    }

    @Test func intactFileDecrypts() throws {
        let sample = try Self.sample()
        let result = decrypt(sample.file, with: [sample.identity])
        #expect(result.error == nil)
        #expect(result.released.elementsEqual(sample.plaintext))
    }

    @Test func versionLine() throws {
        let sample = try Self.sample()
        let result = decrypt(Self.flipping(sample.file, at: 5), with: [sample.identity])
        guard case .badHeader? = result.error else {
            Issue.record("\(String(describing: result.error))")
            return
        }
        #expect(result.released.isEmpty)
    }

    @Test func stanzaType() throws {
        let sample = try Self.sample()
        // "X25519" → "Y25519": an unknown type, ignored, so nothing matches.
        let offset = sample.file.firstIndex(of: UInt8(ascii: "X"))!
        let result = decrypt(Self.flipping(sample.file, at: offset), with: [sample.identity])
        #expect(result.error == .noIdentityMatched(stanzaTypes: ["Y25519"]))
    }

    @Test func stanzaShare() throws {
        let sample = try Self.sample()
        let file = try Self.editingHeader(sample) { header in
            var share = try! Base64.decode(header.stanzas[0].arguments[0], variant: .unpadded)
            share[3] ^= 0x10
            header.stanzas[0].arguments[0] = Base64.encode(share, variant: .unpadded)
        }
        #expect(decrypt(file, with: [sample.identity]).error == .noIdentityMatched(stanzaTypes: ["X25519"]))
    }

    @Test func stanzaBody() throws {
        let sample = try Self.sample()
        for index in [0, 15, 16, 31] {
            let file = try Self.editingHeader(sample) { $0.stanzas[0].body[index] ^= 0x80 }
            #expect(decrypt(file, with: [sample.identity]).error == .noIdentityMatched(stanzaTypes: ["X25519"]))
        }
    }

    @Test func stanzaEncodingIsStrict() throws {
        let sample = try Self.sample()
        // The last character of the 43-character body line carries 2 padding bits; setting
        // one gives non-canonical base64 of the same bytes.
        let bodyLineEnd = sample.file[23...].firstIndex(of: UInt8(ascii: "\n"))! + 43
        var file = sample.file
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        let value = alphabet.firstIndex(of: file[bodyLineEnd])!
        file[bodyLineEnd] = alphabet[value ^ 1]
        guard case .badHeader? = decrypt(file, with: [sample.identity]).error else {
            Issue.record("non-canonical base64 in a stanza body must be a header failure")
            return
        }
    }

    @Test func headerMAC() throws {
        let sample = try Self.sample()
        for index in [0, 31] {
            let file = try Self.editingHeader(sample) { $0.mac[index] ^= 0x01 }
            #expect(decrypt(file, with: [sample.identity]).error == .headerMACMismatch)
        }
        // Any change to the MAC-covered text that still parses and unwraps is caught by the MAC:
        // a grease stanza added after the fact.
        let file = try Self.editingHeader(sample) {
            $0.stanzas.append(AgeStanza(type: "grease", arguments: [], body: []))
        }
        #expect(decrypt(file, with: [sample.identity]).error == .headerMACMismatch)
    }

    @Test func payloadNonce() throws {
        let sample = try Self.sample()
        let result = decrypt(Self.flipping(sample.file, at: sample.nonce.lowerBound + 8), with: [sample.identity])
        #expect(result.error == .payloadAuthenticationFailed(chunk: 0))
        #expect(result.released.isEmpty)
    }

    @Test(arguments: [0, 1, 2])
    func eachChunk(_ index: Int) throws {
        let sample = try Self.sample()
        let range = sample.chunk(index)
        for offset in [range.lowerBound, range.lowerBound + 500, range.upperBound - 1] {
            let result = decrypt(Self.flipping(sample.file, at: offset, bit: 0x40), with: [sample.identity])
            #expect(result.error == .payloadAuthenticationFailed(chunk: UInt64(index)))
            // Exactly the chunks before the damaged one were released.
            #expect(result.released.elementsEqual(sample.plaintext[..<(index * Self.chunk)]))
        }
    }

    @Test func lastTag() throws {
        let sample = try Self.sample()
        let result = decrypt(Self.flipping(sample.file, at: sample.file.count - 1), with: [sample.identity])
        #expect(result.error == .payloadAuthenticationFailed(chunk: 2))
        #expect(result.released.count == 2 * Self.chunk)
    }

    @Test func truncationAtChunkBoundaries() throws {
        let sample = try Self.sample()
        for complete in 0...2 {
            let cut = Array(sample.file[..<sample.chunk(complete).lowerBound])
            let result = decrypt(cut, with: [sample.identity])
            #expect(result.error == .truncated(chunks: UInt64(complete)))
            #expect(result.released.elementsEqual(sample.plaintext[..<(complete * Self.chunk)]))
        }
    }

    @Test func truncationInsideAChunkOrTheNonceOrTheHeader() throws {
        let sample = try Self.sample()
        let insideChunk = Array(sample.file[..<(sample.chunk(1).lowerBound + 100)])
        #expect(decrypt(insideChunk, with: [sample.identity]).error == .payloadAuthenticationFailed(chunk: 1))
        let insideNonce = Array(sample.file[..<(sample.nonce.lowerBound + 10)])
        guard case .badHeader(let what)? = decrypt(insideNonce, with: [sample.identity]).error else {
            Issue.record("a short payload nonce must be a header failure")
            return
        }
        #expect(what.contains("nonce"))
        let insideHeader = Array(sample.file[..<(sample.headerLength - 10)])
        guard case .badHeader? = decrypt(insideHeader, with: [sample.identity]).error else {
            Issue.record("a cut header must be a header failure")
            return
        }
    }

    /// Trailing data is recognisable only after a full-length final chunk; after a short
    /// final chunk the extra bytes become part of that chunk, which then fails to
    /// authenticate (age behaves the same way).
    @Test func trailingData() throws {
        let identity = try X25519Identity.generate()
        let plaintext = patternBytes(2 * Self.chunk)
        let file = try AgeEncryptor(recipients: [identity.recipient]).encrypt(plaintext)
        for extra in [[UInt8(0)], patternBytes(Self.sealedChunk)] {
            let result = decrypt(file + extra, with: [identity])
            #expect(result.error == .trailingData)
            #expect(result.released.elementsEqual(plaintext))
        }
        let sample = try Self.sample()
        let result = decrypt(sample.file + [0], with: [sample.identity])
        #expect(result.error == .payloadAuthenticationFailed(chunk: 2))
        #expect(result.released.count == 2 * Self.chunk)
    }

    @Test func reorderedChunks() throws {
        let sample = try Self.sample()
        let swapped =
            Array(sample.file[..<sample.chunk(0).lowerBound]) + sample.file[sample.chunk(1)]
            + sample.file[sample.chunk(0)] + sample.file[sample.chunk(2)]
        #expect(decrypt(swapped, with: [sample.identity]).error == .payloadAuthenticationFailed(chunk: 0))
        // Dropping a middle chunk shifts the counter.
        let dropped = Array(sample.file[..<sample.chunk(1).lowerBound]) + sample.file[sample.chunk(2)]
        #expect(decrypt(dropped, with: [sample.identity]).error == .payloadAuthenticationFailed(chunk: 1))
    }

    @Test func wrongIdentity() throws {
        let sample = try Self.sample()
        let result = decrypt(sample.file, with: [try X25519Identity.generate()])
        #expect(result.error == .noIdentityMatched(stanzaTypes: ["X25519"]))
        #expect(decrypt(sample.file, with: []).error == .noIdentityMatched(stanzaTypes: ["X25519"]))
    }

    @Test func twoScryptStanzas() throws {
        let first = try AgeEncryptor(recipients: [try ScryptRecipient(passphrase: try secure("a"), workFactor: 4)])
            .encrypt([1])
        let (header, length) = try AgeHeader.parse(first)
        var doubled = header
        doubled.stanzas.append(header.stanzas[0])
        let file = doubled.encoded() + first[length...]
        guard case .badHeader(let what)? = decrypt(file, with: [ScryptIdentity(passphrase: try secure("a"))]).error
        else {
            Issue.record("two scrypt stanzas must be a header failure")
            return
        }
        #expect(what.contains("only stanza"))
    }

    @Test func malformedStanzaOfOwnTypeIsAHeaderFailureNotANoMatch() throws {
        let sample = try Self.sample()
        let extra = try Self.editingHeader(sample) { $0.stanzas[0].arguments.append("extra") }
        guard case .badHeader? = decrypt(extra, with: [sample.identity]).error else {
            Issue.record("an X25519 stanza with two arguments must be a header failure")
            return
        }
        let longBody = try Self.editingHeader(sample) { $0.stanzas[0].body.append(0) }
        guard case .badHeader? = decrypt(longBody, with: [sample.identity]).error else {
            Issue.record("an X25519 stanza body of 33 bytes must be a header failure")
            return
        }
    }
}
