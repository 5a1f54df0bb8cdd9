import CommsMapTestSupport
import Foundation
import Testing

@testable import ExerciseKit

/// Control and five teams of one network, with a signed roster and a journal per team: the
/// cast of the exercise tests.
final class ExerciseFixture: @unchecked Sendable {
    static let exercise = "blue-olex-2026"
    static let teamIDs = ["cert-de", "cert-es", "cert-eu", "cert-fr", "cert-it"]
    static let from = time("2026-10-06T00:00:00Z")
    static let until = time("2026-10-08T23:59:59Z")
    /// A moment inside the window, when the tests' messages are sent.
    static let morning = time("2026-10-07T09:00:00Z")

    let control: TeamIdentity
    /// Sorted by team id.
    let teams: [TeamIdentity]
    let signedRoster: SignedRoster
    let directory: TemporaryDirectory

    var roster: Roster { signedRoster.roster }
    var rosterFile: [UInt8] { signedRoster.fileContents }

    init(exercise: String = ExerciseFixture.exercise, teamIDs: [String] = ExerciseFixture.teamIDs) throws {
        control = try TeamIdentity.generate(team: TeamID("exercise-control"), name: "Exercise control")
        teams = try teamIDs.sorted().map {
            try TeamIdentity.generate(team: TeamID($0), name: $0.uppercased(), network: NetworkID("csirts-network"))
        }
        let roster = try Roster(
            exercise: exercise, from: Self.from, until: Self.until, control: control.card, teams: teams.map(\.card))
        signedRoster = try roster.signed(by: control)
        directory = try TemporaryDirectory(prefix: "exercise-kit")
    }

    /// The same cast under another roster (another exercise id or window), signed by the same
    /// control.
    func roster(exercise: String, from: Timestamp = ExerciseFixture.from, until: Timestamp = ExerciseFixture.until)
        throws -> SignedRoster
    {
        try Roster(exercise: exercise, from: from, until: until, control: control.card, teams: teams.map(\.card))
            .signed(by: control)
    }

    static func time(_ text: String) -> Timestamp {
        guard let time = Timestamp(rfc3339: text) else { fatalError("bad test time \(text)") }
        return time
    }

    func team(_ id: String) -> TeamIdentity {
        guard let team = teams.first(where: { $0.team.rawValue == id }) else { fatalError("no team \(id)") }
        return team
    }

    func journal(_ id: String) -> JournalFile {
        JournalFile(path: directory.path("\(id).jsonl").path)
    }

    func send(
        from sender: String, to recipients: [String], channel: String = "misp", at time: Timestamp = morning,
        body: String = "drill message", roster: Roster? = nil
    ) throws -> (message: ExerciseMessage, sealed: SealedFile) {
        try MessageSender.seal(
            body: Array(body.utf8), subject: "Drill", to: recipients, channel: channel, roster: roster ?? self.roster,
            sender: team(sender), now: time)
    }

    /// Opens `input` as `team` with its journal; the receipt is kept in memory.
    func open(
        _ input: [UInt8], as team: String, at time: Timestamp, rosterFile: [UInt8]? = nil,
        controlKey: SignedRoster? = nil, freshness: Freshness = Freshness()
    ) throws -> (outcome: MessageReception.Outcome, receipt: SealedFile) {
        let reception = MessageReception(
            journal: journal(team), identity: self.team(team), controlKey: controlKey?.signingKey,
            freshness: freshness)
        var written: SealedFile?
        let outcome = try reception.open(input, rosterFile: rosterFile ?? self.rosterFile, now: time) { _, sealed in
            written = sealed
            return "memory"
        }
        return (outcome, try #require(written))
    }

    /// The error `body` throws, as an `ExerciseError`.
    static func error(_ body: () throws -> Void) -> ExerciseError? {
        do {
            try body()
            return nil
        } catch {
            return error as? ExerciseError
        }
    }
}
