import SodiumKit

/// A minisign secret key file as stored: possibly encrypted, not yet usable for signing.
///
/// The file is an `untrusted comment:` line and the base64 of minisign's 158-byte
/// `SeckeyStruct`:
///
///     "Ed" ‖ kdf ("Sc", or two zero bytes when unencrypted) ‖ "B2" ‖ salt[32] ‖
///     opslimit (u64 LE) ‖ memlimit (u64 LE) ‖ keynum_sk[104]
///     keynum_sk = key id[8] ‖ Ed25519 secret key[64] ‖ BLAKE2b-256("Ed" ‖ key id ‖ secret key)
///
/// An encrypted key XORs keynum_sk with 104 bytes of scrypt output derived from the
/// passphrase, the salt and the *stored* limits. Nothing authenticates the ciphertext but
/// the checksum, so a wrong passphrase shows only as a checksum mismatch.
public struct MinisignSecretKey: Sendable {
    static let signatureAlgorithm = Array("Ed".utf8)
    static let scryptAlgorithm = Array("Sc".utf8)
    static let noEncryption: [UInt8] = [0, 0]
    static let checksumAlgorithm = Array("B2".utf8)
    static let keyMaterialByteCount = MinisignKeyID.byteCount + Ed25519.secretKeyByteCount + checksumByteCount
    static let checksumByteCount = 32
    static let encodedByteCount = 6 + Scrypt.saltByteCount + 16 + keyMaterialByteCount

    /// How the key material is protected.
    public enum Protection: Sendable, Hashable {
        /// Stored in the clear (`minisign -G -W`).
        case unencrypted
        /// XORed with scrypt output of the passphrase, with these stored limits.
        case scrypt(KeyDerivationLimits)
    }

    public let protection: Protection
    /// The first line's text after `untrusted comment: ` (not protected by anything).
    public let untrustedComment: String
    let salt: [UInt8]
    /// keynum_sk as stored: encrypted, or plain for an unencrypted key.
    let storedKeyMaterial: SecureBytes

    public var isEncrypted: Bool { protection != .unencrypted }

    /// Parses a secret key file. Nothing is decrypted yet.
    public init(fileContents: [UInt8]) throws {
        let malformed = { MinisignError.malformedSecretKey(line: $0, reason: $1) }
        let lines = try MinisignText.lines(fileContents, malformed: malformed)
        guard let first = lines.first else { throw malformed(nil, "the file is empty") }
        untrustedComment = String(
            decoding: try MinisignText.untrustedComment(first, malformed: malformed), as: UTF8.self)
        guard lines.count >= 2 else { throw malformed(2, "the base64 key line is missing") }
        try MinisignText.requireNothingAfter(lines, index: 2, malformed: malformed)
        var decoded = try MinisignText.base64(
            lines[1], count: Self.encodedByteCount, what: "the key", malformed: malformed)
        defer { ConstantTime.wipe(&decoded) }

        // The checks and their order follow minisign's seckey_load.
        guard decoded[0..<2].elementsEqual(Self.signatureAlgorithm) else {
            throw MinisignError.unsupportedAlgorithm("signature algorithm \(AlgorithmName(decoded[0..<2]))")
        }
        guard decoded[4..<6].elementsEqual(Self.checksumAlgorithm) else {
            throw MinisignError.unsupportedAlgorithm("checksum algorithm \(AlgorithmName(decoded[4..<6]))")
        }
        salt = Array(decoded[6..<38])
        let limits = KeyDerivationLimits(
            opsLimit: LittleEndian.load(decoded[38..<46]), memLimit: LittleEndian.load(decoded[46..<54]))
        if decoded[2..<4].elementsEqual(Self.scryptAlgorithm) {
            protection = .scrypt(limits)
        } else if decoded[2..<4].elementsEqual(Self.noEncryption) {
            protection = .unencrypted
        } else {
            throw MinisignError.unsupportedAlgorithm("key derivation function \(AlgorithmName(decoded[2..<4]))")
        }
        do {
            storedKeyMaterial = try SecureBytes(copying: decoded[54...])
        } catch let error as SodiumError {
            throw MinisignError.sodium(error)
        }
    }

    /// Opens the key, asking for the passphrase only when the key is encrypted.
    public func open(passphrase: () throws -> SecureBytes) throws -> MinisignSigningKey {
        switch protection {
        case .unencrypted: return try unencryptedKey()
        case .scrypt: return try decrypt(passphrase: passphrase())
        }
    }

    /// Decrypts with `passphrase` (ignored for an unencrypted key).
    ///
    /// Throws `wrongPassword` when the checksum does not match, and `keyDerivationFailed`
    /// when scrypt cannot run with the stored limits.
    public func decrypt(passphrase: some ByteView) throws -> MinisignSigningKey {
        guard case .scrypt(let limits) = protection else { return try unencryptedKey() }
        return try sodium {
            let stream = try Self.keyStream(passphrase: passphrase, salt: salt, limits: limits)
            let plain = try SecureBytes(count: Self.keyMaterialByteCount)
            plain.withUnsafeMutableBytes { p in
                storedKeyMaterial.withUnsafeBytes { s in
                    stream.withUnsafeBytes { k in
                        for i in 0..<p.count { p[i] = s[i] ^ k[i] }
                    }
                }
            }
            guard try Self.checksumMatches(plain) else { throw MinisignError.wrongPassword }
            return try Self.signingKey(fromPlain: plain)
        }
    }

    /// minisign writes an all-zero checksum into unencrypted keys and never checks it;
    /// keys whose password was removed with `minisign -C -W` keep a real one. Accept both,
    /// and check that the secret key's public half belongs to its seed either way.
    private func unencryptedKey() throws -> MinisignSigningKey {
        try sodium {
            let checksum = storedKeyMaterial.withUnsafeBytes {
                ConstantTime.isZero(
                    UnsafeRawBufferPointer(rebasing: $0[(Self.keyMaterialByteCount - Self.checksumByteCount)...]))
            }
            if !checksum, try !Self.checksumMatches(storedKeyMaterial) {
                throw MinisignError.corruptSecretKey("the checksum does not match the key")
            }
            return try Self.signingKey(fromPlain: storedKeyMaterial)
        }
    }

    /// Encodes `key` as a secret key file, encrypted when `passphrase` is given.
    ///
    /// Like minisign, when the derivation runs out of memory the limits are halved until it
    /// succeeds (down to libsodium's minimum); the limits used are the ones stored.
    public static func fileContents(
        for key: MinisignSigningKey, passphrase: SecureBytes?,
        limits: KeyDerivationLimits = .sensitive, comment: String? = nil
    ) throws -> [UInt8] {
        try sodium {
            let plain = try SecureBytes(count: keyMaterialByteCount)
            let checksum = try checksum(keyID: key.keyID, secretKey: key.keyPair.secretKey)
            plain.withUnsafeMutableBytes { p in
                p.copyBytes(from: key.keyID.bytes)
                key.keyPair.secretKey.withUnsafeBytes { s in
                    UnsafeMutableRawBufferPointer(rebasing: p[8..<72]).copyMemory(from: s)
                }
                UnsafeMutableRawBufferPointer(rebasing: p[72...]).copyBytes(from: checksum)
            }
            var header = signatureAlgorithm
            var salt = [UInt8](repeating: 0, count: Scrypt.saltByteCount)
            var stored = KeyDerivationLimits(opsLimit: 0, memLimit: 0)
            if let passphrase {
                salt = Random.bytes(Scrypt.saltByteCount)
                var attempt = limits
                var stream: SecureBytes?
                while stream == nil {
                    do {
                        stream = try keyStream(passphrase: passphrase, salt: salt, limits: attempt)
                    } catch MinisignError.keyDerivationFailed(let ops, let mem) {
                        guard let next = attempt.halved else {
                            throw MinisignError.keyDerivationFailed(opsLimit: ops, memLimit: mem)
                        }
                        attempt = next
                    }
                }
                stored = attempt
                stream?.withUnsafeBytes { k in
                    plain.withUnsafeMutableBytes { p in
                        for i in 0..<p.count { p[i] ^= k[i] }
                    }
                }
                header += scryptAlgorithm
            } else {
                header += noEncryption
            }
            header +=
                checksumAlgorithm + salt + LittleEndian.bytes(stored.opsLimit)
                + LittleEndian.bytes(stored.memLimit)
            var structure = header + plain.withUnsafeBytes { Array($0) }
            defer { ConstantTime.wipe(&structure) }
            let text =
                comment ?? (passphrase == nil ? "minisign unencrypted secret key" : "minisign encrypted secret key")
            try MinisignText.checkComment(
                Array(text.utf8), limit: MinisignText.untrustedCommentTextLimit, what: "untrusted comment")
            return Array("untrusted comment: \(text)\n\(Base64.encode(structure, variant: .padded))\n".utf8)
        }
    }

    // MARK: - Pieces

    static func keyStream(
        passphrase: some ByteView, salt: [UInt8], limits: KeyDerivationLimits
    ) throws -> SecureBytes {
        do {
            return try Scrypt.derive(
                password: passphrase, salt: salt, opsLimit: limits.opsLimit, memLimit: limits.memLimit,
                length: keyMaterialByteCount)
        } catch SodiumError.keyDerivationFailed {
            throw MinisignError.keyDerivationFailed(opsLimit: limits.opsLimit, memLimit: limits.memLimit)
        }
    }

    /// BLAKE2b-256("Ed" ‖ key id ‖ secret key).
    static func checksum(keyID: MinisignKeyID, secretKey: SecureBytes) throws -> [UInt8] {
        let hasher = try BLAKE2b(outputLength: checksumByteCount)
        hasher.update(signatureAlgorithm)
        hasher.update(keyID.bytes)
        hasher.update(secretKey)
        return hasher.finalize()
    }

    /// Whether plain keynum_sk carries the right checksum (compared in constant time).
    static func checksumMatches(_ plain: SecureBytes) throws -> Bool {
        let hasher = try BLAKE2b(outputLength: checksumByteCount)
        hasher.update(signatureAlgorithm)
        return plain.withUnsafeBytes { p in
            hasher.update(UnsafeRawBufferPointer(rebasing: p[0..<72]))
            let computed = hasher.finalize()
            return computed.withUnsafeBytes { ConstantTime.equals($0, UnsafeRawBufferPointer(rebasing: p[72...])) }
        }
    }

    /// The signing key in plain keynum_sk, after checking that the stored public half is the
    /// one its seed gives.
    static func signingKey(fromPlain plain: SecureBytes) throws -> MinisignSigningKey {
        let keyID = plain.withUnsafeBytes { MinisignKeyID(unchecked: $0[0..<8]) }
        let secretKey = try plain.withUnsafeBytes { try SecureBytes(copying: $0[8..<72]) }
        let keyPair = try Ed25519.KeyPair(secretKey: secretKey)
        let fromSeed = try secretKey.withUnsafeBytes {
            try Ed25519.KeyPair.fromSeed(UnsafeRawBufferPointer(rebasing: $0[0..<Ed25519.seedByteCount]))
        }
        guard fromSeed.publicKey == keyPair.publicKey else {
            throw MinisignError.corruptSecretKey("the public half of the secret key does not belong to its seed")
        }
        return MinisignSigningKey(keyID: keyID, keyPair: keyPair)
    }
}

/// Runs `body`, turning libsodium failures into `MinisignError.sodium`.
func sodium<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as SodiumError {
        throw MinisignError.sodium(error)
    }
}
