import SodiumKit

/// The 8-byte key id that ties a signature to its key pair.
///
/// minisign draws it at random when a key pair is made; it is not derived from the key, so
/// it only *names* a key: matching ids never prove that the right key signed.
public struct MinisignKeyID: Sendable, Hashable, CustomStringConvertible {
    public static let byteCount = 8

    /// The bytes as stored in keys and signatures.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) throws {
        guard bytes.count == MinisignKeyID.byteCount else {
            throw MinisignError.sodium(.invalidLength(what: "key id", expected: "8", actual: bytes.count))
        }
        self.bytes = bytes
    }

    init<Bytes: Collection>(unchecked bytes: Bytes) where Bytes.Element == UInt8 {
        self.bytes = Array(bytes)
    }

    /// A fresh random key id.
    public static func random() -> MinisignKeyID {
        MinisignKeyID(unchecked: Random.bytes(byteCount))
    }

    /// The id as minisign prints it: the little-endian 64-bit number in 16 uppercase hex digits.
    public var description: String {
        let value = bytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let hex = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
