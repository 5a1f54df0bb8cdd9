import SodiumKit

/// Recipient and identity files in age's format: one key per line, `#` comments and blank
/// lines ignored, LF or CRLF line endings.
public enum KeyFile {
    /// The recipients in a recipients file (`-R`). `name` is used in error messages.
    public static func recipients(in contents: [UInt8], name: String) throws -> [X25519Recipient] {
        var found: [X25519Recipient] = []
        for (number, line) in keyLines(contents) {
            do {
                found.append(try AgeKeyParser.recipient(String(decoding: line, as: UTF8.self)))
            } catch let error as AgeError {
                throw located(error, name: name, line: number)
            }
        }
        guard !found.isEmpty else { throw AgeError.invalidKey("\(name): no recipients found") }
        return found
    }

    /// The identities in an identity file (`-i`). `contents` is secret: the caller wipes it
    /// afterwards; nothing here copies a key into a `String`.
    public static func identities(in contents: [UInt8], name: String) throws -> [X25519Identity] {
        var found: [X25519Identity] = []
        for (number, line) in keyLines(contents) {
            var bytes = Array(line)
            defer { ConstantTime.wipe(&bytes) }
            do {
                found.append(try AgeKeyParser.identity(bytes))
            } catch let error as AgeError {
                throw located(error, name: name, line: number)
            }
        }
        guard !found.isEmpty else { throw AgeError.invalidKey("\(name): no identities found") }
        return found
    }

    /// Whether `contents` looks like an age identity file (its first key line is an
    /// `AGE-…` key), so that other formats can be tried on files that are not.
    public static func looksLikeIdentityFile(_ contents: [UInt8]) -> Bool {
        guard let first = keyLines(contents).first?.line else { return false }
        return first.starts(with: "AGE-".utf8)
    }

    /// Whether `contents` looks like an age recipients file.
    public static func looksLikeRecipientFile(_ contents: [UInt8]) -> Bool {
        guard let first = keyLines(contents).first?.line else { return false }
        return first.starts(with: "age1".utf8) || first.starts(with: "ssh-".utf8)
    }

    /// The lines that hold keys, numbered from 1, without line endings.
    static func keyLines(_ contents: [UInt8]) -> [(number: Int, line: ArraySlice<UInt8>)] {
        var result: [(Int, ArraySlice<UInt8>)] = []
        for (index, raw) in contents.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        {
            let line = raw.last == UInt8(ascii: "\r") ? raw.dropLast() : raw
            if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
            result.append((index + 1, line))
        }
        return result
    }

    private static func located(_ error: AgeError, name: String, line: Int) -> AgeError {
        switch error {
        case .invalidKey(let what): return .invalidKey("\(name):\(line): \(what)")
        case .unsupportedRecipientType(let kind): return .unsupportedRecipientType("\(kind) at \(name):\(line)")
        default: return error
        }
    }
}

/// An identity file that is itself an age file encrypted with a passphrase (what
/// `age -p key.txt > key.age` produces, and how team identities are stored).
public enum EncryptedIdentityFile {
    /// Plaintext larger than this is not an identity file.
    static let sizeLimit = 1024 * 1024

    /// Whether `contents` is an age file (binary or armored) rather than plain keys.
    public static func isEncrypted(_ contents: [UInt8]) -> Bool {
        if contents.starts(with: "age-encryption.org/".utf8) { return true }
        let text = contents.drop(while: AgeArmor.isWhitespace)
        return text.starts(with: AgeArmor.beginLine)
    }

    /// Decrypts an encrypted identity file. `passphrase` is called only once the header has
    /// been checked to be passphrase-encrypted. The plaintext comes back in secure memory.
    public static func decrypt(_ contents: [UInt8], passphrase: () throws -> SecureBytes) throws -> SecureBytes {
        let decryptor = try AgeDecryptor(source: MemorySource(contents))
        guard decryptor.header.isPassphraseEncrypted else {
            throw AgeError.invalidKey("the identity file is encrypted to keys, not to a passphrase; decrypt it first")
        }
        let identity = ScryptIdentity(passphrase: try passphrase())
        let sink = LimitedSink(limit: sizeLimit)
        defer { sink.wipe() }
        try decryptor.decrypt(identities: [identity], to: sink)
        return try AgeError.sodium { try SecureBytes(copying: sink.bytes) }
    }
}

/// Collects at most `limit` bytes in memory.
final class LimitedSink: ByteSink {
    private(set) var bytes: [UInt8] = []
    let limit: Int

    init(limit: Int) {
        self.limit = limit
        // Room up front, so growing does not leave unwiped copies of the key file behind.
        bytes.reserveCapacity(64 * 1024)
    }

    func write(_ data: UnsafeRawBufferPointer) throws {
        guard bytes.count + data.count <= limit else {
            throw AgeError.invalidKey(
                "the encrypted identity file is larger than \(limit / 1024) KiB; it is not an identity file")
        }
        bytes.append(contentsOf: data)
    }

    func wipe() {
        ConstantTime.wipe(&bytes)
        bytes.removeAll()
    }
}
