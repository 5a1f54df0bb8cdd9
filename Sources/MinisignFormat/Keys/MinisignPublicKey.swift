import SodiumKit

/// A minisign public key: the Ed25519 public key and the key id signatures name.
///
/// On disk (`minisign.pub`) it is an `untrusted comment:` line and the base64 of
/// `"Ed" ‖ key id[8] ‖ public key[32]`; that base64 line alone is the `-P` string.
public struct MinisignPublicKey: Sendable, Hashable {
    static let algorithm = Array("Ed".utf8)
    static let encodedByteCount = 2 + MinisignKeyID.byteCount + Ed25519.publicKeyByteCount

    public let keyID: MinisignKeyID
    /// The 32-byte Ed25519 public key.
    public let key: [UInt8]

    public init(keyID: MinisignKeyID, key: [UInt8]) throws {
        guard key.count == Ed25519.publicKeyByteCount else {
            throw MinisignError.malformedPublicKey(
                line: nil, reason: "an Ed25519 public key is 32 bytes, got \(key.count)")
        }
        self.init(keyID: keyID, validatedKey: key)
    }

    /// For keys whose length is already known to be right (an `Ed25519.KeyPair`'s).
    init(keyID: MinisignKeyID, validatedKey key: [UInt8]) {
        self.keyID = keyID
        self.key = key
    }

    /// Parses a public key file (`untrusted comment:` line, then the base64 line).
    public init(fileContents: [UInt8]) throws {
        let malformed = { MinisignError.malformedPublicKey(line: $0, reason: $1) }
        let lines = try MinisignText.lines(fileContents, malformed: malformed)
        guard let first = lines.first else { throw malformed(nil, "the file is empty") }
        _ = try MinisignText.untrustedComment(first, malformed: malformed)
        guard lines.count >= 2 else { throw malformed(2, "the base64 key line is missing") }
        try MinisignText.requireNothingAfter(lines, index: 2, malformed: malformed)
        try self.init(
            decoded: MinisignText.base64(lines[1], count: Self.encodedByteCount, what: "the key", malformed: malformed))
    }

    /// Parses the bare base64 string that `minisign -P` takes.
    public init(base64: String) throws {
        let decoded: [UInt8]
        do {
            decoded = try Base64.decode(base64, variant: .padded)
        } catch {
            throw MinisignError.malformedPublicKey(line: nil, reason: "the key is not valid base64")
        }
        guard decoded.count == Self.encodedByteCount else {
            throw MinisignError.malformedPublicKey(
                line: nil, reason: "the key is \(decoded.count) bytes, expected \(Self.encodedByteCount)")
        }
        try self.init(decoded: decoded)
    }

    private init(decoded: [UInt8]) throws {
        guard decoded.prefix(2).elementsEqual(Self.algorithm) else {
            throw MinisignError.unsupportedAlgorithm("public key algorithm \(AlgorithmName(decoded.prefix(2)))")
        }
        keyID = MinisignKeyID(unchecked: decoded[2..<10])
        key = Array(decoded[10...])
    }

    /// The base64 line, also usable as `minisign -P <string>`.
    public var base64: String {
        Base64.encode(Self.algorithm + keyID.bytes + key, variant: .padded)
    }

    /// The file minisign writes: `untrusted comment: minisign public key <ID>` and the key.
    public var fileContents: String {
        "untrusted comment: minisign public key \(keyID)\n\(base64)\n"
    }
}

/// A 2-byte algorithm tag for messages: printable as text, otherwise hex.
struct AlgorithmName: CustomStringConvertible {
    let bytes: [UInt8]

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = Array(bytes) }

    var description: String {
        if bytes.allSatisfy({ (0x21...0x7e).contains($0) }) {
            return "\"\(String(decoding: bytes, as: UTF8.self))\""
        }
        return "0x" + bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
