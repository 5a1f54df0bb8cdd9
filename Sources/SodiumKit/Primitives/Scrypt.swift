internal import CSodium

/// scrypt (RFC 7914) from `crypto_pwhash_scryptsalsa208sha256*`.
public enum Scrypt {
    /// Low-level scrypt with explicit N = 2^logN, r and p (age's passphrase stanza, whose
    /// 44-byte salt rules out the high-level call).
    public static func derive(
        password: some ByteView, salt: some ByteView, logN: Int, r: Int = 8, p: Int = 1, length: Int
    ) throws -> SecureBytes {
        Sodium.ensureInitialized()
        guard (1...62).contains(logN), r > 0, p > 0, length > 0 else { throw SodiumError.keyDerivationFailed }
        let output = try SecureBytes(count: length)
        let status = password.withUnsafeBytes { pw in
            salt.withUnsafeBytes { s in
                output.withUnsafeMutableBytes { o in
                    crypto_pwhash_scryptsalsa208sha256_ll(
                        pw.cBytes, pw.count, s.cBytes, s.count, UInt64(1) << UInt64(logN),
                        UInt32(r), UInt32(p), o.cMutableBytes, o.count)
                }
            }
        }
        guard status == 0 else { throw SodiumError.keyDerivationFailed }
        return output
    }

    /// The salt length of the high-level call.
    public static let saltByteCount = 32

    /// minisign's opslimit/memlimit defaults (`*_SENSITIVE`): N = 2^20, r = 8, p = 1, 1 GiB.
    public static let sensitiveOpsLimit: UInt64 = 33_554_432
    public static let sensitiveMemLimit: UInt64 = 1_073_741_824

    /// High-level scrypt with libsodium's opslimit/memlimit (minisign's secret keys). The
    /// salt must be 32 bytes.
    public static func derive(
        password: some ByteView, salt: some ByteView, opsLimit: UInt64, memLimit: UInt64, length: Int
    ) throws -> SecureBytes {
        Sodium.ensureInitialized()
        let output = try SecureBytes(count: length)
        try salt.withUnsafeBytes { s in
            try requireLength("scrypt salt", s.count, saltByteCount)
            let status = password.withUnsafeBytes { pw in
                output.withUnsafeMutableBytes { o in
                    crypto_pwhash_scryptsalsa208sha256(
                        o.cMutableBytes, UInt64(o.count),
                        UnsafeRawPointer(pw.cBytes).assumingMemoryBound(to: CChar.self),
                        UInt64(pw.count), s.cBytes, opsLimit, Int(clamping: memLimit))
                }
            }
            guard status == 0 else { throw SodiumError.keyDerivationFailed }
        }
        return output
    }
}
