internal import CSodium

/// Ed25519 signatures (RFC 8032, pure) from `crypto_sign_*`.
public enum Ed25519 {
    public static let publicKeyByteCount = 32
    /// libsodium's secret key layout: seed (32) ‖ public key (32).
    public static let secretKeyByteCount = 64
    public static let seedByteCount = 32
    public static let signatureByteCount = 64

    /// A key pair; the secret half lives in secure memory.
    public struct KeyPair: Sendable {
        public let publicKey: [UInt8]
        public let secretKey: SecureBytes

        /// A fresh random key pair.
        public static func generate() throws -> KeyPair {
            Sodium.ensureInitialized()
            var pk = [UInt8](repeating: 0, count: publicKeyByteCount)
            let sk = try SecureBytes(count: secretKeyByteCount)
            let status = pk.withUnsafeMutableBytes { p in
                sk.withUnsafeMutableBytes { s in crypto_sign_keypair(p.cMutableBytes, s.cMutableBytes) }
            }
            guard status == 0 else { throw SodiumError.signingFailed }
            return KeyPair(publicKey: pk, secretKey: sk)
        }

        /// The key pair of a 32-byte seed.
        public static func fromSeed(_ seed: some ByteView) throws -> KeyPair {
            Sodium.ensureInitialized()
            var pk = [UInt8](repeating: 0, count: publicKeyByteCount)
            let sk = try SecureBytes(count: secretKeyByteCount)
            try seed.withUnsafeBytes { s in
                try requireLength("Ed25519 seed", s.count, seedByteCount)
                let status = pk.withUnsafeMutableBytes { p in
                    sk.withUnsafeMutableBytes { k in
                        crypto_sign_seed_keypair(p.cMutableBytes, k.cMutableBytes, s.cBytes)
                    }
                }
                guard status == 0 else { throw SodiumError.signingFailed }
            }
            return KeyPair(publicKey: pk, secretKey: sk)
        }

        /// A key pair from a 64-byte libsodium secret key; the public half is its last 32 bytes.
        public init(secretKey: SecureBytes) throws {
            try requireLength("Ed25519 secret key", secretKey.count, secretKeyByteCount)
            self.secretKey = secretKey
            publicKey = secretKey.withUnsafeBytes { Array($0[seedByteCount...]) }
        }

        init(publicKey: [UInt8], secretKey: SecureBytes) {
            self.publicKey = publicKey
            self.secretKey = secretKey
        }
    }

    /// A detached signature of `message`.
    public static func sign(_ message: some ByteView, secretKey: some ByteView) throws -> [UInt8] {
        Sodium.ensureInitialized()
        var signature = [UInt8](repeating: 0, count: signatureByteCount)
        try secretKey.withUnsafeBytes { k in
            try requireLength("Ed25519 secret key", k.count, secretKeyByteCount)
            let status = message.withUnsafeBytes { m in
                signature.withUnsafeMutableBytes { s in
                    crypto_sign_detached(s.cMutableBytes, nil, m.cBytes, UInt64(m.count), k.cBytes)
                }
            }
            guard status == 0 else { throw SodiumError.signingFailed }
        }
        return signature
    }

    /// Whether `signature` is a valid signature of `message` under `publicKey`. Wrong
    /// lengths are simply invalid. libsodium 1.0.18 rejects non-canonical and small-order
    /// encodings.
    public static func isValid(
        signature: some ByteView, for message: some ByteView, publicKey: some ByteView
    ) -> Bool {
        Sodium.ensureInitialized()
        return signature.withUnsafeBytes { s in
            publicKey.withUnsafeBytes { p in
                guard s.count == signatureByteCount, p.count == publicKeyByteCount else { return false }
                return message.withUnsafeBytes { m in
                    crypto_sign_verify_detached(s.cBytes, m.cBytes, UInt64(m.count), p.cBytes) == 0
                }
            }
        }
    }
}
