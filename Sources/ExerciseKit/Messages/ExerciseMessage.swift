/// The signed part of an exercise message (format v1): who sends what to whom, over which
/// channel, when, in which exercise.
///
///     commsmap-message: 1
///     exercise: blue-olex-2026
///     id: 0f1e…  (32 lower-case hex digits)
///     from: cert-eu
///     to: cert-de, cert-fr
///     channel: signal
///     sent: 2026-10-07T10:00:00Z
///     subject: Drill 1
///     body-length: 12
///     <empty line>
///     <body bytes>
///
/// Signing the full recipient list, the exercise and the channel binds the message to its
/// context: a recipient cannot forward it as if sent to someone else, and it cannot be
/// replayed into another exercise or counted for another channel.
public struct ExerciseMessage: Sendable, Hashable {
    public static let version = 1
    /// Largest body accepted: messages are held in memory and pasted into chat and mail.
    public static let maximumBodyLength = 16 * 1024 * 1024
    /// Longest subject, in bytes (a mail header line's limit).
    public static let maximumSubjectLength = 998
    static let headerNames = [
        "commsmap-message", "exercise", "id", "from", "to", "channel", "sent", "subject", "body-length",
    ]

    public let exercise: String
    public let id: String
    public let from: String
    /// The recipients, sorted and without duplicates; never the sender.
    public let to: [String]
    public let channel: String
    public let sent: Timestamp
    public let subject: String
    public let body: [UInt8]

    /// A message; throws `invalidArgument` for a value that cannot be written.
    public init(
        exercise: String, id: String, from: String, to: [String], channel: String, sent: Timestamp,
        subject: String, body: [UInt8]
    ) throws {
        let bad = { ExerciseError.invalidArgument($0) }
        guard Identifier.isValid(exercise) else { throw bad("'\(exercise)' is not a valid exercise id") }
        guard Identifier.isValidMessageID(id) else {
            throw bad("'\(id)' is not a message id (32 lower-case hex digits)")
        }
        guard TeamID.isValid(from) else { throw bad("'\(from)' is not a valid team id") }
        let recipients = Array(Set(to)).sorted()
        guard !recipients.isEmpty else { throw bad("a message needs at least one recipient") }
        for team in recipients where !TeamID.isValid(team) { throw bad("'\(team)' is not a valid team id") }
        guard !recipients.contains(from) else {
            throw bad("the sender '\(from)' cannot be one of the recipients (it always gets its own copy)")
        }
        guard Identifier.isValid(channel) else { throw bad("'\(channel)' is not a valid channel (tool) id") }
        guard sent.isRepresentable else { throw bad("the time \(sent.seconds) cannot be written as RFC 3339") }
        guard HeaderBlock.isSingleLine(subject) else {
            throw bad("the subject must be one line without control characters")
        }
        guard subject.utf8.count <= Self.maximumSubjectLength else {
            throw bad("the subject is \(subject.utf8.count) bytes; at most \(Self.maximumSubjectLength) are allowed")
        }
        guard body.count <= Self.maximumBodyLength else {
            throw bad("the body is \(body.count) bytes; at most \(Self.maximumBodyLength) are allowed")
        }
        self.exercise = exercise
        self.id = id
        self.from = from
        self.to = recipients
        self.channel = channel
        self.sent = sent
        self.subject = subject
        self.body = body
    }

    /// The bytes the sender signs.
    public var signedBytes: [UInt8] {
        HeaderBlock.encode([
            ("commsmap-message", String(Self.version)), ("exercise", exercise), ("id", id), ("from", from),
            ("to", to.joined(separator: ", ")), ("channel", channel), ("sent", sent.description),
            ("subject", subject), ("body-length", String(body.count)),
        ]) + [UInt8(ascii: "\n")] + body
    }

    /// The trusted comment of the message's signature, which repeats the id so that
    /// `minisign -V` shows which message it checked.
    public var trustedComment: String { Self.trustedComment(id: id) }

    public static func trustedComment(id: String) -> String { "commsmap message v\(version) id=\(id)" }

    /// Whether signed bytes start like a message (rather than a receipt).
    static func looksLikeMessage(_ signed: [UInt8]) -> Bool {
        signed.starts(with: "commsmap-message: ".utf8)
    }

    /// Parses signed bytes, strictly: every header once, in order, canonical values, and a
    /// body of exactly `body-length` bytes.
    public init(signedBytes bytes: [UInt8]) throws {
        let malformed = { ExerciseError.malformed($0) }
        let (values, end) = try HeaderBlock.decode(bytes, names: Self.headerNames, malformed: malformed)
        guard values[0] == String(Self.version) else {
            throw malformed(
                "unsupported message version '\(values[0])'; this implementation reads version \(Self.version)")
        }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\n") else {
            throw malformed("an empty line must follow the headers")
        }
        let to = values[4].components(separatedBy: ", ")
        guard to == to.sorted(), Set(to).count == to.count else {
            throw malformed("the recipients must be sorted, without duplicates, separated by ', '")
        }
        guard let sent = Timestamp(rfc3339: values[6]) else {
            throw malformed("'sent' is not an RFC 3339 UTC time such as 2026-10-07T10:00:00Z")
        }
        guard let length = Self.canonicalCount(values[8]) else {
            throw malformed("'body-length' is not a decimal byte count")
        }
        let body = bytes[(end + 1)...]
        guard body.count == length else {
            throw malformed("the body is \(body.count) bytes, but 'body-length' says \(length)")
        }
        do {
            try self.init(
                exercise: values[1], id: values[2], from: values[3], to: to, channel: values[5], sent: sent,
                subject: values[7], body: Array(body))
        } catch ExerciseError.invalidArgument(let what) {
            throw malformed(what)
        }
    }

    /// A decimal count without sign or leading zeros.
    static func canonicalCount(_ text: String) -> Int? {
        guard let value = Int(text), value >= 0, String(value) == text else { return nil }
        return value
    }
}
