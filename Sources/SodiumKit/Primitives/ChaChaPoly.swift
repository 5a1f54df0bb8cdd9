internal import CSodium

/// ChaCha20-Poly1305 AEAD, IETF variant (RFC 8439: 12-byte nonce), from
/// `crypto_aead_chacha20poly1305_ietf_*`.
///
/// The buffer-based calls write into caller-owned memory so that streams can reuse one
/// buffer for every chunk.
public enum ChaChaPoly {
    public static let keyByteCount = 32
    public static let nonceByteCount = 12
    public static let tagByteCount = 16

    /// Encrypts `plaintext` into `output` (plaintext length + 16 bytes), returning the bytes written.
    @discardableResult
    public static func seal(
        _ plaintext: UnsafeRawBufferPointer, key: some ByteView, nonce: some ByteView,
        authenticating aad: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0),
        into output: UnsafeMutableRawBufferPointer
    ) throws -> Int {
        Sodium.ensureInitialized()
        guard output.count >= plaintext.count + tagByteCount else {
            throw SodiumError.invalidLength(
                what: "ChaCha20-Poly1305 output buffer", expected: "at least \(plaintext.count + tagByteCount)",
                actual: output.count)
        }
        return try key.withUnsafeBytes { k in
            try nonce.withUnsafeBytes { n in
                try requireLength("ChaCha20-Poly1305 key", k.count, keyByteCount)
                try requireLength("ChaCha20-Poly1305 nonce", n.count, nonceByteCount)
                var written: UInt64 = 0
                let status = crypto_aead_chacha20poly1305_ietf_encrypt(
                    output.cMutableBytes, &written, plaintext.cBytes, UInt64(plaintext.count),
                    aad.count > 0 ? aad.cBytes : nil, UInt64(aad.count), nil, n.cBytes, k.cBytes)
                guard status == 0 else { throw SodiumError.authenticationFailed }
                return Int(written)
            }
        }
    }

    /// Decrypts and authenticates `ciphertext` (with its 16-byte tag) into `output`
    /// (at least ciphertext length − 16 bytes), returning the plaintext length.
    /// Nothing meaningful is left in `output` when authentication fails.
    @discardableResult
    public static func open(
        _ ciphertext: UnsafeRawBufferPointer, key: some ByteView, nonce: some ByteView,
        authenticating aad: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0),
        into output: UnsafeMutableRawBufferPointer
    ) throws -> Int {
        Sodium.ensureInitialized()
        guard ciphertext.count >= tagByteCount else { throw SodiumError.authenticationFailed }
        guard output.count >= ciphertext.count - tagByteCount else {
            throw SodiumError.invalidLength(
                what: "ChaCha20-Poly1305 output buffer", expected: "at least \(ciphertext.count - tagByteCount)",
                actual: output.count)
        }
        return try key.withUnsafeBytes { k in
            try nonce.withUnsafeBytes { n in
                try requireLength("ChaCha20-Poly1305 key", k.count, keyByteCount)
                try requireLength("ChaCha20-Poly1305 nonce", n.count, nonceByteCount)
                var written: UInt64 = 0
                let status = crypto_aead_chacha20poly1305_ietf_decrypt(
                    output.cMutableBytes, &written, nil, ciphertext.cBytes, UInt64(ciphertext.count),
                    aad.count > 0 ? aad.cBytes : nil, UInt64(aad.count), n.cBytes, k.cBytes)
                guard status == 0 else { throw SodiumError.authenticationFailed }
                return Int(written)
            }
        }
    }

    /// Convenience: encrypts to a new array.
    public static func seal(
        _ plaintext: some ByteView, key: some ByteView, nonce: some ByteView, aad: [UInt8] = []
    ) throws -> [UInt8] {
        let count = plaintext.byteCount + tagByteCount
        var output = [UInt8](repeating: 0, count: count)
        _ = try plaintext.withUnsafeBytes { p in
            try aad.withUnsafeBytes { a in
                try output.withUnsafeMutableBytes { o in
                    try seal(p, key: key, nonce: nonce, authenticating: a, into: o)
                }
            }
        }
        return output
    }

    /// Convenience: decrypts into new secure memory.
    public static func open(
        _ ciphertext: some ByteView, key: some ByteView, nonce: some ByteView, aad: [UInt8] = []
    ) throws -> SecureBytes {
        let count = ciphertext.byteCount
        guard count >= tagByteCount else { throw SodiumError.authenticationFailed }
        let output = try SecureBytes(count: count - tagByteCount)
        _ = try ciphertext.withUnsafeBytes { c in
            try aad.withUnsafeBytes { a in
                try output.withUnsafeMutableBytes { o in
                    try open(c, key: key, nonce: nonce, authenticating: a, into: o)
                }
            }
        }
        return output
    }
}
