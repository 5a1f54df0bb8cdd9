/// What the signature in a `.minisig` file is computed over.
public enum SignatureAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// `ED`: Ed25519 over the 64-byte BLAKE2b-512 digest of the file, so files of any size
    /// are signed and verified in constant memory. minisign's default since 0.10 and ours.
    ///
    /// This is *not* RFC 8032 Ed25519ph: it is plain Ed25519 over the digest.
    case prehashed = "ED"
    /// `Ed`: Ed25519 over the whole file, which must then be held in memory. Accepted when
    /// verifying; never produced.
    case legacy = "Ed"

    var tag: [UInt8] { Array(rawValue.utf8) }

    init?(tag: ArraySlice<UInt8>) {
        guard let match = Self.allCases.first(where: { $0.tag.elementsEqual(tag) }) else { return nil }
        self = match
    }
}
