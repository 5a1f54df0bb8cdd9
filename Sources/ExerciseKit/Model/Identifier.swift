import SodiumKit

/// The ids that travel in signed headers: exercise, team and channel (tool) ids, and
/// message ids.
///
/// Team, exercise and tool ids follow the inventory's rule (lower-case letters, digits,
/// `-`, `_`, `.`, starting with a letter or digit), so an exercise's channels are the
/// inventory's tool ids and its evidence file name is its exercise id. A message id is 16
/// random bytes in lower-case hex, so that two messages never share one by chance.
public enum Identifier {
    /// Longest id accepted: enough for any real name, short enough to keep headers one line.
    public static let maximumLength = 64
    public static let messageIDByteCount = 16

    /// Whether `id` is a valid team, exercise or tool id.
    public static func isValid(_ id: some StringProtocol) -> Bool {
        let bytes = id.utf8
        guard let first = bytes.first, isLowerOrDigit(first), bytes.count <= maximumLength else { return false }
        return bytes.allSatisfy {
            isLowerOrDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
        }
    }

    /// Whether `id` is 32 lower-case hex digits.
    public static func isValidMessageID(_ id: some StringProtocol) -> Bool {
        id.utf8.count == messageIDByteCount * 2 && id.utf8.allSatisfy(isLowerHex)
    }

    /// A fresh message id from the system's CSPRNG.
    public static func randomMessageID() -> String {
        Hex.encode(Random.bytes(messageIDByteCount))
    }

    static func isLowerOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    static func isLowerHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}

/// Lower-case hexadecimal, as message ids and SHA-256 digests are written.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether `text` is `byteCount` bytes in lower-case hex.
    public static func isLowerHex(_ text: some StringProtocol, byteCount: Int) -> Bool {
        text.utf8.count == byteCount * 2 && text.utf8.allSatisfy(Identifier.isLowerHex)
    }

    /// The SHA-256 digest of `bytes` in lower-case hex.
    public static func sha256(_ bytes: some ByteView) -> String {
        encode(SHA256.hash(bytes))
    }
}
