import SodiumKit
import Testing

@testable import AgeFormat

@Suite struct HeaderTests {
    /// Body lengths around the 48-byte line boundary: a body that fills whole lines must
    /// end with an empty line.
    @Test(arguments: [0, 1, 32, 47, 48, 49, 95, 96, 97, 200])
    func stanzaBodiesRoundTrip(_ length: Int) throws {
        let stanza = AgeStanza(type: "test", arguments: ["a", "B+/="], body: patternBytes(length))
        let header = AgeHeader(stanzas: [stanza], mac: patternBytes(32, seed: 9))
        let encoded = header.encoded()
        let (parsed, consumed) = try AgeHeader.parse(encoded + [0xff, 0x00])
        #expect(parsed == header)
        #expect(consumed == encoded.count)
        let lines = String(decoding: stanza.encoded(), as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
        // The arguments line, then ceil((length + 1) / 48) body lines, then the split's empty tail.
        #expect(lines.count == 1 + length / 48 + 1 + 1)
        #expect(lines.dropFirst().dropLast().dropLast().allSatisfy { $0.count == 64 })
        #expect(lines[lines.count - 2].count < 64)
    }

    /// The testkit README: every vector that is not a header (or armor) failure round-trips
    /// through header decode and encode byte for byte.
    @Test func vectorHeadersReencodeExactly() throws {
        var checked = 0
        for name in CCTVVector.names {
            guard let vector = try CCTVVector.load(name),
                !["header failure", "armor failure"].contains(vector.expect)
            else { continue }
            let file = vector.armored ? try dearmor(vector.file) : vector.file
            let (header, length) = try AgeHeader.parse(file)
            #expect(header.encoded() == Array(file[..<length]), "\(name)")
            checked += 1
        }
        #expect(checked > 50)
    }

    @Test(arguments: [
        ("age-encryption.org/v1\n--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", "no recipient stanzas"),
        ("age-encryption.org/v1\n-> X25519 a\u{7F}\n\n--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", "printable"),
        ("age-encryption.org/v1\n-> X25519  a\n\n--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", "non-empty"),
        ("age-encryption.org/v1\n-> X25519 a\nAAAA\r\n--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", "base64"),
        ("age-encryption.org/v1\n-> X25519 a\n\n", "ends before"),
        ("age-encryption.org/v2\n", "unsupported version"),
        ("hello world\n", "not an age file"),
        ("", "empty"),
        (
            "age-encryption.org/v1\n-> scrypt AAAAAAAAAAAAAAAAAAAAAA 10\n\n-> scrypt AAAAAAAAAAAAAAAAAAAAAA 10\n\n--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
            "only stanza"
        ),
    ])
    func malformedHeadersSayWhatIsWrong(_ text: String, _ words: String) {
        #expect {
            _ = try AgeHeader.parse(Array(text.utf8))
        } throws: { error in
            guard case AgeError.badHeader(let what) = error else { return false }
            return what.contains(words)
        }
    }

    @Test func oversizedHeadersAreRefused() {
        let stanza = Array("-> grease \(String(repeating: "x", count: 1000))\n\n".utf8)
        var file = Array("age-encryption.org/v1\n".utf8)
        while file.count <= AgeHeader.sizeLimit { file += stanza }
        #expect {
            _ = try AgeHeader.parse(file)
        } throws: { error in
            guard case AgeError.badHeader(let what) = error else { return false }
            return what.contains("larger than")
        }
        let longLine = Array(
            "age-encryption.org/v1\n-> \(String(repeating: "y", count: AgeHeader.lineLimit + 1))\n".utf8)
        #expect(throws: AgeError.self) { try AgeHeader.parse(longLine) }
    }

    /// Sizes from age issue #284: 200 bytes for an empty file to one X25519 recipient, and
    /// 98 more per extra recipient.
    @Test func fileSizesMatchAge() throws {
        let recipients = try (0..<3).map { _ in try X25519Identity.generate().recipient }
        #expect(try AgeEncryptor(recipients: [recipients[0]]).encrypt([]).count == 200)
        #expect(try AgeEncryptor(recipients: recipients).encrypt([]).count == 200 + 2 * 98)
    }
}

/// The bytes inside an armored file.
func dearmor(_ bytes: [UInt8]) throws -> [UInt8] {
    let reader = ArmorReader(BufferedReader(MemorySource(bytes)))
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1000)
    while true {
        let n = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
        if n == 0 { return out }
        out += buffer[..<n]
    }
}
