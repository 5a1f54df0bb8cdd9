import ArgumentParser
import ExerciseKit
import Foundation
import MinisignFormat
import SodiumKit

/// The team identity and its passphrase, shared by every exercise command that signs or
/// decrypts.
struct ExerciseIdentityOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The team identity file (commsmap keygen -o), plain or passphrase-encrypted; must not be readable by group or others.",
            valueName: "IDENTITY"))
    var identity: String

    @Option(
        name: .customLong("passphrase-file"),
        help: ArgumentHelp(
            "Read the identity's passphrase from the first line of this file. (default: ask on the terminal)",
            valueName: "F"))
    var passphraseFile: String?

    /// Loads the identity, asking for the passphrase only when it is encrypted.
    func load() throws -> TeamIdentity {
        try ExerciseInput.identity(identity, passphraseFile: passphraseFile)
    }
}

/// The clock, read only here (Kits take "now" as a parameter). `--now` replaces it, for
/// drills that replay a timeline and for tests; it is not shown in the help.
struct ExerciseClockOptions: ParsableArguments {
    @Option(
        name: .customLong("now"),
        help: ArgumentHelp("Use this RFC 3339 UTC time instead of the clock (drills and tests).", visibility: .private))
    var now: String?

    func validate() throws {
        if let now, Timestamp(rfc3339: now) == nil {
            throw ValidationError("--now must be an RFC 3339 UTC time such as 2026-10-07T10:00:00Z")
        }
    }

    var time: Timestamp {
        if let now, let time = Timestamp(rfc3339: now) { return time }
        return Timestamp(seconds: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }
}

/// Reading exercise files and keys for the commands.
enum ExerciseInput {
    /// The default journal, in the current directory.
    static let defaultJournal = "commsmap-journal.jsonl"

    /// Loads a team identity, asking for the passphrase only when it is encrypted.
    static func identity(_ path: String, passphraseFile: String?) throws -> TeamIdentity {
        var data = try TeamKeyFailure.readSecretKeyFile(path, option: "--identity")
        var contents = [UInt8](data)
        defer {
            ConstantTime.wipe(&contents)
            data.resetBytes(in: 0..<data.count)
        }
        if TeamCard.looksLikeCard(contents) { throw TeamKeyFailure.cardGivenForSecret(path, option: "--identity") }
        return try TeamKeyFailure.about(path) {
            try TeamIdentity.load(fileContents: contents) {
                var bytes =
                    try passphraseFile.map { try SecretFiles.passphrase(fromFile: $0) }
                    ?? SecretFiles.askPassphrase("Enter passphrase for \(path)")
                defer { ConstantTime.wipe(&bytes) }
                return try SecureBytes(copying: bytes)
            }
        }
    }

    /// A file's bytes (`-` is stdin).
    static func read(_ path: String) throws -> [UInt8] {
        try SecretFiles.readPublicBytes(path)
    }

    /// `--control-key`: a minisign public key file, a team card, or the base64 key itself.
    static func controlKey(_ text: String) throws -> MinisignPublicKey {
        if FileManager.default.fileExists(atPath: text) {
            return try SignatureKeySource.verificationKey(path: text)
        }
        do {
            return try SignatureKeySource.verificationKey(inline: text)
        } catch {
            throw CommandFailure(
                message: "--control-key \(text) is neither a readable file nor a minisign public key",
                hint: "give control's card, its minisign public key file, or the RWQ… key itself", code: Exit.usage)
        }
    }

    /// A `--max-age`/`--clock-skew` value.
    static func span(_ text: String, option: String) throws -> TimeSpan {
        guard let span = TimeSpan(parsing: text) else {
            throw ValidationError("\(option) must be a duration such as 90s, 5m, 24h, 2d or 1h30m, not '\(text)'")
        }
        return span
    }
}
