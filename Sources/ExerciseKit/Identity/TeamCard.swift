import AgeFormat
import MinisignFormat
import SodiumKit
import Yams

/// A team's public card (v1): who the team is and the two public keys others use to write
/// to it (age) and to check what it signed (minisign).
///
/// On disk it is YAML, written exactly as
///
///     commsmap_card: 1
///     team: cert-eu
///     name: CERT-EU
///     network: csirts-network
///     age_recipient: age1…
///     minisign_public_key: RWQ…
///     fingerprint: SHA256:<43 characters of unpadded base64>
///
/// (`network` only when the team has one). The fingerprint is
/// `SHA-256("commsmap-card-v1\n" ‖ age_recipient ‖ "\n" ‖ minisign_public_key ‖ "\n")`: it
/// catches a card whose keys were altered or damaged on the way, and it is short enough to
/// read out over the phone. It does not make a card trustworthy (anyone can make a card with
/// a matching fingerprint for their own keys), and it does not cover team, name or network;
/// the roster signed by exercise control does that.
public struct TeamCard: Sendable, Hashable {
    /// The `commsmap_card` value this implementation writes and reads.
    public static let version = 1
    static let fingerprintLabel = "commsmap-card-v1\n"
    static let fingerprintPrefix = "SHA256:"
    /// Cards are a few hundred bytes; anything this large is not one.
    static let maximumFileSize = 64 * 1024

    enum Key {
        static let version = "commsmap_card"
        static let team = "team"
        static let name = "name"
        static let network = "network"
        static let ageRecipient = "age_recipient"
        static let minisignPublicKey = "minisign_public_key"
        static let fingerprint = "fingerprint"
        static let all = [version, team, name, network, ageRecipient, minisignPublicKey, fingerprint]
    }

    public let team: TeamID
    /// The display name (see `TeamName`).
    public let name: String
    public let network: NetworkID?
    /// Encrypt to this to reach the team (`encrypt -R card`).
    public let ageRecipient: X25519Recipient
    /// Verifies the team's signatures (`verify -p card`).
    public let minisignPublicKey: MinisignPublicKey
    /// `SHA256:` and the unpadded base64 of the digest described above.
    public let fingerprint: String

    /// A card for these keys; the fingerprint is computed.
    public init(
        team: TeamID, name: String, network: NetworkID?, ageRecipient: X25519Recipient,
        minisignPublicKey: MinisignPublicKey
    ) throws {
        self.team = team
        self.name = try TeamName.validated(name)
        self.network = network
        self.ageRecipient = ageRecipient
        self.minisignPublicKey = minisignPublicKey
        fingerprint = Self.fingerprint(ageRecipient: ageRecipient, minisignPublicKey: minisignPublicKey)
    }

    /// The fingerprint of a pair of keys.
    public static func fingerprint(ageRecipient: X25519Recipient, minisignPublicKey: MinisignPublicKey) -> String {
        let input = fingerprintLabel + ageRecipient.description + "\n" + minisignPublicKey.base64 + "\n"
        return fingerprintPrefix + Base64.encode(SHA256.hash(Array(input.utf8)), variant: .unpadded)
    }

    // MARK: - Writing

    /// The card's `key: value` lines without line endings, in the order of the format, for
    /// writing a card file or embedding the card (indented) in a roster.
    public var yamlLines: [String] {
        var lines = [
            "\(Key.version): \(Self.version)",
            "\(Key.team): \(YAMLText.scalar(team.rawValue))",
            "\(Key.name): \(YAMLText.scalar(name))",
        ]
        if let network { lines.append("\(Key.network): \(YAMLText.scalar(network.rawValue))") }
        lines += [
            "\(Key.ageRecipient): \(ageRecipient)",
            "\(Key.minisignPublicKey): \(minisignPublicKey.base64)",
            "\(Key.fingerprint): \(fingerprint)",
        ]
        return lines
    }

    /// The card file: `yamlLines`, each ending with LF.
    public var fileContents: String {
        yamlLines.map { $0 + "\n" }.joined()
    }

    // MARK: - Reading

    /// Whether `contents` looks like a card (a line starts with `commsmap_card:`), so that
    /// key sources can tell cards from other key files without parsing them.
    public static func looksLikeCard(_ contents: [UInt8]) -> Bool {
        let marker = Array("\(Key.version):".utf8)
        if contents.starts(with: marker) { return true }
        return contents.indices.contains { index in
            contents[index] == UInt8(ascii: "\n") && contents[(index + 1)...].starts(with: marker)
        }
    }

    /// Parses and checks a card file: YAML, exactly the keys of the format, valid ids and
    /// keys, and a fingerprint that matches (`fingerprintMismatch` otherwise).
    public init(fileContents: [UInt8]) throws {
        guard fileContents.count <= Self.maximumFileSize else {
            throw TeamKeyError.malformedCard(
                line: nil, reason: "the file is larger than \(Self.maximumFileSize / 1024) KiB; it is not a card")
        }
        let text = String(decoding: fileContents, as: UTF8.self)
        guard Array(text.utf8) == fileContents else {
            throw TeamKeyError.malformedCard(line: nil, reason: "the file is not valid UTF-8")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .default, .default, .utf8)
        } catch {
            throw TeamKeyError.malformedCard(line: nil, reason: "not valid YAML: \(error)")
        }
        guard let root else { throw TeamKeyError.malformedCard(line: nil, reason: "the file is empty") }
        try self.init(yaml: root)
    }

    /// Parses and checks a card held in a YAML node (a card file's root, or a card embedded
    /// in a roster). Every value is read as the string written, whatever its YAML type.
    public init(yaml node: Node) throws {
        guard let mapping = node.mapping else {
            throw TeamKeyError.malformedCard(
                line: node.mark?.line, reason: "a card must be a mapping of key: value lines")
        }
        var values: [String: (text: String, line: Int?)] = [:]
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.scalar?.string else {
                throw TeamKeyError.malformedCard(line: keyNode.mark?.line, reason: "a key must be plain text")
            }
            guard values[key] == nil else {
                throw TeamKeyError.malformedCard(line: keyNode.mark?.line, reason: "the key '\(key)' appears twice")
            }
            guard let value = valueNode.scalar?.string else {
                throw TeamKeyError.malformedCard(
                    line: valueNode.mark?.line, reason: "the value of '\(key)' must be a single text value")
            }
            values[key] = (value, keyNode.mark?.line)
        }

        // The version first, so that a later version's new keys are reported as a version
        // this implementation does not read rather than as unknown keys.
        guard let version = values[Key.version] else {
            throw TeamKeyError.malformedCard(
                line: node.mark?.line, reason: "the key '\(Key.version)' is missing; is this a commsmap card?")
        }
        guard version.text == String(Self.version) else {
            throw TeamKeyError.unsupportedVersion(what: "card", version: version.text)
        }
        let unknown = values.keys.filter { !Key.all.contains($0) }.sorted()
        if let first = unknown.first {
            throw TeamKeyError.malformedCard(
                line: values[first]?.line,
                reason: "unknown key '\(first)'; a card has the keys \(Key.all.joined(separator: ", "))")
        }
        func required(_ key: String) throws -> (text: String, line: Int?) {
            guard let value = values[key] else {
                throw TeamKeyError.malformedCard(line: node.mark?.line, reason: "the key '\(key)' is missing")
            }
            return value
        }
        func checked<T>(_ key: String, _ value: (text: String, line: Int?), _ parse: (String) throws -> T) throws -> T {
            do {
                return try parse(value.text)
            } catch let problem as NotCanonical {
                throw TeamKeyError.malformedCard(line: value.line, reason: "'\(key)': \(problem.reason)")
            } catch let error as TeamKeyError {
                throw TeamKeyError.malformedCard(line: value.line, reason: "'\(key)': \(error)")
            } catch let error as AgeError {
                throw TeamKeyError.malformedCard(line: value.line, reason: "'\(key)': \(error)")
            } catch let error as MinisignError {
                throw TeamKeyError.malformedCard(line: value.line, reason: "'\(key)': \(error)")
            }
        }

        let team = try checked(Key.team, try required(Key.team), TeamID.init)
        let name = try checked(Key.name, try required(Key.name), TeamName.validated)
        let network = try values[Key.network].map { try checked(Key.network, $0, NetworkID.init) }
        let ageRecipient = try checked(Key.ageRecipient, try required(Key.ageRecipient)) { text in
            let recipient = try AgeKeyParser.recipient(text)
            guard recipient.description == text else {
                throw NotCanonical(reason: "the recipient is not written in its canonical form")
            }
            return recipient
        }
        let minisignPublicKey = try checked(Key.minisignPublicKey, try required(Key.minisignPublicKey)) { text in
            let key = try MinisignPublicKey(base64: text)
            guard key.base64 == text else {
                throw NotCanonical(reason: "the key is not written in its canonical form")
            }
            return key
        }
        try self.init(
            team: team, name: name, network: network, ageRecipient: ageRecipient,
            minisignPublicKey: minisignPublicKey)

        let stated = try required(Key.fingerprint)
        let digestLength = 43
        guard stated.text.hasPrefix(Self.fingerprintPrefix),
            stated.text.utf8.count == Self.fingerprintPrefix.utf8.count + digestLength
        else {
            throw TeamKeyError.malformedCard(
                line: stated.line,
                reason:
                    "'\(Key.fingerprint)' must be \(Self.fingerprintPrefix) followed by \(digestLength) characters of unpadded base64"
            )
        }
        guard stated.text == fingerprint else {
            throw TeamKeyError.fingerprintMismatch(team: team.rawValue, stated: stated.text, computed: fingerprint)
        }
    }
}

/// A key that parses but is not written the way the format writes it (the fingerprint is
/// defined over the canonical text, so another spelling of the same key is refused).
private struct NotCanonical: Error {
    let reason: String
}
