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

    /// A file to check, read only when its turn comes, on the thread that checks it, so
    /// that reading overlaps with the cryptography of other files. The executable supplies
    /// `load`; the Kit never opens files itself.
    public struct Source: Sendable {
        public let name: String
        public let load: @Sendable () throws -> [UInt8]

        public init(name: String, load: @escaping @Sendable () throws -> [UInt8]) {
            self.name = name
            self.load = load
        }

        /// A source already in memory.
        public init(name: String, contents: [UInt8]) {
            self.init(name: name, load: { contents })
        }
    }

    /// Checks every file, in parallel; the results are in the order of `files`. Rethrows the
    /// first `load` failure (in file order): a file that cannot be read is not a verdict.
    public func audit(_ sources: [Source]) throws -> [AuditedFile] {
        var results = [Result<AuditedFile, any Error>?](repeating: nil, count: sources.count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: sources.count) { index in
                // Each iteration writes only its own slot.
                slots[index] = Result { audit(try sources[index].load(), file: sources[index].name) }
            }
        }
        return try results.enumerated().map { index, result in
            try result?.get()
                ?? AuditedFile(file: sources[index].name, content: .failure(.crypto("not checked"), channel: nil))
        }
    }

    /// Checks files already in memory.
    public func audit(_ files: [(name: String, contents: [UInt8])]) -> [AuditedFile] {
        // In-memory sources cannot fail to load.
        (try? audit(files.map { Source(name: $0.name, contents: $0.contents) })) ?? []
    }

    /// Audits `sources` and builds the report.
    public func report(_ sources: [Source], clockSkew: TimeSpan = Freshness.defaultClockSkew) throws -> ExerciseReport {
        ReportBuilder.build(window, files: try audit(sources), clockSkew: clockSkew)
    }

    /// Audits files already in memory and builds the report.
    public func report(_ files: [(name: String, contents: [UInt8])], clockSkew: TimeSpan = Freshness.defaultClockSkew)
        -> ExerciseReport
    {
        ReportBuilder.build(window, files: audit(files), clockSkew: clockSkew)
    }

    private var window: ReportBuilder.Window {
        ReportBuilder.Window(
            exercise: roster.exercise, from: roster.from, until: roster.until, control: roster.control.team.rawValue)
    }
}
