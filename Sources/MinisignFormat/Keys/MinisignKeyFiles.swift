import Foundation
import SodiumKit

/// Making a minisign key pair on disk, in minisign's own format (`minisign -G`).
public enum MinisignKeyFiles {
    /// Generates a key pair and writes the secret key (mode 0600) and the public key.
    ///
    /// Refuses to overwrite either file. With a `passphrase` the secret key is encrypted with
    /// `limits` (minisign's SENSITIVE cost unless the caller asks for less, as tests do);
    /// without one it is stored in the clear, like `minisign -G -W`.
    @discardableResult
    public static func generate(
        secretKeyPath: String, publicKeyPath: String, passphrase: SecureBytes?,
        limits: KeyDerivationLimits = .sensitive, keyID: MinisignKeyID = .random()
    ) throws -> MinisignPublicKey {
        for path in [secretKeyPath, publicKeyPath] where FileManager.default.fileExists(atPath: path) {
            throw MinisignError.fileExists(path)
        }
        let key = try MinisignSigningKey.generate(keyID: keyID)
        var secret = try MinisignSecretKey.fileContents(for: key, passphrase: passphrase, limits: limits)
        defer { ConstantTime.wipe(&secret) }
        try writeNew(secretKeyPath, secret, mode: 0o600)
        do {
            try writeNew(publicKeyPath, Array(key.publicKey.fileContents.utf8), mode: 0o644)
        } catch {
            unlink(secretKeyPath)
            throw error
        }
        return key.publicKey
    }

    /// Creates `path` exclusively with `mode` and writes `bytes`; removes it on failure.
    static func writeNew(_ path: String, _ bytes: [UInt8], mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            if errno == EEXIST { throw MinisignError.fileExists(path) }
            throw MinisignError.unwritable(path: path, reason: String(cString: strerror(errno)))
        }
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, base + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if let failure {
            unlink(path)
            throw MinisignError.unwritable(path: path, reason: failure)
        }
    }
}
