import AgeFormat
import MinisignFormat
import SodiumKit

/// A team's secret keys (v1): an X25519 age identity to read what is sent to the team and a
/// minisign (Ed25519) key to sign what it sends, with the facts of its card.
///
/// The plaintext is an age identity file that also carries the card facts and the minisign
/// key in `#` comment lines, which age ignores, so `age -d -i TEAM_IDENTITY` works on it:
///
///     # commsmap team identity v1
///     # team: cert-eu
///     # name: CERT-EU
///     # network: csirts-network          (only when the team has one)
///     # public key: age1…
///     # minisign public key: RWQ…
///     # minisign secret key: RWQAAEIy…    (base64 of the 158-byte unencrypted SeckeyStruct)
///     AGE-SECRET-KEY-1…
///
/// Every line ends with LF; nothing else may appear. On disk the plaintext is either
/// stored as is, or (the default) encrypted with age's scrypt recipient under a passphrase
/// and ASCII-armored, which `age -d -i` also opens. Readers tell the two apart by the first
/// bytes.
public struct TeamIdentity: Sendable {
    /// The first line of every v1 plaintext.
    public static let headerLine = "# commsmap team identity v1"
    static let versionPrefix = "# commsmap team identity v"
    /// A v1 plaintext is under 600 bytes; this leaves room for long names.
    static let maximumPlaintextSize = 16 * 1024

    enum Label {
        static let team = "# team: "
        static let name = "# name: "
        static let network = "# network: "
        static let publicKey = "# public key: "
        static let minisignPublicKey = "# minisign public key: "
        static let minisignSecretKey = "# minisign secret key: "
    }

    /// The public half: team, name, network and both public keys, with their fingerprint.
    public let card: TeamCard
    /// Opens files encrypted to `card.ageRecipient`; its secret key is in `SecureBytes`.
    public let ageIdentity: X25519Identity
    /// Signs as the team; its secret key is in `SecureBytes`.
    public let signingKey: MinisignSigningKey

    public var team: TeamID { card.team }
    public var name: String { card.name }
    public var network: NetworkID? { card.network }

    /// An identity from its parts; the card is derived from the keys.
    public init(
        team: TeamID, name: String, network: NetworkID?, ageIdentity: X25519Identity,
        signingKey: MinisignSigningKey
    ) throws {
        card = try TeamCard(
            team: team, name: name, network: network, ageRecipient: ageIdentity.recipient,
            minisignPublicKey: signingKey.publicKey)
        self.ageIdentity = ageIdentity
        self.signingKey = signingKey
    }

    /// Fresh keys for a team. `name` defaults to the team id.
    public static func generate(team: TeamID, name: String? = nil, network: NetworkID? = nil) throws -> TeamIdentity {
        let ageIdentity: X25519Identity
        let signingKey: MinisignSigningKey
        do {
            ageIdentity = try X25519Identity.generate()
            signingKey = try MinisignSigningKey.generate()
        } catch {
            throw TeamKeyError.crypto("\(error)")
        }
        return try TeamIdentity(
            team: team, name: name ?? team.rawValue, network: network, ageIdentity: ageIdentity,
            signingKey: signingKey)
    }

    // MARK: - Writing

    /// The v1 plaintext, in secure memory.
    public func plaintext() throws -> SecureBytes {
        var text = Array(Self.headerLine.utf8) + [UInt8(ascii: "\n")]
        defer { ConstantTime.wipe(&text) }
        func line(_ label: String, _ value: String) {
            text += Array(label.utf8) + Array(value.utf8) + [UInt8(ascii: "\n")]
        }
        line(Label.team, team.rawValue)
        line(Label.name, name)
        if let network { line(Label.network, network.rawValue) }
        line(Label.publicKey, card.ageRecipient.description)
        line(Label.minisignPublicKey, card.minisignPublicKey.base64)

        var keyFile = try Self.crypto {
            try MinisignSecretKey.fileContents(for: signingKey, passphrase: nil)
        }
        defer { ConstantTime.wipe(&keyFile) }
        // The second line of minisign's file is the base64 of the SeckeyStruct.
        let lines = keyFile.split(separator: UInt8(ascii: "\n"))
        guard lines.count == 2 else { throw TeamKeyError.crypto("unexpected minisign secret key encoding") }
        text += Array(Label.minisignSecretKey.utf8) + lines[1] + [UInt8(ascii: "\n")]
        text += Array(ageIdentity.encoded().utf8) + [UInt8(ascii: "\n")]
        return try Self.crypto { try SecureBytes(copying: text) }
    }

    /// What goes on disk: the plaintext encrypted under `passphrase` with age's scrypt
    /// recipient and ASCII-armored, or the plaintext itself when `passphrase` is nil.
    /// `workFactor` is scrypt's log2(N); lower values are for tests.
    public func fileContents(
        passphrase: SecureBytes?, workFactor: Int = ScryptRecipient.defaultWorkFactor
    ) throws -> SecureBytes {
        let plain = try plaintext()
        guard let passphrase else { return plain }
        return try Self.crypto {
            let recipient = try ScryptRecipient(passphrase: passphrase, workFactor: workFactor)
            let sink = MemorySink()
            try AgeEncryptor(recipients: [recipient], armored: true).encrypt(
                from: SecureBytesSource(plain), to: sink)
            return try SecureBytes(copying: sink.bytes)
        }
    }

    // MARK: - Reading

    /// Whether `contents` starts like a team identity plaintext (of any version).
    public static func isPlaintextIdentity(_ contents: [UInt8]) -> Bool {
        contents.starts(with: versionPrefix.utf8)
    }

    /// Whether `contents` is an age file (binary or armored), as an encrypted identity is.
    public static func isEncrypted(_ contents: [UInt8]) -> Bool {
        EncryptedIdentityFile.isEncrypted(contents)
    }

    /// Reads an identity file as `keygen` writes it, encrypted or not. `passphrase` is
    /// called only for an encrypted file; a wrong one throws `wrongPassphrase`.
    public static func load(fileContents: [UInt8], passphrase: () throws -> SecureBytes) throws -> TeamIdentity {
        guard isEncrypted(fileContents) else {
            guard isPlaintextIdentity(fileContents) else {
                throw TeamKeyError.notATeamIdentity(
                    "it starts neither with \"\(headerLine)\" nor as an age-encrypted file")
            }
            return try TeamIdentity(plaintext: fileContents)
        }
        let plain: SecureBytes
        do {
            plain = try EncryptedIdentityFile.decrypt(fileContents, passphrase: passphrase)
        } catch AgeError.noIdentityMatched {
            throw TeamKeyError.wrongPassphrase
        } catch let error as AgeError {
            throw TeamKeyError.unreadableEncryption("\(error)")
        }
        var bytes = plain.unsafeCopy
        defer { ConstantTime.wipe(&bytes) }
        guard isPlaintextIdentity(bytes) else {
            if KeyFile.looksLikeIdentityFile(bytes) {
                throw TeamKeyError.notATeamIdentity(
                    "the file decrypts to a plain age identity file, which has no signing key")
            }
            throw TeamKeyError.notATeamIdentity("the file decrypts to something that is not a team identity")
        }
        return try TeamIdentity(plaintext: bytes)
    }

    /// Parses and checks a v1 plaintext: the exact layout, valid ids and keys, and public
    /// key lines that match the secret keys (`inconsistentIdentity` otherwise).
    public init(plaintext: some ByteView) throws {
        var bytes = plaintext.withUnsafeBytes { Array($0) }
        defer { ConstantTime.wipe(&bytes) }
        guard bytes.count <= Self.maximumPlaintextSize else {
            throw TeamKeyError.malformedIdentity(
                line: nil, reason: "the plaintext is larger than \(Self.maximumPlaintextSize / 1024) KiB")
        }
        var reader = try IdentityLines(bytes)
        defer { reader.wipe() }

        let header = try reader.publicLine()
        guard header == Self.headerLine else {
            if header.hasPrefix(Self.versionPrefix) {
                throw TeamKeyError.unsupportedVersion(
                    what: "team identity", version: String(header.dropFirst(Self.versionPrefix.count)))
            }
            throw TeamKeyError.notATeamIdentity("the first line is not \"\(Self.headerLine)\"")
        }
        let team = try reader.value(Label.team, TeamID.init)
        let name = try reader.value(Label.name, TeamName.validated)
        let network = try reader.optionalValue(Label.network, NetworkID.init)
        let statedRecipient = try reader.value(Label.publicKey) { try X25519Recipient(parsing: $0) }
        let statedPublicKey = try reader.value(Label.minisignPublicKey) { try MinisignPublicKey(base64: $0) }
        let signingKey = try reader.secretLine(Label.minisignSecretKey, Self.minisignKey)
        let ageIdentity = try reader.secretLine("", { try X25519Identity(parsing: $0) })
        try reader.requireEnd()

        guard statedRecipient == ageIdentity.recipient else {
            throw TeamKeyError.inconsistentIdentity(
                "the public key line says \(statedRecipient), but the AGE-SECRET-KEY gives \(ageIdentity.recipient)")
        }
        guard statedPublicKey == signingKey.publicKey else {
            throw TeamKeyError.inconsistentIdentity(
                "the minisign public key line says \(statedPublicKey.base64), but the minisign secret key gives \(signingKey.publicKey.base64)"
            )
        }
        try self.init(team: team, name: name, network: network, ageIdentity: ageIdentity, signingKey: signingKey)
    }

    /// The signing key from the base64 of an unencrypted SeckeyStruct, read with
    /// MinisignFormat's own parser by giving it the file minisign would write.
    private static func minisignKey(_ base64: [UInt8]) throws -> MinisignSigningKey {
        var file = Array("untrusted comment: commsmap team identity\n".utf8) + base64 + [UInt8(ascii: "\n")]
        defer { ConstantTime.wipe(&file) }
        let stored = try MinisignSecretKey(fileContents: file)
        guard stored.protection == .unencrypted else {
            throw TeamKeyError.malformedIdentity(
                line: nil,
                reason: "the minisign secret key must be stored unencrypted (the identity file as a whole is encrypted)"
            )
        }
        return try stored.open { throw TeamKeyError.crypto("an unencrypted key asked for a passphrase") }
    }

    /// Runs `body`, turning library failures into `TeamKeyError.crypto`.
    static func crypto<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as TeamKeyError {
            throw error
        } catch {
            throw TeamKeyError.crypto("\(error)")
        }
    }
}

/// Reads a v1 plaintext line by line, keeping the lines that hold secrets as bytes.
private struct IdentityLines {
    private var lines: [[UInt8]]
    private var index = 0

    init(_ bytes: [UInt8]) throws {
        guard bytes.last == UInt8(ascii: "\n") else {
            throw TeamKeyError.malformedIdentity(line: nil, reason: "the last line does not end with a line feed")
        }
        lines = bytes.dropLast().split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        if let crlf = lines.firstIndex(where: { $0.last == UInt8(ascii: "\r") }) {
            throw TeamKeyError.malformedIdentity(
                line: crlf + 1, reason: "the line ends with CR LF; team identities use LF line endings")
        }
    }

    /// 1-based number of the line about to be read.
    var lineNumber: Int { index + 1 }

    mutating func wipe() {
        for i in lines.indices { ConstantTime.wipe(&lines[i]) }
    }

    private func malformed(_ reason: String) -> TeamKeyError {
        .malformedIdentity(line: lineNumber, reason: reason)
    }

    /// The next line, which holds no secret, as text.
    mutating func publicLine() throws -> String {
        guard index < lines.count else { throw malformed("the file ends early") }
        let text = String(decoding: lines[index], as: UTF8.self)
        guard Array(text.utf8) == lines[index] else { throw malformed("the line is not valid UTF-8") }
        index += 1
        return text
    }

    /// The value after `label` on the next line, parsed by `parse`.
    mutating func value<T>(_ label: String, _ parse: (String) throws -> T) throws -> T {
        guard let value = try optionalValue(label, parse) else {
            throw malformed("expected a line starting with \"\(label)\"")
        }
        return value
    }

    /// Like `value`, or nil without consuming the line when it does not start with `label`.
    mutating func optionalValue<T>(_ label: String, _ parse: (String) throws -> T) throws -> T? {
        guard index < lines.count, lines[index].starts(with: label.utf8) else { return nil }
        let number = lineNumber
        let text = try publicLine()
        do {
            return try parse(String(text.dropFirst(label.count)))
        } catch {
            throw TeamKeyError.malformedIdentity(line: number, reason: Self.reason(error))
        }
    }

    /// The bytes after `label` on the next line, handed to `parse` without becoming a
    /// `String`.
    mutating func secretLine<T>(_ label: String, _ parse: ([UInt8]) throws -> T) throws -> T {
        guard index < lines.count, lines[index].starts(with: label.utf8) else {
            throw malformed(label.isEmpty ? "the file ends early" : "expected a line starting with \"\(label)\"")
        }
        let number = lineNumber
        var value = Array(lines[index].dropFirst(label.utf8.count))
        defer { ConstantTime.wipe(&value) }
        index += 1
        do {
            return try parse(value)
        } catch {
            throw TeamKeyError.malformedIdentity(line: number, reason: Self.reason(error))
        }
    }

    func requireEnd() throws {
        guard index == lines.count else { throw malformed("unexpected line after the AGE-SECRET-KEY line") }
    }

    /// The message of a parser's error, without repeating "malformed team identity".
    private static func reason(_ error: any Error) -> String {
        if case TeamKeyError.malformedIdentity(_, let reason) = error { return reason }
        return "\(error)"
    }
}

/// Reads secure memory as an age input without copying it into ordinary memory.
private final class SecureBytesSource: ByteSource {
    private let bytes: SecureBytes
    private var offset = 0

    init(_ bytes: SecureBytes) { self.bytes = bytes }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { all in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[offset..<(offset + count)]))
        }
        offset += count
        return count
    }
}
