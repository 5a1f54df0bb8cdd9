import SodiumKit

/// Checks minisign signatures against one public key.
///
/// The checks run in minisign's order and each failure has its own error:
/// 1. the signature's key id is the public key's (`keyIDMismatch`),
/// 2. the signature over the file (`badSignature`),
/// 3. the global signature over signature ‖ trusted comment (`badGlobalSignature`).
/// Only after all three may the trusted comment be believed.
public struct MinisignVerifier: Sendable {
    public let publicKey: MinisignPublicKey
    /// Whether legacy (`Ed`) signatures are accepted (minisign's default; `-H` refuses them).
    public var allowsLegacy: Bool
    /// Legacy signatures need the whole file in memory; larger files are refused.
    public var legacyFileLimit: Int64

    public init(publicKey: MinisignPublicKey, allowsLegacy: Bool = true, legacyFileLimit: Int64 = 1 << 30) {
        self.publicKey = publicKey
        self.allowsLegacy = allowsLegacy
        self.legacyFileLimit = legacyFileLimit
    }

    /// Verifies `signature` for the file at `path`. A prehashed signature reads the file once
    /// in 64 KiB blocks; the key id is checked before the file is read.
    public func verify(
        _ signature: MinisignSignature, fileAt path: String, progress: ((Int64) -> Void)? = nil
    ) throws {
        try checkHeader(signature)
        let signed: [UInt8]
        switch signature.algorithm {
        case .prehashed: signed = try MessageFile.prehash(path: path, progress: progress)
        case .legacy: signed = try MessageFile.contents(path: path, limit: legacyFileLimit)
        }
        try checkSignatures(signature, signed: signed)
    }

    /// Verifies `signature` for bytes already in memory.
    public func verify(_ signature: MinisignSignature, message: some ByteView) throws {
        try checkHeader(signature)
        switch signature.algorithm {
        case .prehashed: try checkSignatures(signature, signed: MessageFile.prehash(message))
        case .legacy: try checkSignatures(signature, signed: message)
        }
    }

    private func checkHeader(_ signature: MinisignSignature) throws {
        if signature.algorithm == .legacy, !allowsLegacy { throw MinisignError.legacySignatureRefused }
        guard signature.keyID == publicKey.keyID else {
            throw MinisignError.keyIDMismatch(signature: signature.keyID, publicKey: publicKey.keyID)
        }
    }

    private func checkSignatures(_ signature: MinisignSignature, signed: some ByteView) throws {
        guard Ed25519.isValid(signature: signature.signature, for: signed, publicKey: publicKey.key) else {
            throw MinisignError.badSignature
        }
        guard
            Ed25519.isValid(
                signature: signature.globalSignature, for: signature.globallySignedBytes, publicKey: publicKey.key)
        else { throw MinisignError.badGlobalSignature }
    }
}
