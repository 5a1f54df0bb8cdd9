import Foundation

/// Control's side of the report: decrypts and verifies every message and receipt it was
/// copied on, on every core.
///
/// Each file costs one X25519 unwrap (control's stanza comes first) and two Ed25519
/// verifications (the signature and the global signature over the trusted comment), and
/// files are independent, so they are spread over the cores with `concurrentPerform`.
public struct ExerciseAuditor: Sendable {
    public let roster: Roster
    public let control: TeamIdentity

    /// `control` must hold the roster's control card.
    public init(roster: Roster, control: TeamIdentity) throws {
        guard control.card == roster.control else {
            throw ExerciseError.identityNotOnRoster(
                "the identity of '\(control.team)' is not the control card of the roster ('\(roster.control.team)', \(roster.control.fingerprint))"
            )
        }
        self.roster = roster
        self.control = control
    }

    /// Checks one file's contents.
    public func audit(_ contents: [UInt8], file: String) -> AuditedFile {
        do {
            let binary = try PastedCiphertext.binary(from: contents)
            let content = try Sealing.unseal(
                binary, identity: control.ageIdentity, team: control.team.rawValue, roster: roster)
            switch content {
            case .message(let message):
                return AuditedFile(file: file, content: .message(message, ciphertextSHA256: Hex.sha256(binary)))
            case .receipt(let receipt):
                return AuditedFile(file: file, content: .receipt(receipt))
            }
        } catch let error as ExerciseError {
            return AuditedFile(file: file, content: .failure(error, channel: nil))
        } catch {
            return AuditedFile(file: file, content: .failure(.crypto("\(error)"), channel: nil))
        }
    }

    /// Checks every file, in parallel; the results are in the order of `files`.
    public func audit(_ files: [(name: String, contents: [UInt8])]) -> [AuditedFile] {
        var results = [AuditedFile?](repeating: nil, count: files.count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: files.count) { index in
                // Each iteration writes only its own slot.
                slots[index] = audit(files[index].contents, file: files[index].name)
            }
        }
        return results.enumerated().map { index, result in
            result ?? AuditedFile(file: files[index].name, content: .failure(.crypto("not checked"), channel: nil))
        }
    }

    /// Audits `files` and builds the report.
    public func report(_ files: [(name: String, contents: [UInt8])], clockSkew: TimeSpan = Freshness.defaultClockSkew)
        -> ExerciseReport
    {
        ReportBuilder.build(
            ReportBuilder.Window(
                exercise: roster.exercise, from: roster.from, until: roster.until,
                control: roster.control.team.rawValue),
            files: audit(files), clockSkew: clockSkew)
    }
}
