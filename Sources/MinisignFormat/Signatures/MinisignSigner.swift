import SodiumKit

/// Makes prehashed (`ED`) minisign signatures.
public struct MinisignSigner: Sendable {
    public let key: MinisignSigningKey

    public init(key: MinisignSigningKey) {
        self.key = key
    }

    /// Signs the file at `path`, reading it once in 64 KiB blocks (constant memory).
    ///
    /// - Parameters:
    ///   - trustedComment: signed along with the signature; see
    ///     `MinisignSignature.defaultTrustedComment(timestamp:filePath:)`.
    ///   - untrustedComment: not signed; anyone can change it.
    ///   - progress: called with the bytes read so far.
    public func sign(
        fileAt path: String, trustedComment: String,
        untrustedComment: String = MinisignSignature.defaultUntrustedComment,
        progress: ((Int64) -> Void)? = nil
    ) throws -> MinisignSignature {
        let (trusted, untrusted) = try Self.checkedComments(trustedComment, untrustedComment)
        return try sign(digest: MessageFile.prehash(path: path, progress: progress), trusted, untrusted)
    }

    /// Signs bytes already in memory (the same prehashed signature as for a file).
    public func sign(
        message: some ByteView, trustedComment: String,
        untrustedComment: String = MinisignSignature.defaultUntrustedComment
    ) throws -> MinisignSignature {
        let (trusted, untrusted) = try Self.checkedComments(trustedComment, untrustedComment)
        return try sign(digest: MessageFile.prehash(message), trusted, untrusted)
    }

    /// Both comments must be single lines that minisign can read back.
    static func checkedComments(_ trusted: String, _ untrusted: String) throws -> ([UInt8], [UInt8]) {
        let trustedBytes = Array(trusted.utf8)
        let untrustedBytes = Array(untrusted.utf8)
        try MinisignText.checkComment(
            trustedBytes, limit: MinisignText.trustedCommentTextLimit, what: "trusted comment")
        try MinisignText.checkComment(
            untrustedBytes, limit: MinisignText.untrustedCommentTextLimit, what: "untrusted comment")
        return (trustedBytes, untrustedBytes)
    }

    private func sign(digest: [UInt8], _ trusted: [UInt8], _ untrusted: [UInt8]) throws -> MinisignSignature {
        try sodium {
            let secretKey = key.keyPair.secretKey
            let signature = try Ed25519.sign(digest, secretKey: secretKey)
            let global = try Ed25519.sign(signature + trusted, secretKey: secretKey)
            // Check both signatures before they leave, as minisign does with -p: a fault
            // while signing must not produce a signature that fails (or leaks) later.
            guard Ed25519.isValid(signature: signature, for: digest, publicKey: key.keyPair.publicKey),
                Ed25519.isValid(signature: global, for: signature + trusted, publicKey: key.keyPair.publicKey)
            else { throw SodiumError.signingFailed }
            return MinisignSignature(
                algorithm: .prehashed, keyID: key.keyID, signature: signature,
                untrustedComment: untrusted, trustedComment: trusted, globalSignature: global)
        }
    }
}
