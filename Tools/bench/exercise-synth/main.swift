// commsmap-exercise-synth: a synthetic exercise for the `exercise report` benchmark
// (Tools/bench/exercise.sh), made with the library instead of thousands of `exercise send`
// and `exercise open` processes.
//
//   commsmap-exercise-synth --messages N [--teams T] -o DIR
//
// DIR gets control.key (control's team identity, no passphrase, 0600), roster.yaml (signed by
// control) and inbox/ with N messages and their N receipts, as control would have been copied
// on them: message i goes from team i mod T to team i + 1 mod T over one of four channels,
// and the recipient opens it (decrypting and verifying it as `exercise open` does) and
// writes its receipt. Teams are cert-000, cert-001, …; the ids of messages are random.
import AgeFormat
import Dispatch
import ExerciseKit
import Foundation

struct Failure: Error, CustomStringConvertible {
    let description: String
}

func arguments() throws -> (messages: Int, teams: Int, output: String) {
    var messages: Int?
    var teams = 20
    var output: String?
    var list = Array(CommandLine.arguments.dropFirst())
    while !list.isEmpty {
        let name = list.removeFirst()
        guard let value = list.first else { throw Failure(description: "\(name) needs a value") }
        list.removeFirst()
        switch name {
        case "--messages": messages = Int(value)
        case "--teams": teams = Int(value) ?? 0
        case "-o": output = value
        default: throw Failure(description: "unknown option \(name)")
        }
    }
    guard let messages, messages > 0, teams >= 2, let output else {
        throw Failure(description: "usage: commsmap-exercise-synth --messages N [--teams T] -o DIR")
    }
    return (messages, teams, output)
}

func write(_ bytes: some Collection<UInt8>, to path: String, mode: Int = 0o644) throws {
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: mode])
    else { throw Failure(description: "cannot write \(path)") }
}

func run() throws {
    let (count, teamCount, output) = try arguments()
    let inbox = URL(fileURLWithPath: output).appendingPathComponent("inbox").path
    try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)

    let control = try TeamIdentity.generate(team: try TeamID("exercise-control"))
    let teams = try (0..<teamCount).map { try TeamIdentity.generate(team: try TeamID(String(format: "cert-%03d", $0))) }
    let from = Timestamp(seconds: 1_790_000_000)
    let roster = try Roster(
        exercise: "bench-exercise", from: from, until: from + .days(2), control: control.card, teams: teams.map(\.card))
    try write(try control.fileContents(passphrase: nil).withUnsafeBytes { Array($0) }, to: output + "/control.key", mode: 0o600)
    try write(try roster.signed(by: control).fileContents, to: output + "/roster.yaml")

    let channels = ["email-smime", "matrix", "signal", "threema"]
    let digits = String(count - 1).count
    let failures = FailureList()
    DispatchQueue.concurrentPerform(iterations: count) { index in
        do {
            let sender = teams[index % teamCount]
            let recipient = teams[(index + 1) % teamCount]
            let sent = from + TimeSpan(seconds: Int64(index))
            let body = Array("Synthetic inject \(index) from \(sender.team) to \(recipient.team).\n".utf8)
            let (_, sealed) = try MessageSender.seal(
                body: body, subject: "Inject \(index)", to: [recipient.team.rawValue],
                channel: channels[index % channels.count], roster: roster, sender: sender, now: sent)
            let received = sent + TimeSpan(seconds: Int64(60 + index % 240))
            let opened = try MessageOpener.open(
                sealed.armored, roster: roster, identity: recipient, now: received, freshness: Freshness())
            let (_, receipt) = try ReceiptWriter.seal(for: opened, receiver: recipient, roster: roster, now: received)
            let number = String(repeating: "0", count: digits - String(index).count) + String(index)
            try write(sealed.armored, to: "\(inbox)/message-\(number).asc")
            try write(receipt.armored, to: "\(inbox)/receipt-\(number).asc")
        } catch {
            failures.append("message \(index): \(error)")
        }
    }
    if let first = failures.first { throw Failure(description: first) }
}

/// The first failure of the parallel loop, if any.
final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    func append(_ message: String) { lock.withLock { messages.append(message) } }
    var first: String? { lock.withLock { messages.first } }
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("commsmap-exercise-synth: \(error)\n".utf8))
    exit(2)
}
