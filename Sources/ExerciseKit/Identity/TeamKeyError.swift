/// Everything that can go wrong making, reading or checking a team identity or a card.
///
/// One case per check, each with a stable `code`, so the executable and the exercise
/// protocol can tell a tampered card from a wrong passphrase without parsing messages.
/// Errors from the caller's passphrase closure pass through unchanged.
public enum TeamKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A team id that is not lowercase `[a-z0-9][a-z0-9-]*` of at most 64 characters.
    case invalidTeamID(String)
    /// A network id that is not an inventory id (`[a-z0-9][a-z0-9._-]*`, at most 64).
    case invalidNetworkID(String)
    /// A display name that is empty, too long, padded with spaces or holds a control
    /// character or line break; the text says which.
    case invalidName(String)
    /// The plaintext of a team identity does not follow the v1 layout; the line is
    /// 1-based when known.
    case malformedIdentity(line: Int?, reason: String)
    /// The public keys written in the identity are not the ones its secret keys give.
    case inconsistentIdentity(String)
    /// The file is neither a team identity nor an age file holding one.
    case notATeamIdentity(String)
    /// The passphrase does not open the encrypted identity.
    case wrongPassphrase
    /// The age encryption around the identity could not be opened for another reason
    /// (damaged armor, encrypted to keys rather than a passphrase, modified).
    case unreadableEncryption(String)
    /// A card that is not valid YAML or lacks, repeats or misspells a key; the line is
    /// 1-based when known.
    case malformedCard(line: Int?, reason: String)
    /// A `commsmap_card` or identity version this implementation does not read.
    case unsupportedVersion(what: String, version: String)
    /// The card's fingerprint is not the one its keys give: the card was altered or
    /// damaged.
    case fingerprintMismatch(team: String, stated: String, computed: String)
    /// Generating keys or encrypting the identity failed in libsodium or age.
    case crypto(String)

    /// A stable identifier for scripts and tests.
    public var code: String {
        switch self {
        case .invalidTeamID: return "team.invalid-id"
        case .invalidNetworkID: return "team.invalid-network"
        case .invalidName: return "team.invalid-name"
        case .malformedIdentity: return "team.malformed-identity"
        case .inconsistentIdentity: return "team.inconsistent-identity"
        case .notATeamIdentity: return "team.not-an-identity"
        case .wrongPassphrase: return "team.wrong-passphrase"
        case .unreadableEncryption: return "team.unreadable-encryption"
        case .malformedCard: return "team.malformed-card"
        case .unsupportedVersion: return "team.unsupported-version"
        case .fingerprintMismatch: return "team.fingerprint-mismatch"
        case .crypto: return "team.crypto"
        }
    }

    /// The line of the file the problem is on, when there is one.
    public var line: Int? {
        switch self {
        case .malformedIdentity(let line, _), .malformedCard(let line, _): return line
        default: return nil
        }
    }

    /// The message without the line number (callers prefix `file:line:`).
    public var description: String {
        switch self {
        case .invalidTeamID(let text):
            return
                "\(quoted(text)) is not a valid team id: use lowercase letters, digits and '-', starting with a letter or digit, at most \(TeamID.maximumLength) characters"
        case .invalidNetworkID(let text):
            return
                "\(quoted(text)) is not a valid network id: use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit, at most \(NetworkID.maximumLength) characters"
        case .invalidName(let reason):
            return "invalid team name: \(reason)"
        case .malformedIdentity(_, let reason):
            return "malformed team identity: \(reason)"
        case .inconsistentIdentity(let reason):
            return "inconsistent team identity: \(reason)"
        case .notATeamIdentity(let reason):
            return "not a commsmap team identity: \(reason)"
        case .wrongPassphrase:
            return "wrong passphrase for the team identity"
        case .unreadableEncryption(let reason):
            return "cannot open the encrypted team identity: \(reason)"
        case .malformedCard(_, let reason):
            return "malformed team card: \(reason)"
        case .unsupportedVersion(let what, let version):
            return "unsupported \(what) version \(quoted(version)); this commsmap reads version 1"
        case .fingerprintMismatch(let team, let stated, let computed):
            return
                "the fingerprint of the card of team \(quoted(team)) does not match its keys (the card says \(stated), the keys give \(computed)): the card was altered or damaged"
        case .crypto(let reason):
            return "cryptographic operation failed: \(reason)"
        }
    }
}

/// Quotes text for a message, escaping what would make the message misleading.
func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars.prefix(80) {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case _ where scalar.value < 0x20 || scalar.value == 0x7f:
            out += "\\u{\(String(scalar.value, radix: 16))}"
        default: out.unicodeScalars.append(scalar)
        }
    }
    if text.unicodeScalars.count > 80 { out += "…" }
    return out + "\""
}
