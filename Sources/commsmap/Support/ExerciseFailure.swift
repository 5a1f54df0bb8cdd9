import ArgumentParser
import ExerciseKit
import Foundation

/// How the exercise commands report a failure: the file it is about, the message, the
/// stable code, a hint for the usual causes, and the exit code of DESIGN §8 (1 for a failed
/// check, 2 when the check could not be made, 64 for an impossible request).
enum ExerciseFailure {
    static func report(_ error: any Error, file: String? = nil) -> ExitCode {
        switch error {
        case let error as ExerciseError:
            let location = file.map { "\($0): " } ?? ""
            Terminal.error("\(location)\(error) [\(error.code)]")
            if let hint = hint(for: error) { Terminal.hint(hint) }
            if case .journalDamaged(let findings) = error {
                for finding in findings.dropFirst().prefix(20) { Terminal.write("  \(finding)\n") }
            }
            if case .invalidArgument = error { return Exit.usage }
            return error.isNegativeVerdict ? Exit.negative : Exit.couldNotRun
        case let error as TeamKeyError:
            return TeamKeyFailure.commandFailure(error, file: file ?? "the key file").report()
        case let code as ExitCode:
            return code
        default:
            return MinisignFailure.report(error, file: file)
        }
    }

    static func hint(for error: ExerciseError) -> String? {
        switch error {
        case .notAddressed:
            return "check that the message is meant for this team and that --identity is this team's identity"
        case .tampered:
            return "the text was changed on the way (or forged); ask the sender to send it again"
        case .signerNotOnRoster:
            return "use the latest roster from exercise control; a team that is not on it cannot take part"
        case .wrongExercise:
            return "give the roster of the exercise the message belongs to"
        case .replayed:
            return "this message was opened before; its receipt was written then"
        case .stale:
            return "ask the sender for a fresh message, or allow older ones with --max-age"
        case .futureDated:
            return "check this computer's clock (and the sender's), or allow more difference with --clock-skew"
        case .outsideWindow:
            return "the roster's exercise window does not cover the message's time; check the roster and the clocks"
        case .rosterSignatureInvalid, .malformedRoster:
            return "get the roster again from exercise control"
        case .controlKeyChanged:
            return
                "if control really has a new key, confirm it with control out of band and give it with --control-key; otherwise this roster is forged"
        case .journalDamaged:
            return
                "run commsmap exercise journal verify; keep this journal as evidence and start a new one with --journal"
        case .identityNotOnRoster:
            return "use the identity whose card control put on the roster (compare the fingerprints)"
        default:
            return nil
        }
    }
}
