/// The scrypt cost stored in an encrypted minisign secret key (libsodium's
/// `crypto_pwhash_scryptsalsa208sha256` opslimit and memlimit).
///
/// Decryption always uses the limits stored in the key, whatever made it; these presets only
/// choose what new keys get.
public struct KeyDerivationLimits: Sendable, Hashable {
    public var opsLimit: UInt64
    public var memLimit: UInt64

    public init(opsLimit: UInt64, memLimit: UInt64) {
        self.opsLimit = opsLimit
        self.memLimit = memLimit
    }

    /// minisign's default for new keys (`*_SENSITIVE`: N = 2^20, r = 8, 1 GiB, seconds of work).
    public static let sensitive = KeyDerivationLimits(opsLimit: 33_554_432, memLimit: 1_073_741_824)

    /// libsodium's `*_INTERACTIVE` (N = 2^14, 16 MiB).
    public static let interactive = KeyDerivationLimits(opsLimit: 524_288, memLimit: 16_777_216)

    /// libsodium's minimum (N = 2^10). Cheap enough for tests; too weak for a real key.
    public static let minimum = KeyDerivationLimits(opsLimit: 32_768, memLimit: 16_777_216)

    /// Half the cost, as minisign retries when a derivation runs out of memory; nil below
    /// the minimum.
    var halved: KeyDerivationLimits? {
        let next = KeyDerivationLimits(opsLimit: opsLimit / 2, memLimit: memLimit / 2)
        guard next.opsLimit >= KeyDerivationLimits.minimum.opsLimit,
            next.memLimit >= KeyDerivationLimits.minimum.memLimit
        else { return nil }
        return next
    }
}
