internal import CSodium

/// X25519 Diffie-Hellman (RFC 7748) from `crypto_scalarmult`.
public enum X25519 {
    public static let keyByteCount = 32

    /// The public key (`secret` × base point).
    public static func publicKey(secret: some ByteView) throws -> [UInt8] {
        Sodium.ensureInitialized()
        var result = [UInt8](repeating: 0, count: keyByteCount)
        try secret.withUnsafeBytes { s in
            try requireLength("X25519 secret key", s.count, keyByteCount)
            let status = result.withUnsafeMutableBytes { crypto_scalarmult_base($0.cMutableBytes, s.cBytes) }
            guard status == 0 else { throw SodiumError.weakSharedSecret }
        }
        return result
    }

    /// The shared secret, in secure memory. Throws `weakSharedSecret` when it is all zero
    /// (libsodium returns -1 then, and age requires aborting).
    public static func sharedSecret(secret: some ByteView, publicKey: some ByteView) throws -> SecureBytes {
        Sodium.ensureInitialized()
        let shared = try SecureBytes(count: keyByteCount)
        try secret.withUnsafeBytes { s in
            try publicKey.withUnsafeBytes { p in
                try requireLength("X25519 secret key", s.count, keyByteCount)
                try requireLength("X25519 public key", p.count, keyByteCount)
                let status = shared.withUnsafeMutableBytes {
                    crypto_scalarmult($0.cMutableBytes, s.cBytes, p.cBytes)
                }
                guard status == 0 else { throw SodiumError.weakSharedSecret }
            }
        }
        return shared
    }
}
