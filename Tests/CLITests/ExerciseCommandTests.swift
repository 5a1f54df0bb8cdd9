import CommsMapTestSupport
import Foundation
import Testing

/// `commsmap exercise …` end to end: a whole exercise, every failure with its own message
/// and exit code, damaged journals, and several `open` processes sharing one journal.
@Suite struct ExerciseCommandTests {
    static let sent = "2026-10-07T09:00:00Z"

    /// Control and five teams; every team sends one message to the next team on each of two
    /// channels, the recipient opens it 2 (misp) or 4 (jitsi) minutes later, and control
    /// reports on everything it was copied on.
    @Test func wholeExerciseThroughTheCommandLine() throws {
        let workspace = try ExerciseWorkspace()
        let teams = ExerciseWorkspace.teams
        for (i, team) in teams.enumerated() {
            for (channel, delay) in [("misp", 2), ("jitsi", 4)] {
                let recipient = teams[(i + 1) % teams.count]
                let name = "inbox/\(team)-\(channel).asc"
                let sent = try workspace.send(
                    from: team, to: [recipient], channel: channel, at: Self.sent, output: name)
                try #require(sent.status == 0, "\(sent.stderrText)")
                #expect(sent.stdout.isEmpty)
                let opened = try workspace.open(
                    name, as: recipient, at: "2026-10-07T09:0\(delay):00Z",
                    receipt: "inbox/receipt-\(team)-\(channel).asc")
                try #require(opened.status == 0, "\(opened.stderrText)")
                #expect(opened.stdoutText == "drill message")
                #expect(opened.stderrText.contains("verified message"))
            }
        }
        let report = try workspace.commsmap([
            "exercise", "report", "--roster", workspace.path("roster.yaml"), "--identity",
            workspace.path("exercise-control.key"), workspace.path("inbox"), "--evidence-out", workspace.path("."),
            "--title", "BlueOLEx 2026",
        ])
        #expect(report.status == 0, "\(report.stderrText)")
        #expect(report.stderr.isEmpty)
        let lines = report.stdoutText.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.contains("Files: 20 read, 10 messages and 10 receipts verified, 0 failed"))
        #expect(lines.contains("jitsi 5 5 100.0% 4.00 min 4.00 min -"))
        #expect(lines.contains("misp 5 5 100.0% 2.00 min 2.00 min -"))
        #expect(lines.contains("all 10 10 100.0% 3.00 min 4.00 min -"))
        #expect(lines.contains("cert-it → cert-de 2 2 100.0% 3.00 min 4.00 min -"))

        let evidence = try workspace.text("blue-olex-2026.yaml")
        #expect(evidence.contains("exercise: blue-olex-2026\ntitle: \"BlueOLEx 2026\"\nfrom: 2026-10-06\n"))
        #expect(
            evidence.contains(
                "  - tool: misp\n    last_tested: 2026-10-07\n    sent: 5\n    delivered: 5\n    delivery_rate: 1.0\n    median_latency_minutes: 2.0\n    p95_latency_minutes: 2.0\n"
            ))

        let json = try workspace.commsmap([
            "exercise", "report", "--roster", workspace.path("roster.yaml"), "--identity",
            workspace.path("exercise-control.key"), "--format", "json", workspace.path("inbox"),
        ])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any]
        let total = object?["total"] as? [String: Any]
        #expect(total?["sent"] as? Int == 10)
        #expect(total?["delivered"] as? Int == 10)
        #expect(total?["median_latency_minutes"] as? Double == 3.0)

        for team in teams {
            let verified = try workspace.commsmap([
                "exercise", "journal", "verify", "--journal", workspace.path("\(team).jsonl"),
            ])
            #expect(verified.status == 0)
            #expect(verified.stdoutText.contains("6 entries, hash chain intact, last hash "))
        }
    }

    /// What mail and chat do to text does not matter: CRLF, indentation, text around it.
    @Test func pastedMessagesOpen() throws {
        let workspace = try ExerciseWorkspace()
        try #require(try workspace.send(from: "cert-de", to: ["cert-es"], at: Self.sent, output: "m.asc").status == 0)
        let armored = try workspace.text("m.asc")
        let pasted =
            "Hello CERT-ES,\r\n\r\nplease confirm:\r\n\r\n"
            + armored.split(separator: "\n").map { "    \($0)  " }.joined(separator: "\r\n")
            + "\r\n\r\n-- \r\nCERT-DE duty desk\r\n"
        try workspace.directory.write("pasted.txt", pasted)
        let opened = try workspace.open("pasted.txt", as: "cert-es", at: "2026-10-07T09:01:00Z")
        #expect(opened.status == 0, "\(opened.stderrText)")
        #expect(opened.stdoutText == "drill message")

        // Stdin works as well, and the default receipt name is receipt-<id>.asc.
        try #require(try workspace.send(from: "cert-de", to: ["cert-es"], at: Self.sent, output: "m2.asc").status == 0)
        let viaStdin = try workspace.commsmap(
            [
                "exercise", "open", "--roster", workspace.path("roster.yaml"), "--identity",
                workspace.path("cert-es.key"),
                "--journal", workspace.path("cert-es.jsonl"), "--now", "2026-10-07T09:02:00Z", "-q",
            ], stdin: Data(try workspace.text("m2.asc").utf8))
        #expect(viaStdin.status == 0, "\(viaStdin.stderrText)")
        #expect(viaStdin.stderr.isEmpty)
        let receipts = try FileManager.default.contentsOfDirectory(atPath: workspace.directory.url.path)
            .filter { $0.hasPrefix("receipt-") && $0.hasSuffix(".asc") }
        #expect(receipts.count == 2)
        #expect(receipts.allSatisfy { $0.count == "receipt-".count + 32 + ".asc".count })
    }

    /// Runs `open` expecting exit 1 with `code` in the message, and checks that nothing was
    /// printed on stdout and no receipt written.
    func expectRefused(
        _ workspace: ExerciseWorkspace, _ message: String, as team: String = "cert-es",
        at time: String = "2026-10-07T09:01:00Z", roster: String = "roster.yaml", extra: [String] = [],
        code: String, _ phrase: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let result = try workspace.open(
            message, as: team, at: time, receipt: "refused-receipt.asc", roster: roster, extra: extra)
        #expect(result.status == 1, "\(code): \(result.stderrText)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
        #expect(result.stderrText.contains("[\(code)]"), "\(result.stderrText)", sourceLocation: sourceLocation)
        #expect(result.stderrText.contains(phrase), "\(result.stderrText)", sourceLocation: sourceLocation)
        #expect(!workspace.exists("refused-receipt.asc"), sourceLocation: sourceLocation)
    }

    @Test func everyRefusalHasItsOwnMessage() throws {
        let workspace = try ExerciseWorkspace()
        let send = { (name: String, from: String, to: String) in
            let result = try workspace.send(from: from, to: [to], at: Self.sent, output: name)
            try #require(result.status == 0, "\(result.stderrText)")
        }
        try send("for-fr.asc", "cert-de", "cert-fr")
        try expectRefused(
            workspace, "for-fr.asc", code: "exercise.not-addressed", "not addressed to this team (cert-es)")

        try send("for-es.asc", "cert-de", "cert-es")
        var tampered = try workspace.text("for-es.asc").split(separator: "\n").map(String.init)
        let line = tampered.count - 3
        let flipped = tampered[line].first == "A" ? "B" : "A"
        tampered[line] = flipped + tampered[line].dropFirst()
        try workspace.directory.write("tampered.asc", tampered.joined(separator: "\n") + "\n")
        try expectRefused(workspace, "tampered.asc", code: "exercise.tampered", "tampered: authentication failed")

        // A team that is not on this roster (it is on a wider one).
        try workspace.keygen("cert-xx", cardDirectory: "cards")
        try workspace.roster(exercise: ExerciseWorkspace.exercise, output: "wider.yaml")
        let outsider = try workspace.send(
            from: "cert-xx", to: ["cert-es"], at: Self.sent, output: "outsider.asc", roster: "wider.yaml",
            extra: ["--journal", workspace.path("xx-journal.jsonl")])
        try #require(outsider.status == 0, "\(outsider.stderrText)")
        try FileManager.default.removeItem(atPath: workspace.path("cards/cert-xx.card.yaml"))
        try expectRefused(workspace, "outsider.asc", code: "exercise.unknown-signer", "signer not on the roster")

        // Another exercise with the same teams.
        try workspace.roster(exercise: "cyber-europe-2026", output: "other.yaml")
        let foreign = try workspace.send(
            from: "cert-de", to: ["cert-es"], at: Self.sent, output: "foreign.asc", roster: "other.yaml")
        try #require(foreign.status == 0, "\(foreign.stderrText)")
        try expectRefused(
            workspace, "foreign.asc", code: "exercise.wrong-exercise", "belongs to exercise 'cyber-europe-2026'")

        // An edited roster.
        let edited = try workspace.text("roster.yaml").replacingOccurrences(of: "name: CERT-FR", with: "name: CERT-FX")
        try workspace.directory.write("edited.yaml", edited)
        try expectRefused(
            workspace, "for-es.asc", roster: "edited.yaml", code: "exercise.roster-signature",
            "roster signature invalid")

        // Stale and future-dated, then opened, then replayed.
        try expectRefused(
            workspace, "for-es.asc", at: "2026-10-08T09:00:01Z", code: "exercise.stale", "more than the tolerated 1d")
        try expectRefused(
            workspace, "for-es.asc", at: "2026-10-07T09:20:00Z", extra: ["--max-age", "15m"], code: "exercise.stale",
            "more than the tolerated 15m")
        try expectRefused(
            workspace, "for-es.asc", at: "2026-10-07T08:54:59Z", code: "exercise.future-dated", "future-dated message")
        try expectRefused(
            workspace, "for-es.asc", at: "2026-10-07T08:58:00Z", extra: ["--clock-skew", "1m"],
            code: "exercise.future-dated", "tolerated skew of 1m")
        let opened = try workspace.open("for-es.asc", as: "cert-es", at: "2026-10-07T09:01:00Z", receipt: "r.asc")
        try #require(opened.status == 0, "\(opened.stderrText)")
        try expectRefused(
            workspace, "for-es.asc", code: "exercise.replayed", "was already opened at 2026-10-07T09:01:00Z")

        // The journal has pinned control; a roster from another control key is refused.
        try workspace.keygen("other-control", cardDirectory: ".")
        try workspace.roster(exercise: ExerciseWorkspace.exercise, output: "hijacked.yaml", signWith: "other-control")
        try send("second.asc", "cert-de", "cert-es")
        try expectRefused(
            workspace, "second.asc", roster: "hijacked.yaml", code: "exercise.control-key-changed",
            "but the journal pinned control key")
        // Given explicitly, the new key is accepted (and pinned).
        let explicit = try workspace.open(
            "second.asc", as: "cert-es", at: "2026-10-07T09:02:00Z", receipt: "r2.asc", roster: "hijacked.yaml",
            extra: ["--control-key", workspace.path("other-control.card.yaml")])
        #expect(explicit.status == 0, "\(explicit.stderrText)")
        #expect(explicit.stderrText.contains("pinned control key"))
    }

    @Test func receiptThatMatchesNoMessageFailsTheReport() throws {
        let workspace = try ExerciseWorkspace()
        try #require(try workspace.send(from: "cert-de", to: ["cert-es"], at: Self.sent, output: "m1.asc").status == 0)
        try #require(try workspace.send(from: "cert-fr", to: ["cert-it"], at: Self.sent, output: "m2.asc").status == 0)
        try #require(
            try workspace.open("m1.asc", as: "cert-es", at: "2026-10-07T09:05:00Z", receipt: "r1.asc").status == 0)
        try #require(
            try workspace.open("m2.asc", as: "cert-it", at: "2026-10-07T09:05:00Z", receipt: "r2.asc").status == 0)
        // Control never got its copy of m2: its receipt matches no message.
        let report = try workspace.commsmap([
            "exercise", "report", "--roster", workspace.path("roster.yaml"), "--identity",
            workspace.path("exercise-control.key"), workspace.path("m1.asc"), workspace.path("r1.asc"),
            workspace.path("r2.asc"), "--evidence-out", workspace.path("evidence.yaml"),
        ])
        #expect(report.status == 1)
        #expect(report.stderrText.contains("1 check failed"))
        #expect(report.stdoutText.contains("r2.asc: receipt-mismatch: no message with id"))
        #expect(report.stdoutText.contains("misp        1          1  100.0%"))
        // The evidence rests on what verified.
        #expect(try workspace.text("evidence.yaml").contains("    delivered: 1\n"))
    }

    @Test func usageErrors() throws {
        let workspace = try ExerciseWorkspace()
        let noRecipient = try workspace.commsmap([
            "exercise", "send", "--roster", workspace.path("roster.yaml"), "--identity", workspace.path("cert-de.key"),
            "--channel", "misp", workspace.path("roster.yaml"),
        ])
        #expect(noRecipient.status == 64)
        let unknown = try workspace.send(from: "cert-de", to: ["cert-zz"], at: Self.sent, output: "x.asc")
        #expect(unknown.status == 64)
        #expect(unknown.stderrText.contains("'cert-zz' is not on the roster"))
        #expect(!workspace.exists("x.asc"))
        try #require(try workspace.send(from: "cert-de", to: ["cert-es"], at: Self.sent, output: "m.asc").status == 0)
        let badAge = try workspace.open("m.asc", as: "cert-es", at: Self.sent, extra: ["--max-age", "1 day"])
        #expect(badAge.status == 64)
        let missing = try workspace.open("nothing.asc", as: "cert-es", at: Self.sent)
        #expect(missing.status == 2)
        let card = try workspace.commsmap([
            "exercise", "open", "--roster", workspace.path("roster.yaml"), "--identity",
            workspace.path("cards/cert-es.card.yaml"), workspace.path("m.asc"),
        ])
        #expect(card.status == 2)
        #expect(card.stderrText.contains("is a team card"))
    }

    @Test func passphraseProtectedIdentity() throws {
        let workspace = try ExerciseWorkspace(teams: ["cert-de"])
        try workspace.directory.write("pass", "team passphrase\n")
        let keygen = try workspace.commsmap([
            "keygen", "--team", "cert-es", "-o", workspace.path("cert-es.key"), "--card-out",
            workspace.path("cards/cert-es.card.yaml"), "--passphrase-file", workspace.path("pass"),
        ])
        try #require(keygen.status == 0, "\(keygen.stderrText)")
        try workspace.roster(exercise: ExerciseWorkspace.exercise, output: "roster.yaml")
        try #require(try workspace.send(from: "cert-de", to: ["cert-es"], at: Self.sent, output: "m.asc").status == 0)
        let opened = try workspace.open(
            "m.asc", as: "cert-es", at: "2026-10-07T09:01:00Z", extra: ["--passphrase-file", workspace.path("pass")])
        #expect(opened.status == 0, "\(opened.stderrText)")
        try workspace.directory.write("wrong", "wrong passphrase\n")
        let wrong = try workspace.open(
            "m.asc", as: "cert-es", at: "2026-10-07T09:01:00Z", extra: ["--passphrase-file", workspace.path("wrong")])
        #expect(wrong.status == 2)
        #expect(wrong.stderrText.contains("wrong passphrase"))
    }

    /// `journal verify` finds an edited, a dropped and a reordered entry, with line numbers.
    @Test func journalVerifyFindsDamage() throws {
        let workspace = try ExerciseWorkspace()
        for n in 0..<3 {
            let name = "m\(n).asc"
            try #require(try workspace.send(from: "cert-de", to: ["cert-es"], at: Self.sent, output: name).status == 0)
            try #require(try workspace.open(name, as: "cert-es", at: "2026-10-07T09:0\(n + 1):00Z").status == 0)
        }
        let journal = workspace.path("cert-es.jsonl")
        let original = try workspace.text("cert-es.jsonl").split(separator: "\n").map(String.init)
        #expect(original.count == 8)
        let verify = { try workspace.commsmap(["exercise", "journal", "verify", "--journal", journal]) }
        #expect(try verify().status == 0)

        let damages: [(String, [String], String)] = [
            (
                "edited",
                original.enumerated().map { $0 == 4 ? $1.replacingOccurrences(of: "misp", with: "mail") : $1 },
                ":5: error: edited"
            ),
            ("dropped", original.enumerated().filter { $0.offset != 3 }.map(\.element), ":4: error: dropped"),
            (
                "reordered",
                {
                    var l = original
                    l.swapAt(5, 6)
                    return l
                }(), ":7: error: reordered"
            ),
        ]
        for (name, lines, expected) in damages {
            try workspace.directory.write("cert-es.jsonl", lines.joined(separator: "\n") + "\n")
            let result = try verify()
            #expect(result.status == 1, "\(name)")
            #expect(result.stderrText.contains(journal + expected), "\(name): \(result.stderrText)")
            #expect(result.stdout.isEmpty)
            // open refuses to extend a damaged journal.
            try #require(
                try workspace.send(from: "cert-de", to: ["cert-es"], at: Self.sent, output: "n.asc").status == 0)
            let refused = try workspace.open("n.asc", as: "cert-es", at: "2026-10-07T09:09:00Z")
            #expect(refused.status == 1)
            #expect(refused.stderrText.contains("[exercise.journal-damaged]"))
        }
    }

    /// Eight `exercise open` processes on one journal at once, five on distinct messages and
    /// three on the same one: every distinct message is recorded once, the copy is opened
    /// by exactly one process, and the chain is intact.
    @Test func concurrentOpensShareOneJournal() throws {
        let workspace = try ExerciseWorkspace()
        for n in 0..<6 {
            try #require(
                try workspace.send(from: "cert-de", to: ["cert-es"], at: Self.sent, output: "c\(n).asc").status == 0)
        }
        let messages = ["c0.asc", "c1.asc", "c2.asc", "c3.asc", "c4.asc", "c5.asc", "c5.asc", "c5.asc"]
        nonisolated(unsafe) var statuses = [Int32](repeating: -1, count: messages.count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: messages.count) { index in
            let result = try? workspace.open(
                messages[index], as: "cert-es", at: "2026-10-07T09:01:00Z", receipt: "receipt-\(index).asc")
            lock.lock()
            statuses[index] = result?.status ?? -2
            lock.unlock()
        }
        #expect(statuses.prefix(5).allSatisfy { $0 == 0 })
        #expect(statuses.suffix(3).sorted() == [0, 1, 1])
        let verified = try workspace.commsmap([
            "exercise", "journal", "verify", "--journal", workspace.path("cert-es.jsonl"),
        ])
        #expect(verified.status == 0, "\(verified.stderrText)")
        // pin-control + roster + 6 × (open + receipt).
        #expect(verified.stdoutText.contains("14 entries, hash chain intact"))
    }
}
