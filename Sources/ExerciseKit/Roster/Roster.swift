import MinisignFormat
import Yams

/// The roster of an exercise (v1): its id, its time window, control's card and every
/// team's card. Control signs it; a team trusts a card only because it is on a roster that
/// verifies with control's pinned key.
///
///     commsmap_roster: 1
///     exercise: blue-olex-2026
///     from: 2026-10-06T00:00:00Z
///     until: 2026-10-08T23:59:59Z
///     control:
///       commsmap_card: 1
///       team: exercise-control
///       …
///     teams:
///       - commsmap_card: 1
///         team: cert-de
///         …
///
/// Cards are embedded exactly as card files write them, indented; teams are sorted by id.
public struct Roster: Sendable, Hashable {
    public static let version = 1
    /// Rosters hold a few hundred cards at most.
    static let maximumSize = 4 * 1024 * 1024
    static let keys = ["commsmap_roster", "exercise", "from", "until", "control", "teams"]

    public let exercise: String
    public let from: Timestamp
    public let until: Timestamp
    public let control: TeamCard
    /// Sorted by team id, without duplicates, never including control.
    public let teams: [TeamCard]

    public init(exercise: String, from: Timestamp, until: Timestamp, control: TeamCard, teams: [TeamCard]) throws {
        let bad = { ExerciseError.malformedRoster($0) }
        guard Identifier.isValid(exercise) else { throw bad("'\(exercise)' is not a valid exercise id") }
        guard from.isRepresentable, until.isRepresentable, from <= until else {
            throw bad("the exercise window must start (\(from)) no later than it ends (\(until))")
        }
        guard !teams.isEmpty else { throw bad("the roster lists no teams") }
        let sorted = teams.sorted { $0.team < $1.team }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.team == b.team {
            throw bad("the team '\(a.team)' appears twice")
        }
        if sorted.contains(where: { $0.team == control.team }) {
            throw bad("control's team id '\(control.team)' is also listed as a team")
        }
        let keys = ([control] + sorted).map(\.minisignPublicKey.keyID)
        if Set(keys).count != keys.count {
            throw bad("two cards share a minisign key id, so their signatures could not be told apart")
        }
        self.exercise = exercise
        self.from = from
        self.until = until
        self.control = control
        self.teams = sorted
    }

    /// The card of `team`, control included.
    public func card(for team: String) -> TeamCard? {
        if control.team.rawValue == team { return control }
        return teams.first { $0.team.rawValue == team }
    }

    /// The card whose minisign key has this key id, control included.
    func card(keyID: MinisignKeyID) -> TeamCard? {
        ([control] + teams).first { $0.minisignPublicKey.keyID == keyID }
    }

    /// Every team id that may send or receive: the teams and control.
    public var participants: [String] { ([control] + teams).map(\.team.rawValue) }

    /// The trusted comment of the roster's signature.
    public static func trustedComment(exercise: String) -> String { "commsmap roster v\(version) exercise=\(exercise)" }

    // MARK: - Writing

    /// The signed bytes: the YAML above, LF line endings.
    public var body: [UInt8] {
        var lines = [
            "commsmap_roster: \(Self.version)",
            "exercise: \(exercise)",
            "from: \(from)",
            "until: \(until)",
            "control:",
        ]
        lines += control.yamlLines.map { "  " + $0 }
        lines.append("teams:")
        for card in teams {
            for (index, line) in card.yamlLines.enumerated() {
                lines.append((index == 0 ? "  - " : "    ") + line)
            }
        }
        return Array(lines.map { $0 + "\n" }.joined().utf8)
    }

    /// Signs the roster as control. `identity` must be the holder of the control card.
    public func signed(by identity: TeamIdentity) throws -> SignedRoster {
        guard identity.card == control else {
            throw ExerciseError.identityNotOnRoster(
                "the signing identity (\(identity.team)) is not the roster's control card (\(control.team))")
        }
        let text = try SignedText.sign(
            body, with: identity.signingKey, trustedComment: Self.trustedComment(exercise: exercise),
            untrustedComment: "commsmap roster signed by \(control.team)")
        return SignedRoster(roster: self, text: text)
    }

    // MARK: - Reading

    /// Parses the signed bytes of a roster (the signature is checked separately).
    public init(body: [UInt8]) throws {
        let bad = { ExerciseError.malformedRoster($0) }
        guard body.count <= Self.maximumSize else { throw bad("the roster is larger than 4 MiB") }
        guard let text = String(validating: body, as: UTF8.self) else { throw bad("the roster is not valid UTF-8") }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .default, .default, .utf8)
        } catch {
            throw bad("not valid YAML: \(error)")
        }
        guard let mapping = root?.mapping else { throw bad("a roster must be a YAML mapping") }
        var values: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else { throw bad("a key must be plain text") }
            guard Self.keys.contains(key) else {
                throw bad("unknown key '\(key)'; a roster has the keys \(Self.keys.joined(separator: ", "))")
            }
            guard values.updateValue(value, forKey: key) == nil else { throw bad("the key '\(key)' appears twice") }
        }
        func scalar(_ key: String) throws -> String {
            guard let node = values[key] else { throw bad("the key '\(key)' is missing") }
            guard let text = node.scalar?.string else { throw bad("'\(key)' must be a single value") }
            return text
        }
        func time(_ key: String) throws -> Timestamp {
            guard let time = Timestamp(rfc3339: try scalar(key)) else {
                throw bad("'\(key)' is not an RFC 3339 UTC time such as 2026-10-07T10:00:00Z")
            }
            return time
        }
        func card(_ node: Node, _ what: String) throws -> TeamCard {
            do {
                return try TeamCard(yaml: node)
            } catch let error as TeamKeyError {
                throw bad("\(what): \(error)")
            }
        }
        let version = try scalar("commsmap_roster")
        guard version == String(Self.version) else {
            throw bad("unsupported roster version '\(version)'; this implementation reads version \(Self.version)")
        }
        guard let controlNode = values["control"] else { throw bad("the key 'control' is missing") }
        guard let teamNodes = values["teams"]?.sequence else { throw bad("'teams' must be a list of cards") }
        let teams = try teamNodes.enumerated().map { try card($0.element, "team \($0.offset + 1)") }
        guard teams.map(\.team) == teams.map(\.team).sorted() else { throw bad("the teams are not sorted by id") }
        try self.init(
            exercise: try scalar("exercise"), from: try time("from"), until: try time("until"),
            control: try card(controlNode, "control"), teams: teams)
        guard self.body == body else {
            throw bad("the roster is not written in its canonical form (as 'exercise roster' writes it)")
        }
    }
}

/// A roster with its signature, as stored in `roster.yaml`.
public struct SignedRoster: Sendable {
    public let roster: Roster
    public let text: SignedText

    /// The file: the roster, then its signature block.
    public var fileContents: [UInt8] { text.fileContents }

    /// The hex SHA-256 of the signed bytes, as the journal records it.
    public var sha256: String { Hex.sha256(text.body) }

    /// The key that signed the roster.
    public var signingKey: MinisignPublicKey { roster.control.minisignPublicKey }

    /// How the control key used to check a roster was chosen.
    public enum KeyChoice: Sendable, Hashable {
        /// Given explicitly (`--control-key`); it overrides a pinned key.
        case explicit(MinisignPublicKey)
        /// Pinned in the journal by an earlier roster.
        case pinned(MinisignPublicKey)
        /// Nothing pinned yet: trust the key of the roster's own control card (first use),
        /// and pin it.
        case firstUse
    }

    /// Parses a roster file and verifies its signature with the key chosen as `choice` says.
    ///
    /// The roster's control card must carry the key that signed it, and the trusted comment
    /// must name the roster's exercise, so a roster cannot be passed off as another's.
    public init(fileContents: [UInt8], key choice: KeyChoice) throws {
        let text = try SignedText(parsing: fileContents)
        let roster = try Roster(body: text.body)
        let key: MinisignPublicKey
        switch choice {
        case .explicit(let given): key = given
        case .pinned(let pinned): key = pinned
        case .firstUse: key = roster.control.minisignPublicKey
        }
        let expected = Roster.trustedComment(exercise: roster.exercise)
        do {
            try text.verify(with: key, expectedTrustedComment: expected)
        } catch let failure as ExerciseError {
            // A roster that verifies with its own control card but not with the pinned key was
            // signed by a new control key: say so, as ssh does for a changed host key.
            if case .pinned(let pinned) = choice,
                (try? text.verify(with: roster.control.minisignPublicKey, expectedTrustedComment: expected)) != nil
            {
                throw ExerciseError.controlKeyChanged(
                    pinned: pinned.base64, found: roster.control.minisignPublicKey.base64)
            }
            throw failure
        }
        guard roster.control.minisignPublicKey == key else {
            throw ExerciseError.rosterSignatureInvalid(
                "the roster's control card (\(roster.control.team)) carries key \(roster.control.minisignPublicKey.keyID), not the key \(key.keyID) that signed it"
            )
        }
        self.roster = roster
        self.text = text
    }

    init(roster: Roster, text: SignedText) {
        self.roster = roster
        self.text = text
    }
}
