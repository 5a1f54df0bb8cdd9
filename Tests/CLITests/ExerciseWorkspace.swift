import CommsMapTestSupport
import Foundation
import Testing

/// A directory holding control and five teams made with `commsmap keygen --no-passphrase`,
/// their cards, and a roster signed by control; runs `commsmap exercise …` inside it with a
/// fixed clock (`--now`), so that times and latencies are known.
struct ExerciseWorkspace {
    static let exercise = "blue-olex-2026"
    static let teams = ["cert-de", "cert-es", "cert-eu", "cert-fr", "cert-it"]
    static let control = "exercise-control"

    let directory: TemporaryDirectory

    init(exercise: String = ExerciseWorkspace.exercise, teams: [String] = ExerciseWorkspace.teams) throws {
        directory = try TemporaryDirectory(prefix: "exercise-cli")
        try FileManager.default.createDirectory(at: directory.path("cards"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: directory.path("inbox"), withIntermediateDirectories: true)
        for team in [Self.control] + teams {
            try keygen(team, cardDirectory: team == Self.control ? "." : "cards")
        }
        try roster(exercise: exercise, output: "roster.yaml")
    }

    func path(_ name: String) -> String { directory.path(name).path }

    @discardableResult
    func commsmap(_ arguments: [String], stdin: Data = Data()) throws -> ProcessResult {
        try ProcessRunner.run(TestPaths.commsmapBinary, arguments, stdin: stdin, currentDirectory: directory.url)
    }

    func keygen(_ team: String, cardDirectory: String = "cards") throws {
        let result = try commsmap([
            "keygen", "--team", team, "--name", team.uppercased(), "--network", "csirts-network", "-o",
            path("\(team).key"), "--card-out", path("\(cardDirectory)/\(team).card.yaml"), "--no-passphrase",
        ])
        try #require(result.status == 0, "keygen \(team): \(result.stderrText)")
    }

    func roster(exercise: String, output: String, signWith: String = ExerciseWorkspace.control) throws {
        let result = try commsmap([
            "exercise", "roster", "--exercise", exercise, "--from", "2026-10-06", "--until", "2026-10-08", "--cards",
            path("cards"), "--sign-with", path("\(signWith).key"), "-o", path(output),
        ])
        try #require(result.status == 0, "roster: \(result.stderrText)")
    }

    /// `exercise send`; the armored message goes to `output`.
    @discardableResult
    func send(
        from team: String, to recipients: [String], channel: String = "misp", at time: String,
        body: String = "drill message", output: String, roster: String = "roster.yaml", extra: [String] = []
    ) throws -> ProcessResult {
        try directory.write("body-\(team).txt", body)
        return try commsmap(
            [
                "exercise", "send", "--roster", path(roster), "--identity", path("\(team).key"), "--channel", channel,
                "--subject", "Drill", "--now", time, "-o", path(output), "--journal", path("\(team).jsonl"),
            ] + recipients.flatMap { ["--to", $0] } + extra + [path("body-\(team).txt")])
    }

    /// `exercise open` as `team`, with its own journal; the receipt goes to `receipt`.
    func open(
        _ message: String, as team: String, at time: String, receipt: String? = nil, roster: String = "roster.yaml",
        extra: [String] = []
    ) throws -> ProcessResult {
        var arguments = [
            "exercise", "open", "--roster", path(roster), "--identity", path("\(team).key"), "--journal",
            path("\(team).jsonl"), "--now", time,
        ]
        if let receipt { arguments += ["--receipt-out", path(receipt)] }
        return try commsmap(arguments + extra + [path(message)])
    }

    func text(_ name: String) throws -> String {
        try String(contentsOf: directory.path(name), encoding: .utf8)
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

    /// The value of `key:` in a card.
    func cardValue(_ key: String, of team: String) throws -> String {
        let card = team == Self.control ? "\(team).card.yaml" : "cards/\(team).card.yaml"
        let line = try text(card).split(separator: "\n").first { $0.hasPrefix("\(key): ") }
        return String(try #require(line).dropFirst(key.count + 2))
    }
}
