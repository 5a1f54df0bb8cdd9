import SodiumKit
import Testing

@testable import AgeFormat

@Suite struct ArmorTests {
    static func armor(_ bytes: [UInt8], writeSize: Int = .max) throws -> [UInt8] {
        let sink = MemorySink()
        let writer = ArmorWriter(sink)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + writeSize)
            try bytes[offset..<end].withUnsafeBytes { try writer.write($0) }
            offset = end
        }
        try writer.finish()
        return sink.bytes
    }

    /// What armor must look like, built independently: base64 of everything, cut at 64.
    static func expectedArmor(_ bytes: [UInt8]) -> String {
        let text = Base64.encode(bytes, variant: .padded)
        var lines = ["-----BEGIN AGE ENCRYPTED FILE-----"]
        var rest = Substring(text)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(64)))
            rest = rest.dropFirst(64)
        }
        lines.append("-----END AGE ENCRYPTED FILE-----")
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [0, 1, 2, 3, 47, 48, 49, 96, 1000, 48 * 1024 - 1, 48 * 1024, 48 * 1024 + 1, 200_000])
    func armorIsCanonicalAndRoundTrips(_ count: Int) throws {
        let bytes = patternBytes(count)
        let armored = try Self.armor(bytes)
        #expect(String(decoding: armored, as: UTF8.self) == Self.expectedArmor(bytes))
        #expect(try dearmor(armored) == bytes)
        // Writes of any size give the same armor.
        #expect(try Self.armor(bytes, writeSize: 7) == armored)
    }

    @Test func crlfLinesAreAccepted() throws {
        let bytes = patternBytes(500)
        let text = String(decoding: try Self.armor(bytes), as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try dearmor(Array(text.utf8)) == bytes)
    }

    @Test func surroundingWhitespaceIsLimited() throws {
        let armored = try Self.armor(patternBytes(100))
        let leadingOK = Array(String(repeating: " ", count: 1023).utf8) + [UInt8(ascii: "\n")]
        let leadingTooMuch = Array(String(repeating: " ", count: 1024).utf8) + [UInt8(ascii: "\n")]
        #expect(try dearmor(leadingOK + armored).count == 100)
        #expect(throws: AgeError.self) { try dearmor(leadingTooMuch + armored) }
        let trailingOK = Array(String(repeating: "\n", count: 1023).utf8)
        let trailingTooMuch = Array(String(repeating: "\n", count: 1024).utf8)
        #expect(try dearmor(armored + trailingOK).count == 100)
        #expect(throws: AgeError.self) { try dearmor(armored + trailingTooMuch) }
    }

    enum Damage: CaseIterable, Sendable {
        case emptyLineInside, longLine, shortLineInTheMiddle, headerLine, noEndLine, otherLabel
        case garbageAfterEnd, missingPadding

        func apply(_ lines: inout [String]) {
            switch self {
            case .emptyLineInside: lines.insert("", at: 2)
            case .longLine: lines[1] += "AAAA"
            case .shortLineInTheMiddle: lines[1].removeLast(4)
            case .headerLine: lines.insert("Comment: hi", at: 1)
            case .noEndLine: lines.removeLast()
            case .otherLabel: lines[0] = "-----BEGIN AGE ENCRYPTED MESSAGE-----"
            case .garbageAfterEnd: lines.append("x")
            case .missingPadding: lines[lines.count - 2].removeLast()
            }
        }
    }

    @Test(arguments: Damage.allCases)
    func malformedArmorIsAnArmorError(_ damage: Damage) throws {
        // 100 bytes: two full lines, then a short line ending in "==".
        var lines = String(decoding: try Self.armor(patternBytes(100)), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        damage.apply(&lines)
        let damaged = Array((lines.joined(separator: "\n") + "\n").utf8)
        #expect {
            _ = try dearmor(damaged)
        } throws: { error in
            if case AgeError.armor = error { return true }
            return false
        }
    }

    @Test func armoredFilesAreDetectedAndDecrypt() throws {
        let identity = try X25519Identity.generate()
        let plaintext = patternBytes(70_000)
        let armored = try AgeEncryptor(recipients: [identity.recipient], armored: true).encrypt(plaintext)
        #expect(armored.starts(with: "-----BEGIN AGE ENCRYPTED FILE-----\n".utf8))
        let decryptor = try AgeDecryptor(source: MemorySource(Array("\n  \n".utf8) + armored))
        #expect(decryptor.isArmored)
        let sink = MemorySink()
        try decryptor.decrypt(identities: [identity], to: sink)
        #expect(sink.bytes == plaintext)
    }

    @Test func emptyArmorIsAHeaderFailure() {
        let empty = Array("-----BEGIN AGE ENCRYPTED FILE-----\n-----END AGE ENCRYPTED FILE-----\n".utf8)
        #expect {
            _ = try AgeDecryptor(source: MemorySource(empty))
        } throws: { error in
            if case AgeError.badHeader = error { return true }
            return false
        }
    }
}
