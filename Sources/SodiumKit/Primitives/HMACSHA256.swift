internal import CSodium

/// HMAC-SHA-256 (RFC 2104) from `crypto_auth_hmacsha256_*`, with keys of any length.
public struct HMACSHA256: ~Copyable {
    public static let outputByteCount = 32
    private var state = crypto_auth_hmacsha256_state()

    /// Starts a MAC under `key` (any length; libsodium hashes keys over 64 bytes).
    public init(key: some ByteView) {
        Sodium.ensureInitialized()
        key.withUnsafeBytes { k in
            // Cannot fail for any key length in 1.0.18 (it always returns 0).
            _ = crypto_auth_hmacsha256_init(&state, k.cBytes, k.count)
        }
    }

    public mutating func update(_ data: some ByteView) {
        data.withUnsafeBytes { d in
            _ = crypto_auth_hmacsha256_update(&state, d.cBytes, UInt64(d.count))
        }
    }

    /// The 32-byte tag. Wipes the state.
    public consuming func finalize() -> [UInt8] {
        var tag = [UInt8](repeating: 0, count: HMACSHA256.outputByteCount)
        tag.withUnsafeMutableBytes { t in
            _ = crypto_auth_hmacsha256_final(&state, t.cMutableBytes)
        }
        withUnsafeMutableBytes(of: &state) { ConstantTime.wipe($0) }
        return tag
    }

    /// One-shot MAC.
    public static func authenticate(_ message: some ByteView, key: some ByteView) -> [UInt8] {
        var mac = HMACSHA256(key: key)
        mac.update(message)
        return mac.finalize()
    }

    /// Checks `tag` in constant time.
    public static func isValid(
        _ tag: some ByteView, for message: some ByteView, key: some ByteView
    ) -> Bool {
        let expected = authenticate(message, key: key)
        return tag.withUnsafeBytes { t in expected.withUnsafeBytes { ConstantTime.equals(t, $0) } }
    }
}

/// HKDF-SHA-256 (RFC 5869), built from HMAC because libsodium 1.0.18 has no HKDF.
public enum HKDFSHA256 {
    /// The largest output: 255 blocks of 32 bytes.
    public static let maximumOutputByteCount = 255 * 32

    /// Extract-then-expand into secure memory. An empty salt means 32 zero bytes (RFC 5869
    /// §2.2), which HMAC's zero-padding of short keys gives for free.
    public static func derive(
        ikm: some ByteView, salt: some ByteView, info: some ByteView, length: Int
    ) throws -> SecureBytes {
        guard (1...maximumOutputByteCount).contains(length) else {
            throw SodiumError.invalidOutputLength(length)
        }
        var prk = HMACSHA256.authenticate(ikm, key: salt)
        defer { ConstantTime.wipe(&prk) }
        let output = try SecureBytes(count: length)
        var previous: [UInt8] = []
        defer { ConstantTime.wipe(&previous) }
        var filled = 0
        var counter: UInt8 = 1
        while filled < length {
            var mac = HMACSHA256(key: prk)
            mac.update(previous)
            mac.update(info)
            mac.update([counter])
            previous = mac.finalize()
            let take = min(previous.count, length - filled)
            output.withUnsafeMutableBytes { out in
                for i in 0..<take { out[filled + i] = previous[i] }
            }
            filled += take
            counter &+= 1
        }
        return output
    }
}

/// SHA-256 from `crypto_hash_sha256_*` (for hashing released plaintext and file digests).
public struct SHA256: ~Copyable {
    public static let outputByteCount = 32
    private var state = crypto_hash_sha256_state()

    public init() {
        Sodium.ensureInitialized()
        _ = crypto_hash_sha256_init(&state)
    }

    public mutating func update(_ data: some ByteView) {
        data.withUnsafeBytes { d in _ = crypto_hash_sha256_update(&state, d.cBytes, UInt64(d.count)) }
    }

    public consuming func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: SHA256.outputByteCount)
        digest.withUnsafeMutableBytes { _ = crypto_hash_sha256_final(&state, $0.cMutableBytes) }
        return digest
    }

    public static func hash(_ data: some ByteView) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data)
        return hasher.finalize()
    }
}
