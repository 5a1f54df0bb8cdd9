/// Everything that can go wrong in an exercise, as values: one case per check, each with a
/// stable code, so that the executable can print a message a person can act on and a test
/// can tell the failures apart.
///
/// `isNegativeVerdict` separates "this message, receipt, roster or journal is bad" (exit 1)
/// from "the check could not be run" (exit 2), as DESIGN §8 asks.
public enum ExerciseError: Error, Sendable, Equatable, CustomStringConvertible {
    // MARK: Verdicts about a message or receipt

    /// The input is not an armored or binary age file, or its plaintext is not a commsmap
    /// message or receipt.
    case malformed(String)
    /// None of this team's keys opens the file, or the signed recipient list does not name
    /// this team (a message forwarded from someone else's copy).
    case notAddressed(team: String, reason: String)
    /// Authentication failed: the age payload or header was modified, or the minisign
    /// signature does not verify.
    case tampered(String)
    /// The signed sender (or the key that signed) is not on the roster.
    case signerNotOnRoster(String)
    /// The message or receipt belongs to another exercise than the roster.
    case wrongExercise(found: String, expected: String)
    /// The message id is already in the journal: the same message was opened before.
    case replayed(id: String, firstOpenedAt: String?)
    /// The message is older than the tolerated age.
    case stale(sent: Timestamp, now: Timestamp, maximumAge: TimeSpan)
    /// The message is dated further in the future than the clock skew allows.
    case futureDated(sent: Timestamp, now: Timestamp, clockSkew: TimeSpan)
    /// The message is dated outside the exercise window of the roster.
    case outsideWindow(sent: Timestamp, from: Timestamp, until: Timestamp)
    /// A receipt does not match a message control saw sent (unknown id, other recipient,
    /// channel or sender, or a different ciphertext).
    case receiptMismatch(String)

    // MARK: Verdicts about a roster or journal

    /// The roster's signature block is missing or malformed, or its signature does not
    /// verify with control's key.
    case rosterSignatureInvalid(String)
    /// The roster is signed by another control key than the one pinned in the journal.
    case controlKeyChanged(pinned: String, found: String)
    /// The roster's contents are not a valid v1 roster.
    case malformedRoster(String)
    /// The journal fails verification; the findings say where.
    case journalDamaged([JournalFinding])

    // MARK: Could not run

    /// The team identity given does not match its card on the roster (or is not on it).
    case identityNotOnRoster(String)
    /// An argument cannot be used (unknown recipient, bad channel id, subject with control
    /// characters, body too long).
    case invalidArgument(String)
    /// A card cannot be used.
    case invalidCard(String)
    /// The journal file cannot be opened, locked, read or written.
    case journalUnavailable(path: String, reason: String)
    /// A key or libsodium operation failed locally (out of secure memory, unusable key).
    case crypto(String)

    /// A stable identifier for scripts and tests.
    public var code: String {
        switch self {
        case .malformed: return "exercise.malformed"
        case .notAddressed: return "exercise.not-addressed"
        case .tampered: return "exercise.tampered"
        case .signerNotOnRoster: return "exercise.unknown-signer"
        case .wrongExercise: return "exercise.wrong-exercise"
        case .replayed: return "exercise.replayed"
        case .stale: return "exercise.stale"
        case .futureDated: return "exercise.future-dated"
        case .outsideWindow: return "exercise.outside-window"
        case .receiptMismatch: return "exercise.receipt-mismatch"
        case .rosterSignatureInvalid: return "exercise.roster-signature"
        case .controlKeyChanged: return "exercise.control-key-changed"
        case .malformedRoster: return "exercise.malformed-roster"
        case .journalDamaged: return "exercise.journal-damaged"
        case .identityNotOnRoster: return "exercise.identity-not-on-roster"
        case .invalidArgument: return "exercise.invalid-argument"
        case .invalidCard: return "exercise.invalid-card"
        case .journalUnavailable: return "exercise.journal-unavailable"
        case .crypto: return "exercise.crypto"
        }
    }

    /// Whether this is a verdict (exit 1) rather than a failure to run the check (exit 2).
    public var isNegativeVerdict: Bool {
        switch self {
        case .malformed, .notAddressed, .tampered, .signerNotOnRoster, .wrongExercise, .replayed, .stale,
            .futureDated, .outsideWindow, .receiptMismatch, .rosterSignatureInvalid, .controlKeyChanged,
            .malformedRoster, .journalDamaged:
            return true
        case .identityNotOnRoster, .invalidArgument, .invalidCard, .journalUnavailable, .crypto:
            return false
        }
    }

    public var description: String {
        switch self {
        case .malformed(let what):
            return "malformed message: \(what)"
        case .notAddressed(let team, let reason):
            return "not addressed to this team (\(team)): \(reason)"
        case .tampered(let what):
            return "tampered: authentication failed: \(what)"
        case .signerNotOnRoster(let what):
            return "signer not on the roster: \(what)"
        case .wrongExercise(let found, let expected):
            return "wrong exercise: the message belongs to exercise '\(found)', the roster is for '\(expected)'"
        case .replayed(let id, let first):
            let when = first.map { " at \($0)" } ?? ""
            return "replayed message: \(id) was already opened\(when) (it is in the journal)"
        case .stale(let sent, let now, let maximumAge):
            return
                "stale message: sent \(sent), \(TimeSpan(seconds: now.seconds - sent.seconds)) ago, more than the tolerated \(maximumAge)"
        case .futureDated(let sent, let now, let clockSkew):
            return
                "future-dated message: sent \(sent), \(TimeSpan(seconds: sent.seconds - now.seconds)) ahead of this clock (\(now)), more than the tolerated skew of \(clockSkew)"
        case .outsideWindow(let sent, let from, let until):
            return "message dated outside the exercise: sent \(sent), the roster runs from \(from) until \(until)"
        case .receiptMismatch(let what):
            return "receipt does not match a sent message: \(what)"
        case .rosterSignatureInvalid(let what):
            return "roster signature invalid: \(what)"
        case .controlKeyChanged(let pinned, let found):
            return
                "the roster is signed by control key \(found), but the journal pinned control key \(pinned) on first use"
        case .malformedRoster(let what):
            return "malformed roster: \(what)"
        case .journalDamaged(let findings):
            let first = findings.first.map { ": \($0)" } ?? ""
            let more = findings.count > 1 ? " (and \(findings.count - 1) more)" : ""
            return "the journal fails verification\(first)\(more)"
        case .identityNotOnRoster(let what):
            return "identity not on the roster: \(what)"
        case .invalidArgument(let what):
            return what
        case .invalidCard(let what):
            return "invalid card: \(what)"
        case .journalUnavailable(let path, let reason):
            return "cannot use the journal \(path): \(reason)"
        case .crypto(let what):
            return "cryptographic operation failed: \(what)"
        }
    }
}
