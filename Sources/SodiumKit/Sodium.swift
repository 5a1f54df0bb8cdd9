internal import CSodium

/// Errors from libsodium calls. Every return code is checked at the call and mapped here.
public enum SodiumError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `sodium_init` failed: the library cannot be used.
    case initializationFailed
    /// `sodium_malloc` returned nil.
    case outOfSecureMemory(Int)
    /// A key, nonce or input had the wrong length.
    case invalidLength(what: String, expected: String, actual: Int)
    /// X25519 produced the all-zero shared secret (a low-order public key).
    case weakSharedSecret
    /// AEAD decryption failed: wrong key, or the data was modified.
    case authenticationFailed
    /// scrypt parameters out of range, or not enough memory to run it.
    case keyDerivationFailed
    /// Ed25519 signing failed.
    case signingFailed
    /// Base64 input was not canonical for the requested variant.
    case invalidBase64
    /// HKDF output length out of range (1…8160 bytes).
    case invalidOutputLength(Int)

    public var description: String {
        switch self {
        case .initializationFailed: return "libsodium could not be initialised"
        case .outOfSecureMemory(let n): return "could not allocate \(n) bytes of secure memory"
        case .invalidLength(let what, let expected, let actual):
            return "\(what) must be \(expected) bytes, got \(actual)"
        case .weakSharedSecret: return "the X25519 shared secret is all zero (low-order public key)"
        case .authenticationFailed: return "authentication failed"
        case .keyDerivationFailed: return "scrypt key derivation failed (parameters or memory)"
        case .signingFailed: return "Ed25519 signing failed"
        case .invalidBase64: return "invalid or non-canonical base64"
        case .invalidOutputLength(let n): return "invalid output length \(n)"
        }
    }
}

/// One-time library initialisation; every entry point calls `Sodium.ensureInitialized()`.
public enum Sodium {
    private static let initialized: Bool = sodium_init() >= 0

    /// Initialises libsodium once (thread-safe: Swift globals are lazily initialised once).
    /// libsodium cannot run without it, so failure is fatal for every caller.
    public static func ensureInitialized() {
        precondition(initialized, "sodium_init failed")
    }

    /// The libsodium version string, e.g. `1.0.18`.
    public static var version: String {
        ensureInitialized()
        return String(cString: sodium_version_string())
    }
}

@inline(__always)
func requireLength(_ what: String, _ actual: Int, _ expected: Int) throws {
    guard actual == expected else {
        throw SodiumError.invalidLength(what: what, expected: String(expected), actual: actual)
    }
}
