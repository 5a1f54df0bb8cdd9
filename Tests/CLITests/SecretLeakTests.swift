import CommsMapTestSupport
import Foundation
import Testing

/// No secret in any message (issue 8): the stderr and stdout of failing runs never contain a
/// passphrase or any piece of key material, however the key file is damaged.
@Suite("Secrets never appear in messages")
struct SecretLeakTests {
    /// Every run of 12 characters of `secret` (a long enough piece to identify key material
    /// but too short to occur by chance in a message).
    static func pieces(of secret: String) -> [String] {
        let characters = Array(secret)
        guard characters.count >= 12 else { return [secret] }
        return (0...(characters.count - 12)).map { String(characters[$0..<($0 + 12)]) }
    }

    static func expectNoLeak(_ result: ProcessResult, of secrets: [String], _ context: String) {
        let output = result.stderrText + result.stdoutText
        for secret in secrets {
            let leaked = pieces(of: secret).first { output.contains($0) }
            #expect(leaked == nil, "\(context): the output shows secret material '\(leaked ?? "")': \(output)")
        }
    }

    /// Damaged copies of a key line: a character changed at several places, and the line cut.
    static func damaged(_ line: String) -> [String] {
        let characters = Array(line)
        var copies: [String] = []
        for position in [characters.count / 4, characters.count / 2, characters.count - 3] {
            var copy = characters
            copy[position] = copy[position] == "q" ? "p" : "q"
            copies.append(String(copy))
        }
        copies.append(String(characters.dropLast(7)))
        copies.append(line + "qq")
        return copies
    }

    @Test("a damaged age identity is refused without quoting it")
    func damagedAgeIdentity() throws {
        try #require(AgeCLI.haveAge)
        let directory = try TemporaryDirectory(prefix: "leak-age")
        let key = try AgeCLI.keygen(in: directory, name: "key.txt")
        let secretLine = try #require(
            try String(contentsOf: key.identityFile, encoding: .utf8).split(separator: "\n")
                .first { $0.hasPrefix("AGE-SECRET-KEY-") })
        let plaintext = directory.path("plain.txt")
        try Data("secret-free text\n".utf8).write(to: plaintext)
        let sealed = try AgeCLI.commsmap(["encrypt", "-r", key.recipient, "-o", directory.path("in.age").path, plaintext.path])
        try #require(sealed.status == 0)
        for (index, copy) in Self.damaged(String(secretLine)).enumerated() {
            let file = try directory.write("bad-\(index).txt", "# created: now\n\(copy)\n")
            try AgeCLI.setMode(0o600, file)
            let result = try AgeCLI.commsmap(["decrypt", "-i", file.path, directory.path("in.age").path])
            #expect(result.status != 0)
            Self.expectNoLeak(result, of: [String(secretLine.dropFirst(15)), String(copy.dropFirst(15))], "copy \(index)")
        }
    }

    @Test("a damaged team identity is refused by sign and decrypt without quoting it")
    func damagedTeamIdentity() throws {
        let work = try TeamKeyWorkspace("leak-team")
        try work.keygen("team")
        let contents = try work.text("team.key")
        let secretLines = contents.split(separator: "\n").map(String.init).filter {
            $0.hasPrefix("# minisign secret key: ") || $0.hasPrefix("AGE-SECRET-KEY-")
        }
        try #require(secretLines.count == 2, "the two secret lines of \(contents)")
        try #require(!secretLines.isEmpty, "no key line in \(contents)")
        let secrets = secretLines.map { line in String(line.split(separator: " ").last ?? Substring(line)) }
        var runs = 0
        for (lineIndex, line) in secretLines.enumerated() {
            for (index, copy) in Self.damaged(line).enumerated() {
                let name = "bad-\(lineIndex)-\(index).key"
                try work.directory.write(name, contents.replacingOccurrences(of: line, with: copy))
                chmod(work.path(name), 0o600)
                for arguments in [
                    ["sign", "-s", work.path(name), work.path("message.txt")],
                    ["decrypt", "-i", work.path(name), work.path("message.txt")],
                ] {
                    let result = try work.commsmap(arguments)
                    runs += 1
                    let damagedSecret = String(copy.split(separator: " ").last ?? Substring(copy))
                    Self.expectNoLeak(result, of: secrets + [damagedSecret], "\(arguments[0]) with \(name)")
                }
            }
        }
        #expect(runs > 0)
    }

    @Test("a damaged minisign secret key is refused without quoting it")
    func damagedMinisignKey() throws {
        let minisign = try #require(ProcessRunner.which("minisign"))
        let directory = try TemporaryDirectory(prefix: "leak-minisign")
        let made = try ProcessRunner.run(
            minisign, ["-G", "-W", "-p", directory.path("key.pub").path, "-s", directory.path("key.sec").path])
        try #require(made.status == 0, "\(made.stderrText)")
        let contents = try String(contentsOf: directory.path("key.sec"), encoding: .utf8)
        let secretLine = try #require(contents.split(separator: "\n").last.map(String.init))
        try directory.write("data.txt", "data\n")
        for (index, copy) in Self.damaged(secretLine).enumerated() {
            let file = try directory.write("bad-\(index).sec", contents.replacingOccurrences(of: secretLine, with: copy))
            try AgeCLI.setMode(0o600, file)
            let result = try AgeCLI.commsmap([
                "sign", "-s", file.path, "-x", directory.path("data-\(index).minisig").path,
                directory.path("data.txt").path,
            ])
            Self.expectNoLeak(result, of: [secretLine, copy], "copy \(index)")
        }
    }

    @Test("wrong passphrases are refused without repeating either passphrase")
    func wrongPassphrases() throws {
        // Passphrases unlike any word a message uses, so that a piece found is a leak.
        let right = "Quokka-Zephyr-7731-xylophone"
        let wrong = "Marmot-Vexillum-4420-quince"
        let work = try TeamKeyWorkspace("leak-passphrase")
        try work.directory.write("pass", right + "\n")
        try work.directory.write("wrong-pass", wrong + "\n")
        try work.keygen("team", encrypted: true)
        let secrets = [right, wrong]
        let runs = [
            ["sign", "-s", work.path("team.key"), "--passphrase-file", work.path("wrong-pass"), work.path("message.txt")],
            ["decrypt", "-i", work.path("team.key"), "--passphrase-file", work.path("wrong-pass"), work.path("message.txt")],
        ]
        for arguments in runs {
            let result = try work.commsmap(arguments)
            #expect(result.status != 0)
            Self.expectNoLeak(result, of: secrets, arguments[0])
        }
        // A file encrypted with a passphrase, opened with the wrong one.
        let sealed = try work.commsmap([
            "encrypt", "-p", "--passphrase-file", work.path("pass"), "-o", work.path("m.age"), work.path("message.txt"),
        ])
        try #require(sealed.status == 0, "\(sealed.stderrText)")
        let opened = try work.commsmap(["decrypt", "--passphrase-file", work.path("wrong-pass"), work.path("m.age")])
        #expect(opened.status != 0)
        Self.expectNoLeak(opened, of: secrets, "decrypt --passphrase-file")
    }

    @Test("exercise send and open refuse a team identity that group or others can read", arguments: [0o640, 0o604])
    func exerciseIdentityMode(mode: Int) throws {
        let workspace = try ExerciseWorkspace(teams: ["cert-de", "cert-fr"])
        let sent = try workspace.send(from: "cert-de", to: ["cert-fr"], at: "2026-10-06T09:00:00Z", output: "m.age")
        try #require(sent.status == 0, "\(sent.stderrText)")
        for team in ["cert-de", "cert-fr"] { chmod(workspace.path("\(team).key"), mode_t(mode)) }
        let refusedSend = try workspace.send(
            from: "cert-de", to: ["cert-fr"], at: "2026-10-06T09:01:00Z", output: "m2.age")
        let refusedOpen = try workspace.open("m.age", as: "cert-fr", at: "2026-10-06T09:05:00Z", receipt: "r.age")
        for result in [refusedSend, refusedOpen] {
            #expect(result.status == 2)
            #expect(result.stderrText.contains("is readable by group or others"), "\(result.stderrText)")
            #expect(result.stdout.isEmpty)
        }
        #expect(!workspace.exists("m2.age") && !workspace.exists("r.age") && !workspace.exists("cert-fr.jsonl"))
    }
}
