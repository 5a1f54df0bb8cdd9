import SodiumKit
import Testing

@testable import AgeFormat

/// The armor's table-based base64 against libsodium's strict codec, which it replaced for
/// speed: it must write the same text and accept exactly the same lines.
@Suite struct ArmorBase64Tests {
    static func encode(_ bytes: [UInt8]) -> String {
        var text = [UInt8](repeating: 0, count: ArmorBase64.encodedCount(bytes.count))
        let count = bytes.withUnsafeBytes { b in text.withUnsafeMutableBytes { ArmorBase64.encode(b, into: $0.baseAddress!) } }
        #expect(count == text.count)
        return String(decoding: text, as: UTF8.self)
    }

    static func decode(_ text: [UInt8]) -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: text.count / 4 * 3 + 3)
        let count = text.withUnsafeBytes { t in output.withUnsafeMutableBytes { ArmorBase64.decode(t, into: $0.baseAddress!) } }
        return count.map { Array(output[..<$0]) }
    }

    /// libsodium's answer: the bytes, or nil when it rejects the text. Bytes from 0x80 up
    /// are the exception: libsodium 1.0.18 reads them as negative `char`s and takes some
    /// of them for `/`; age rejects them, and so does the armor.
    static func reference(_ text: [UInt8]) -> [UInt8]? {
        if text.contains(where: { $0 >= 0x80 }) { return nil }
        return try? Base64.decode(bytes: text, variant: .padded)
    }

    @Test func libsodiumTakesSomeHighBytesForSlashButTheArmorDoesNot() {
        let text = Array("AAA".utf8) + [0x80]
        #expect((try? Base64.decode(bytes: text, variant: .padded)) == [0, 0, 63])
        #expect(Self.decode(text) == nil)
        #expect(Self.decode(Array("AAA/".utf8)) == [0, 0, 63])
    }

    @Test func encodingMatchesLibsodium() {
        for count in 0...200 {
            let bytes = patternBytes(count, seed: UInt32(count))
            #expect(Self.encode(bytes) == Base64.encode(bytes, variant: .padded), "\(count) bytes")
        }
    }

    @Test func decodingRoundTrips() {
        for count in 0...200 {
            let bytes = patternBytes(count, seed: UInt32(count) + 7)
            #expect(Self.decode(Array(Self.encode(bytes).utf8)) == bytes, "\(count) bytes")
        }
    }

    /// Every string of up to 5 characters over an alphabet that mixes valid characters,
    /// characters with non-zero low bits, padding and bytes outside the alphabet.
    @Test func everyShortStringIsJudgedAsLibsodiumJudgesIt() {
        let characters = Array("AQgw/+=-\r \0\u{7F}".utf8) + [0x80, 0xFF]
        var strings: [[UInt8]] = [[]]
        var frontier: [[UInt8]] = [[]]
        for _ in 1...5 {
            frontier = frontier.flatMap { prefix in characters.map { prefix + [$0] } }
            strings += frontier
        }
        var accepted = 0
        for text in strings where !text.isEmpty {
            let expected = Self.reference(text)
            if expected != nil { accepted += 1 }
            #expect(Self.decode(text) == expected, "\(text)")
        }
        // The set holds both kinds: a decoder that rejects everything would fail above.
        #expect(accepted > 1000)
    }

    /// Full armor lines with one character changed, at every position.
    @Test func damagedFullLinesAreJudgedAsLibsodiumJudgesThem() {
        let line = Array(Self.encode(patternBytes(48, seed: 3)).utf8)
        #expect(line.count == 64)
        for position in line.indices {
            for replacement in Array("=-A/\r\n".utf8) {
                var damaged = line
                damaged[position] = replacement
                #expect(Self.decode(damaged) == Self.reference(damaged), "\(replacement) at \(position)")
            }
        }
    }
}

/// The armor reader's fast path (whole lines decoded straight into the caller's buffer)
/// must stop at every line it does not fully handle and leave it to the line-by-line
/// checks, releasing the same bytes before an error.
@Suite struct ArmorFastPathTests {
    /// What the reader released before it ended, and whether it ended with an armor error.
    static func read(_ armored: [UInt8], bufferSize: Int) -> (released: [UInt8], failed: Bool) {
        let reader = ArmorReader(BufferedReader(MemorySource(armored)))
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: bufferSize)
        do {
            while true {
                let n = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
                if n == 0 { return (out, false) }
                out += buffer[..<n]
            }
        } catch AgeError.armor {
            return (out, true)
        } catch {
            Issue.record("unexpected error \(error)")
            return (out, true)
        }
    }

    static let bytes = patternBytes(48 * 40 + 10, seed: 5)

    static func lines() throws -> [String] {
        String(decoding: try ArmorTests.armor(bytes), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test(arguments: [7, 48, 1000, 65_552])
    func intactArmorReadsTheSameAtAnyBufferSize(_ bufferSize: Int) throws {
        let result = Self.read(try ArmorTests.armor(Self.bytes), bufferSize: bufferSize)
        #expect(!result.failed)
        #expect(result.released == Self.bytes)
    }

    enum Damage: CaseIterable, Sendable {
        case characterOutsideTheAlphabet, paddingInsideAFullLine, paddedFullLineInTheMiddle, shortLine, longLine

        func apply(_ line: inout String) {
            var characters = Array(line)
            switch self {
            case .characterOutsideTheAlphabet: characters[20] = "*"
            case .paddingInsideAFullLine: characters[30] = "="
            case .paddedFullLineInTheMiddle: characters[63] = "="
            case .shortLine: characters.removeLast(4)
            case .longLine: characters += Array("AAAA")
            }
            line = String(characters)
        }
    }

    /// Line 21 of 43 damaged: the 20 full lines before it come out (and, for a short line,
    /// its own bytes), then an armor error, whatever the buffer size. A 7-byte buffer never
    /// takes the fast path, so it is the reference.
    @Test(arguments: Damage.allCases)
    func damageInTheMiddleStopsAfterTheLinesBeforeIt(_ damage: Damage) throws {
        var lines = try Self.lines()
        damage.apply(&lines[21])
        let armored = Array((lines.joined(separator: "\n") + "\n").utf8)
        let reference = Self.read(armored, bufferSize: 7)
        #expect(reference.failed)
        #expect(reference.released.starts(with: Self.bytes[..<(20 * 48)]))
        #expect(reference.released.count < 21 * 48)
        for bufferSize in [48, 1000, 65_552] {
            let result = Self.read(armored, bufferSize: bufferSize)
            #expect(result.failed, "\(damage), buffer \(bufferSize)")
            #expect(result.released == reference.released, "\(damage), buffer \(bufferSize)")
        }
    }

    @Test func crlfFullLinesTakeTheLinePath() throws {
        let text = try Self.lines().joined(separator: "\r\n") + "\r\n"
        let result = Self.read(Array(text.utf8), bufferSize: 65_552)
        #expect(!result.failed)
        #expect(result.released == Self.bytes)
    }
}
