/// One line of a team journal (format v1): a JSON object with sorted keys.
///
/// Every entry has `seq` (1, 2, …), `time`, `kind`, `prev` (hex SHA-256 of the previous
/// line's bytes without its LF; 64 zeros for the first) and `hash` (hex SHA-256 of the
/// entry's canonical JSON without the `hash` key), plus the fields of its kind. The chain of
/// `prev` values makes an edited, dropped or reordered entry visible; see `JournalVerifier`.
public struct JournalEntry: Sendable, Hashable {
    /// The keys every entry has; kind-specific fields may not use them. `journal` is kept
    /// for a later version, which will mark its entries with it.
    public static let reservedKeys: Set<String> = ["seq", "time", "kind", "prev", "hash", "journal"]
    public static let firstPrev = String(repeating: "0", count: 64)

    public let seq: Int
    public let time: Timestamp
    public let kind: String
    public let fields: [String: JournalValue]
    public let prev: String
    public let hash: String

    /// The object without `hash`, whose canonical JSON the hash covers.
    var unhashedObject: [String: JournalValue] {
        var object = fields
        object["seq"] = .integer(seq)
        object["time"] = .string(time.description)
        object["kind"] = .string(kind)
        object["prev"] = .string(prev)
        return object
    }

    /// A new entry chained after `prev`, with its hash computed.
    init(seq: Int, draft: JournalDraft, prev: String) {
        self.seq = seq
        time = draft.time
        kind = draft.kind
        fields = draft.fields
        self.prev = prev
        var object = draft.fields
        object["seq"] = .integer(seq)
        object["time"] = .string(draft.time.description)
        object["kind"] = .string(draft.kind)
        object["prev"] = .string(prev)
        hash = Hex.sha256(CanonicalJSON.encode(object))
    }

    /// The line as written to the file, without its LF.
    public var line: [UInt8] {
        var object = unhashedObject
        object["hash"] = .string(hash)
        return CanonicalJSON.encode(object)
    }

    /// Reads a line: the object must have every reserved key with the right type.
    /// The hash is not checked here (the verifier does).
    init(line: some Collection<UInt8>) throws(JournalLineError) {
        let object: [String: JournalValue]
        do {
            object = try CanonicalJSON.decode(line)
        } catch {
            throw JournalLineError("not a JSON object of strings and numbers: \(error)")
        }
        if let version = object["journal"] {
            throw JournalLineError("the entry is of journal version \(version); this implementation reads version 1")
        }
        guard let seq = object["seq"]?.integerValue, seq >= 1 else {
            throw JournalLineError("'seq' is missing or not a positive whole number")
        }
        guard let timeText = object["time"]?.stringValue, let time = Timestamp(rfc3339: timeText) else {
            throw JournalLineError("'time' is missing or not an RFC 3339 UTC time")
        }
        guard let kind = object["kind"]?.stringValue, !kind.isEmpty else { throw JournalLineError("'kind' is missing") }
        guard let prev = object["prev"]?.stringValue, Hex.isLowerHex(prev, byteCount: 32) else {
            throw JournalLineError("'prev' is missing or not 64 lower-case hex digits")
        }
        guard let hash = object["hash"]?.stringValue, Hex.isLowerHex(hash, byteCount: 32) else {
            throw JournalLineError("'hash' is missing or not 64 lower-case hex digits")
        }
        self.seq = seq
        self.time = time
        self.kind = kind
        self.prev = prev
        self.hash = hash
        fields = object.filter { !Self.reservedKeys.contains($0.key) }
    }

    /// The hash this entry's contents give.
    var computedHash: String { Hex.sha256(CanonicalJSON.encode(unhashedObject)) }

    public func string(_ key: String) -> String? { fields[key]?.stringValue }
}

/// Why a journal line cannot be read as an entry.
struct JournalLineError: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

/// An entry about to be appended: the journal adds `seq`, `prev` and `hash`.
public struct JournalDraft: Sendable, Hashable {
    public var time: Timestamp
    public var kind: String
    public var fields: [String: JournalValue]

    public init(time: Timestamp, kind: String, fields: [String: JournalValue]) {
        precondition(JournalEntry.reservedKeys.isDisjoint(with: fields.keys), "journal fields use a reserved key")
        self.time = time
        self.kind = kind
        self.fields = fields
    }
}

/// The kinds of entry commsmap writes, and their fields.
public enum JournalKind {
    /// Control's signing key was pinned: `exercise`, `control` (team id), `control_key`
    /// (minisign public key, base64), `pinned_by` (`first-use` or `control-key`).
    public static let pinControl = "pin-control"
    /// A roster was accepted for the first time: `exercise`, `roster_sha256` (of the signed
    /// bytes), `from`, `until`, `teams` (count).
    public static let roster = "roster"
    /// A message was opened: `exercise`, `message`, `from`, `channel`, `sent`,
    /// `ciphertext_sha256`.
    public static let open = "open"
    /// A receipt was written: `exercise`, `message`, `to`, `channel`, `receipt_sha256` (of the
    /// binary receipt ciphertext).
    public static let receipt = "receipt"
}
