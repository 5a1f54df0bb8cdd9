import SodiumKit

/// Everything that can go wrong reading or writing an age file, one case per check, so a
/// caller can say exactly which check failed (and a test can tell them apart).
///
/// Errors from a caller's `ByteSource` or `ByteSink` are not wrapped: they pass through
/// unchanged, so the caller still knows its own I/O failures.
public enum AgeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The header parsed, but no identity could unwrap any stanza (for a passphrase-encrypted
    /// file: the passphrase is wrong). `stanzaTypes` lists the types found, in file order.
    case noIdentityMatched(stanzaTypes: [String])
    /// A file key was unwrapped, but the header MAC does not match: the header was modified.
    case headerMACMismatch
    /// A payload chunk (0-based) failed authentication: the file was modified, or cut inside
    /// a chunk.
    case payloadAuthenticationFailed(chunk: UInt64)
    /// The payload ended on a chunk boundary, after `chunks` complete chunks, without a
    /// final chunk: the file was cut short.
    case truncated(chunks: UInt64)
    /// The final chunk carries no data although earlier chunks exist, which age never writes.
    case emptyFinalChunk(chunk: UInt64)
    /// Bytes follow the final chunk.
    case trailingData
    /// The header is malformed; the text says what was wrong.
    case badHeader(String)
    /// A key or stanza of a kind this implementation cannot handle (post-quantum
    /// `mlkem768x25519`, hardware `p256tag`, plugins, ssh keys).
    case unsupportedRecipientType(String)
    /// The ASCII armor is malformed; the text says what was wrong.
    case armor(String)
    /// A recipient, identity or key file could not be parsed; the text says where and why.
    case invalidKey(String)
    /// Encryption was asked for with an impossible set of recipients.
    case invalidRecipients(String)
    /// A libsodium operation failed (out of secure memory, scrypt could not allocate).
    case crypto(SodiumError)

    /// A stable identifier for scripts and tests.
    public var code: String {
        switch self {
        case .noIdentityMatched: return "age.no-identity-matched"
        case .headerMACMismatch: return "age.header-mac"
        case .payloadAuthenticationFailed: return "age.payload-authentication"
        case .truncated: return "age.truncated"
        case .emptyFinalChunk: return "age.empty-final-chunk"
        case .trailingData: return "age.trailing-data"
        case .badHeader: return "age.bad-header"
        case .unsupportedRecipientType: return "age.unsupported-recipient-type"
        case .armor: return "age.armor"
        case .invalidKey: return "age.invalid-key"
        case .invalidRecipients: return "age.invalid-recipients"
        case .crypto: return "age.crypto"
        }
    }

    public var description: String {
        switch self {
        case .noIdentityMatched(let types):
            if types == ["scrypt"] { return "no identity matched: the passphrase is wrong" }
            let listed = types.isEmpty ? "" : " (the file has stanzas of type \(types.joined(separator: ", ")))"
            return "no identity matched any of the file's recipients\(listed)"
        case .headerMACMismatch:
            return "header MAC check failed: the header was modified"
        case .payloadAuthenticationFailed(let chunk):
            return "payload authentication failed at chunk \(chunk): the file was modified or cut short"
        case .truncated(let chunks):
            return
                "the file is truncated: the payload stops after \(chunks) chunk\(chunks == 1 ? "" : "s") without a final chunk"
        case .emptyFinalChunk(let chunk):
            return "the final payload chunk \(chunk) is empty, which age never writes"
        case .trailingData:
            return "there is trailing data after the end of the encrypted payload"
        case .badHeader(let what):
            return "bad header: \(what)"
        case .unsupportedRecipientType(let type):
            return "unsupported recipient type \(type)"
        case .armor(let what):
            return "bad ASCII armor: \(what)"
        case .invalidKey(let what):
            return "invalid key: \(what)"
        case .invalidRecipients(let what):
            return "invalid recipients: \(what)"
        case .crypto(let error):
            return "cryptographic operation failed: \(error)"
        }
    }
}

extension AgeError {
    /// Runs a SodiumKit call, turning its errors into `.crypto`.
    static func sodium<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as SodiumError { throw AgeError.crypto(error) }
    }
}
