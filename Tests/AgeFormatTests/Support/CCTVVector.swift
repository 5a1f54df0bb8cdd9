import CommsMapTestSupport
import Foundation

@testable import AgeFormat

/// One vector of the CCTV age testkit (`shared/vectors/cctv-age`): a `key: value` header,
/// an empty line, then the age file (zlib-compressed when the header says so).
struct CCTVVector {
    var name: String
    var expect: String
    var payloadHash: String?
    var identities: [String] = []
    var passphrases: [String] = []
    var armored = false
    /// The age file, decompressed.
    var file: [UInt8]

    static let directory = TestPaths.vectors("cctv-age")

    /// Every vector file name, sorted.
    static var names: [String] {
        let all = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return all.filter { $0 != "README.md" && !$0.hasPrefix(".") }.sorted()
    }

    static let knownKeys: Set<String> = [
        "expect", "payload", "identity", "passphrase", "armored", "compressed", "file key", "comment",
    ]

    /// Reads a vector; nil when it has a header key this runner does not know (the README
    /// says such files are to be ignored).
    static func load(_ name: String) throws -> CCTVVector? {
        let bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
        var position = 0
        var fields: [(String, String)] = []
        while true {
            guard let newline = bytes[position...].firstIndex(of: UInt8(ascii: "\n")) else {
                throw Inflate.Failure(description: "\(name): no empty line after the header")
            }
            let line = String(decoding: bytes[position..<newline], as: UTF8.self)
            position = newline + 1
            if line.isEmpty { break }
            guard let colon = line.range(of: ": ") else {
                throw Inflate.Failure(description: "\(name): bad header line \(line)")
            }
            fields.append((String(line[..<colon.lowerBound]), String(line[colon.upperBound...])))
        }
        guard fields.allSatisfy({ knownKeys.contains($0.0) }) else { return nil }
        var compressed = false
        var vector = CCTVVector(name: name, expect: "", file: [])
        for (key, value) in fields {
            switch key {
            case "expect": vector.expect = value
            case "payload": vector.payloadHash = value
            case "identity": vector.identities.append(value)
            case "passphrase": vector.passphrases.append(value)
            case "armored": vector.armored = value == "yes"
            case "compressed": compressed = value == "zlib"
            default: break
            }
        }
        vector.file = compressed ? try Inflate.zlib(bytes[position...]) : Array(bytes[position...])
        return vector
    }
}

extension AgeError {
    /// The testkit's name for the class of this failure.
    var testkitClass: String {
        switch self {
        case .noIdentityMatched: return "no match"
        case .headerMACMismatch: return "HMAC failure"
        case .badHeader: return "header failure"
        case .payloadAuthenticationFailed, .truncated, .emptyFinalChunk, .trailingData: return "payload failure"
        case .armor: return "armor failure"
        default: return "unexpected \(code)"
        }
    }
}

/// Lower-case hex, as the testkit writes hashes.
func hex(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}
