/// Reads single keys as age writes them, and names the kinds it recognises but cannot use.
public enum AgeKeyParser {
    /// Parses a recipient: an X25519 `age1…` key. Post-quantum, hardware-tag, plugin and
    /// ssh recipients throw `unsupportedRecipientType` naming the kind.
    public static func recipient(_ text: String) throws -> X25519Recipient {
        if let kind = unsupportedKind(ofRecipient: text) { throw AgeError.unsupportedRecipientType(kind) }
        return try X25519Recipient(parsing: text)
    }

    /// Parses an identity: an X25519 `AGE-SECRET-KEY-1…` key, given as bytes so that the
    /// secret never becomes a `String`.
    public static func identity(_ text: [UInt8]) throws -> X25519Identity {
        if let kind = unsupportedKind(ofIdentity: text) { throw AgeError.unsupportedRecipientType(kind) }
        return try X25519Identity(parsing: text)
    }

    /// The kind of a recipient this implementation cannot encrypt to, or nil.
    static func unsupportedKind(ofRecipient text: String) -> String? {
        for prefix in ["ssh-ed25519", "ssh-rsa", "ecdsa-sha2-", "sk-ssh-", "sk-ecdsa-"] where text.hasPrefix(prefix) {
            return "ssh (\(prefix)…): use an age1… recipient"
        }
        guard let hrp = try? Bech32.decode(Array(text.utf8)).hrp else { return nil }
        return unsupportedKind(recipientHRP: String(decoding: hrp, as: UTF8.self).lowercased())
    }

    static func unsupportedKind(recipientHRP hrp: String) -> String? {
        switch hrp {
        case X25519Recipient.humanReadablePart: return nil
        case "age1pq": return "mlkem768x25519 (post-quantum)"
        case "age1tag": return "p256tag (hardware key)"
        case "age1tagpq": return "mlkem768p256tag (post-quantum hardware key)"
        default:
            guard hrp.hasPrefix("age1") else { return nil }
            let name = hrp.dropFirst(4)
            return "plugin \(name) (age-plugin-\(name))"
        }
    }

    /// The kind of an identity this implementation cannot use, or nil.
    static func unsupportedKind(ofIdentity text: [UInt8]) -> String? {
        if text.starts(with: "-----BEGIN OPENSSH PRIVATE KEY-----".utf8)
            || text.starts(with: "-----BEGIN RSA PRIVATE KEY-----".utf8)
        {
            return "ssh private key: use an AGE-SECRET-KEY-1… identity"
        }
        guard let hrp = try? Bech32.decode(text).hrp else { return nil }
        let upper = String(decoding: hrp, as: UTF8.self).uppercased()
        switch upper {
        case X25519Identity.humanReadablePart: return nil
        case "AGE-SECRET-KEY-PQ-": return "mlkem768x25519 (post-quantum)"
        default:
            guard upper.hasPrefix("AGE-PLUGIN-"), upper.hasSuffix("-") else { return nil }
            let name = upper.dropFirst("AGE-PLUGIN-".count).dropLast().lowercased()
            if name == "tag" || name == "tagpq" { return "p256tag (hardware key, age-plugin-\(name))" }
            return "plugin \(name) (age-plugin-\(name))"
        }
    }
}
