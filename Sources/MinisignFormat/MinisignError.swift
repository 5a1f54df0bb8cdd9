import SodiumKit

/// Everything that can go wrong with minisign keys and signatures, as values the caller can
/// act on.
///
/// The cases are fine-grained on purpose: a verifier must be able to say *which* check
/// failed (key id, file signature, trusted comment), and a signer whether the password or the
/// key file is at fault. `isNegativeVerdict` separates "the signature is bad" from "we could
/// not check it".
public enum MinisignError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The public key (file or `-P` string) cannot be parsed.
    case malformedPublicKey(line: Int?, reason: String)
    /// The secret key file cannot be parsed.
    case malformedSecretKey(line: Int?, reason: String)
    /// The signature file cannot be parsed.
    case malformedSignature(line: Int?, reason: String)
    /// A signature, key derivation or checksum algorithm this implementation does not know.
    case unsupportedAlgorithm(String)
    /// The password does not open the secret key (its checksum does not match).
    case wrongPassword
    /// An unencrypted secret key whose checksum or public half is inconsistent.
    case corruptSecretKey(String)
    /// scrypt could not run with the stored limits (usually not enough memory).
    case keyDerivationFailed(opsLimit: UInt64, memLimit: UInt64)
    /// The signature was made by a different key than the public key given.
    case keyIDMismatch(signature: MinisignKeyID, publicKey: MinisignKeyID)
    /// The signature over the file does not verify: the file was modified, or it was signed
    /// by another key that carries the same key id.
    case badSignature
    /// The global signature over the trusted comment does not verify: the trusted comment
    /// was modified.
    case badGlobalSignature
    /// A legacy (`Ed`, not prehashed) signature where only prehashed ones are accepted.
    case legacySignatureRefused
    /// A legacy signature over a file too large to load into memory.
    case legacyFileTooLarge(path: String, size: Int64, limit: Int64)
    /// A comment given for signing cannot be written (line break, NUL, too long).
    case invalidComment(String)
    /// A file could not be read.
    case unreadable(path: String, reason: String)
    /// A file could not be written.
    case unwritable(path: String, reason: String)
    /// A key file would overwrite an existing file.
    case fileExists(String)
    /// libsodium failed (out of secure memory, signing failure).
    case sodium(SodiumError)

    /// A stable identifier for scripts and tests.
    public var code: String {
        switch self {
        case .malformedPublicKey: return "minisign.malformed-public-key"
        case .malformedSecretKey: return "minisign.malformed-secret-key"
        case .malformedSignature: return "minisign.malformed-signature"
        case .unsupportedAlgorithm: return "minisign.unsupported-algorithm"
        case .wrongPassword: return "minisign.wrong-password"
        case .corruptSecretKey: return "minisign.corrupt-secret-key"
        case .keyDerivationFailed: return "minisign.key-derivation-failed"
        case .keyIDMismatch: return "minisign.key-id-mismatch"
        case .badSignature: return "minisign.bad-signature"
        case .badGlobalSignature: return "minisign.bad-global-signature"
        case .legacySignatureRefused: return "minisign.legacy-signature-refused"
        case .legacyFileTooLarge: return "minisign.legacy-file-too-large"
        case .invalidComment: return "minisign.invalid-comment"
        case .unreadable: return "minisign.unreadable"
        case .unwritable: return "minisign.unwritable"
        case .fileExists: return "minisign.file-exists"
        case .sodium: return "minisign.sodium"
        }
    }

    /// Whether this is a verdict about the signature (it is bad) rather than a failure to
    /// check it. The executable exits 1 for verdicts and 2 otherwise.
    public var isNegativeVerdict: Bool {
        switch self {
        case .keyIDMismatch, .badSignature, .badGlobalSignature, .legacySignatureRefused: return true
        default: return false
        }
    }

    /// The line of the file the problem is on, when there is one.
    public var line: Int? {
        switch self {
        case .malformedPublicKey(let line, _), .malformedSecretKey(let line, _),
            .malformedSignature(let line, _):
            return line
        default: return nil
        }
    }

    /// The message without the line number (the caller prefixes `file:line:`).
    public var description: String {
        switch self {
        case .malformedPublicKey(_, let reason): return "malformed minisign public key: \(reason)"
        case .malformedSecretKey(_, let reason): return "malformed minisign secret key: \(reason)"
        case .malformedSignature(_, let reason): return "malformed minisign signature: \(reason)"
        case .unsupportedAlgorithm(let what): return "unsupported \(what)"
        case .wrongPassword: return "wrong passphrase for this secret key (its checksum does not match)"
        case .corruptSecretKey(let reason): return "corrupt secret key: \(reason)"
        case .keyDerivationFailed(let ops, let mem):
            return
                "scrypt could not derive the key with the stored limits (opslimit \(ops), memlimit \(mem) bytes); more memory may be needed"
        case .keyIDMismatch(let signature, let publicKey):
            return "key id mismatch: the signature was made with key \(signature) but the public key is \(publicKey)"
        case .badSignature:
            return
                "bad signature: the file does not match the signature (modified, or signed by another key with the same key id)"
        case .badGlobalSignature:
            return "bad global signature: the trusted comment was modified"
        case .legacySignatureRefused:
            return "legacy (not prehashed) signature refused; only prehashed signatures are accepted"
        case .legacyFileTooLarge(let path, let size, let limit):
            return
                "\(path) is \(size) bytes; a legacy signature needs the whole file in memory and the limit is \(limit) bytes"
        case .invalidComment(let reason): return "invalid comment: \(reason)"
        case .unreadable(let path, let reason): return "cannot read \(path): \(reason)"
        case .unwritable(let path, let reason): return "cannot write \(path): \(reason)"
        case .fileExists(let path): return "\(path) already exists; refusing to overwrite it"
        case .sodium(let error): return error.description
        }
    }
}
