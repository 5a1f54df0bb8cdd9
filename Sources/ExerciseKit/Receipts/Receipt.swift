/// The signed part of a receipt (format v1): the receiving team states that it decrypted
/// and verified a message, and which ciphertext it got.
///
///     commsmap-receipt: 1
///     exercise: blue-olex-2026
///     message: 0f1e…
///     from: cert-de              (the receiving team, which signs)
///     to: cert-eu                (the sender of the message)
///     channel: signal
///     received: 2026-10-07T10:03:30Z
///     ciphertext-sha256: 9f86…   (of the binary age file as received, armor removed)
///
/// The hash lets control tell that the receiver got the very ciphertext the sender made,
/// without trusting either side's word for it.
public struct Receipt: Sendable, Hashable {
    public static let version = 1
    static let headerNames = [
        "commsmap-receipt", "exercise", "message", "from", "to", "channel", "received", "ciphertext-sha256",
    ]

    public let exercise: String
    public let message: String
    public let from: String
    public let to: String
    public let channel: String
    public let received: Timestamp
    public let ciphertextSHA256: String

    public init(
        exercise: String, message: String, from: String, to: String, channel: String, received: Timestamp,
        ciphertextSHA256: String
    ) throws {
        let bad = { ExerciseError.invalidArgument($0) }
        guard Identifier.isValid(exercise) else { throw bad("'\(exercise)' is not a valid exercise id") }
        guard Identifier.isValidMessageID(message) else { throw bad("'\(message)' is not a message id") }
        guard TeamID.isValid(from), TeamID.isValid(to) else { throw bad("'from' and 'to' must be team ids") }
        guard Identifier.isValid(channel) else { throw bad("'\(channel)' is not a valid channel id") }
        guard received.isRepresentable else { throw bad("the time cannot be written as RFC 3339") }
        guard Hex.isLowerHex(ciphertextSHA256, byteCount: 32) else {
            throw bad("'ciphertext-sha256' must be 64 lower-case hex digits")
        }
        self.exercise = exercise
        self.message = message
        self.from = from
        self.to = to
        self.channel = channel
        self.received = received
        self.ciphertextSHA256 = ciphertextSHA256
    }

    public var signedBytes: [UInt8] {
        HeaderBlock.encode([
            ("commsmap-receipt", String(Self.version)), ("exercise", exercise), ("message", message), ("from", from),
            ("to", to), ("channel", channel), ("received", received.description),
            ("ciphertext-sha256", ciphertextSHA256),
        ])
    }

    public var trustedComment: String { Self.trustedComment(message: message) }

    public static func trustedComment(message: String) -> String { "commsmap receipt v\(version) message=\(message)" }

    static func looksLikeReceipt(_ signed: [UInt8]) -> Bool {
        signed.starts(with: "commsmap-receipt: ".utf8)
    }

    /// Parses signed bytes strictly; nothing may follow the last header.
    public init(signedBytes bytes: [UInt8]) throws {
        let malformed = { (what: String) in ExerciseError.malformed("receipt: \(what)") }
        let (values, end) = try HeaderBlock.decode(bytes, names: Self.headerNames, malformed: malformed)
        guard values[0] == String(Self.version) else {
            throw malformed(
                "unsupported receipt version '\(values[0])'; this implementation reads version \(Self.version)")
        }
        guard end == bytes.count else { throw malformed("there are bytes after the last header") }
        guard let received = Timestamp(rfc3339: values[6]) else {
            throw malformed("'received' is not an RFC 3339 UTC time")
        }
        do {
            try self.init(
                exercise: values[1], message: values[2], from: values[3], to: values[4], channel: values[5],
                received: received, ciphertextSHA256: values[7])
        } catch ExerciseError.invalidArgument(let what) {
            throw malformed(what)
        }
    }
}
