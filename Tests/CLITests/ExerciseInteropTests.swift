import CommsMapTestSupport
import Foundation
import Testing

/// The documented manual checks (docs/exercise-protocol.md) with the real `age` and
/// `minisign`: a message from `exercise send` opened by `age -d -i TEAM.key`, its inner
/// signature checked by `minisign -V`, the roster's signature block checked by `minisign -V`,
/// and the receipt's ciphertext hash recomputed with standard tools.
@Suite(.enabled(if: ExerciseTools.available, "needs age and minisign"))
struct ExerciseInteropTests {
    static let age = ExerciseTools.age
    static let minisign = ExerciseTools.minisign

    func run(_ tool: URL?, _ arguments: [String], in workspace: ExerciseWorkspace) throws -> ProcessResult {
        try ProcessRunner.run(try #require(tool), arguments, currentDirectory: workspace.directory.url)
    }

    @Test func messageOpensWithAgeAndVerifiesWithMinisign() throws {
        let workspace = try ExerciseWorkspace()
        let body = "Exercise inject 7: confirm receipt\nsecond line\n"
        try #require(
            try workspace.send(
                from: "cert-de", to: ["cert-es", "cert-fr"], channel: "jitsi", at: "2026-10-07T09:00:00Z", body: body,
                output: "msg.asc"
            ).status == 0)

        // age -d -i team.key msg.asc > m   (every recipient, the sender and control can)
        for team in ["cert-es", "cert-fr", "cert-de", "exercise-control"] {
            let decrypted = try run(
                Self.age, ["-d", "-i", workspace.path("\(team).key"), workspace.path("msg.asc")], in: workspace)
            #expect(decrypted.status == 0, "\(team): \(decrypted.stderrText)")
        }
        let notForIt = try run(
            Self.age, ["-d", "-i", workspace.path("cert-it.key"), workspace.path("msg.asc")], in: workspace)
        #expect(notForIt.status != 0)

        let decrypted = try run(
            Self.age, ["-d", "-i", workspace.path("cert-es.key"), workspace.path("msg.asc")], in: workspace)
        let plaintext = decrypted.stdoutText
        let lines = plaintext.split(separator: "\n", omittingEmptySubsequences: false)
        // head -n 4 m > m.minisig; tail -n +5 m > m.txt
        try workspace.directory.write("m.minisig", lines.prefix(4).joined(separator: "\n") + "\n")
        try workspace.directory.write("m.txt", lines.dropFirst(4).joined(separator: "\n"))
        let signed = try workspace.text("m.txt")
        #expect(signed.hasPrefix("commsmap-message: 1\nexercise: blue-olex-2026\nid: "))
        #expect(signed.contains("\nfrom: cert-de\nto: cert-es, cert-fr\nchannel: jitsi\nsent: 2026-10-07T09:00:00Z\n"))
        #expect(signed.hasSuffix("subject: Drill\nbody-length: \(body.utf8.count)\n\n\(body)"))

        // minisign -Vm m.txt -x m.minisig -P <sender key from the roster>
        let senderKey = try workspace.cardValue("minisign_public_key", of: "cert-de")
        let verified = try run(
            Self.minisign, ["-Vm", workspace.path("m.txt"), "-x", workspace.path("m.minisig"), "-P", senderKey],
            in: workspace)
        #expect(verified.status == 0, "\(verified.stderrText)")
        #expect(verified.stdoutText.contains("Trusted comment: commsmap message v1 id="))

        // Another team's key does not verify it.
        let otherKey = try workspace.cardValue("minisign_public_key", of: "cert-fr")
        let wrong = try run(
            Self.minisign, ["-Vm", workspace.path("m.txt"), "-x", workspace.path("m.minisig"), "-P", otherKey],
            in: workspace)
        #expect(wrong.status != 0)
    }

    @Test func rosterVerifiesWithMinisign() throws {
        let workspace = try ExerciseWorkspace()
        let roster = try workspace.text("roster.yaml")
        // Cut the file at the BEGIN line; strip "# " from the four lines into a .minisig.
        let lines = roster.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let begin = try #require(lines.firstIndex(of: "# -----BEGIN COMMSMAP SIGNATURE-----"))
        try workspace.directory.write("roster.body", lines[..<begin].joined(separator: "\n") + "\n")
        try workspace.directory.write(
            "roster.minisig",
            lines[(begin + 1)...(begin + 4)].map { String($0.dropFirst(2)) }.joined(separator: "\n") + "\n")
        let controlKey = try workspace.cardValue("minisign_public_key", of: "exercise-control")
        let verified = try run(
            Self.minisign,
            ["-Vm", workspace.path("roster.body"), "-x", workspace.path("roster.minisig"), "-P", controlKey],
            in: workspace)
        #expect(verified.status == 0, "\(verified.stderrText)")
        #expect(verified.stdoutText.contains("Trusted comment: commsmap roster v1 exercise=blue-olex-2026"))
    }

    @Test func receiptOpensWithAgeAndNamesTheCiphertext() throws {
        let workspace = try ExerciseWorkspace()
        try #require(
            try workspace.send(from: "cert-de", to: ["cert-es"], at: "2026-10-07T09:00:00Z", output: "m.asc").status
                == 0)
        try #require(
            try workspace.open("m.asc", as: "cert-es", at: "2026-10-07T09:03:00Z", receipt: "r.asc").status == 0)
        for team in ["cert-de", "exercise-control"] {
            let opened = try run(
                Self.age, ["-d", "-i", workspace.path("\(team).key"), workspace.path("r.asc")], in: workspace)
            #expect(opened.status == 0)
            let text = opened.stdoutText.split(separator: "\n").dropFirst(4).joined(separator: "\n")
            #expect(text.hasPrefix("commsmap-receipt: 1\n"))
            #expect(text.contains("\nfrom: cert-es\nto: cert-de\nchannel: misp\nreceived: 2026-10-07T09:03:00Z\n"))
            // The hash is of the binary age file: the armor decoded with any base64 tool.
            let armored = try workspace.text("m.asc").split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
            let binary = try #require(Data(base64Encoded: armored))
            let digest = try ProcessRunner.run(
                try #require(ProcessRunner.which("sha256sum")), [], stdin: binary)
            let hex = String(digest.stdoutText.prefix(64))
            #expect(text.hasSuffix("ciphertext-sha256: \(hex)"))
        }
        // The receiving team itself cannot read its receipt: it goes to the sender and control.
        let notForIt = try run(
            Self.age, ["-d", "-i", workspace.path("cert-es.key"), workspace.path("r.asc")], in: workspace)
        #expect(notForIt.status != 0)
    }
}

/// The real tools the interop tests run.
enum ExerciseTools {
    static let age = ProcessRunner.which("age")
    static let minisign = ProcessRunner.which("minisign")
    static var available: Bool { age != nil && minisign != nil }
}
