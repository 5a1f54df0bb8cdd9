import CommsMapTestSupport
import Foundation
import Testing

/// Faults the commands must survive (issue 8): a process killed with SIGKILL at any moment,
/// and a full disk (simulated with a file-size limit). Each leaves either the old state or
/// the complete new one: never a partial file under the target name, never a journal that
/// `exercise journal verify` rejects. The only debris a kill may leave is a hidden
/// `.<target>.tmp-XXXXXX` beside the target (see Tools/fuzz/README.md, "Faults").
@Suite("Faults: SIGKILL and a full disk")
struct FaultTests {
    /// A seeded generator, so a failing moment can be replayed.
    struct Moments {
        private var state: UInt64

        init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

        /// The next delay in microseconds, from 0 up to `limit`.
        mutating func next(upTo limit: UInt32) -> UInt32 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt32(state % UInt64(max(limit, 1) + 1))
        }
    }

    /// Starts `commsmap arguments`, kills it with SIGKILL after `delay` microseconds (or lets
    /// it finish first), and says whether the kill came before the end.
    @discardableResult
    static func runKilled(_ arguments: [String], after delay: UInt32, in directory: URL) throws -> Bool {
        let process = Process()
        process.executableURL = TestPaths.commsmapBinary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(delay)
        let killed = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return killed && process.terminationReason == .uncaughtSignal
    }

    /// How long a complete run takes, in microseconds, to spread the kills over it.
    static func duration(_ arguments: [String], in directory: URL) throws -> UInt32 {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try ProcessRunner.run(TestPaths.commsmapBinary, arguments, currentDirectory: directory)
        try #require(result.status == 0, "\(arguments): \(result.stderrText)")
        return UInt32(min((DispatchTime.now().uptimeNanoseconds - start) / 1000, 20_000_000))
    }

    /// Whether this test run (and so the commsmap it runs) is built with ThreadSanitizer, whose
    /// runtime dies with SIGBUS under a file-size limit before commsmap writes anything: the
    /// full-disk tests cannot run there (`make test-sanitizers` runs them under ASan).
    static let underThreadSanitizer: Bool = {
        guard let handle = dlopen(nil, RTLD_NOW) else { return false }
        return dlsym(handle, "__tsan_init") != nil
    }()

    /// Runs `commsmap arguments` under `ulimit -f blocks` (1 KiB blocks) with SIGXFSZ
    /// ignored, so a write past the limit fails with EFBIG as on a full disk.
    static func runLimited(_ arguments: [String], blocks: Int, in directory: URL) throws -> ProcessResult {
        let script = "trap '' XFSZ; ulimit -f \(blocks); exec \"$0\" \"$@\""
        return try ProcessRunner.run(
            URL(fileURLWithPath: "/bin/bash"), ["-c", script, TestPaths.commsmapBinary.path] + arguments,
            currentDirectory: directory)
    }

    /// Removes the temporary files a kill left and returns the other names; fails on any
    /// name that is neither expected nor a temporary file of an expected target.
    static func sweep(_ directory: TemporaryDirectory, expected: Set<String>) throws -> Int {
        var temporaries = 0
        for name in try AgeCLI.listing(directory) where !expected.contains(name) {
            let isTemporary = expected.contains { name.hasPrefix(".\($0).tmp-") && name.count == $0.count + 12 }
            #expect(isTemporary, "unexpected file \(name) after a kill")
            if isTemporary {
                try FileManager.default.removeItem(at: directory.path(name))
                temporaries += 1
            }
        }
        return temporaries
    }

    // MARK: - SIGKILL

    @Test("encrypt of a multi-MiB file killed at random moments: old ciphertext or the complete new one")
    func encryptKilled() throws {
        try #require(AgeCLI.haveAge)
        let directory = try TemporaryDirectory(prefix: "fault-encrypt")
        let key = try AgeCLI.keygen(in: directory, name: "key.txt")
        let plaintext = AgeCLI.pattern(4 << 20, seed: 8)
        try directory.write("plain.bin", plaintext)
        try directory.write("old.bin", Data("the previous contents\n".utf8))
        let arguments = ["encrypt", "-r", key.recipient, "-o", "out.age", "plain.bin"]
        try AgeCLI.commsmap(["encrypt", "-r", key.recipient, "-o", directory.path("out.age").path, directory.path("old.bin").path])
        let old = try Data(contentsOf: directory.path("out.age"))
        let full = try Self.duration(arguments, in: directory.url)

        var moments = Moments(seed: 8_001)
        var killedBeforeEnd = 0
        for _ in 0..<8 {
            try FileManager.default.removeItem(at: directory.path("out.age"))
            try old.write(to: directory.path("out.age"))
            if try Self.runKilled(arguments, after: moments.next(upTo: full), in: directory.url) { killedBeforeEnd += 1 }
            let now = try Data(contentsOf: directory.path("out.age"))
            if now != old {
                let opened = try AgeCLI.commsmap(["decrypt", "-i", key.identityFile.path, directory.path("out.age").path])
                #expect(opened.status == 0 && opened.stdout == plaintext, "out.age is neither old nor complete")
            }
            _ = try Self.sweep(directory, expected: ["key.txt", "plain.bin", "old.bin", "out.age"])
        }
        #expect(killedBeforeEnd > 0, "no kill landed before the end of the run")
    }

    @Test("decrypt killed at random moments: no output, or the complete plaintext")
    func decryptKilled() throws {
        try #require(AgeCLI.haveAge)
        let directory = try TemporaryDirectory(prefix: "fault-decrypt")
        let key = try AgeCLI.keygen(in: directory, name: "key.txt")
        let plaintext = AgeCLI.pattern(4 << 20, seed: 9)
        try directory.write("plain.bin", plaintext)
        let sealed = try AgeCLI.commsmap([
            "encrypt", "-r", key.recipient, "-o", directory.path("in.age").path, directory.path("plain.bin").path,
        ])
        try #require(sealed.status == 0)
        let arguments = ["decrypt", "-i", "key.txt", "-o", "out.bin", "in.age"]
        let full = try Self.duration(arguments, in: directory.url)

        var moments = Moments(seed: 8_002)
        for round in 0..<8 {
            let previous = Data("previous plaintext \(round)\n".utf8)
            try previous.write(to: directory.path("out.bin"))
            try Self.runKilled(arguments, after: moments.next(upTo: full), in: directory.url)
            let now = try Data(contentsOf: directory.path("out.bin"))
            #expect(now == previous || now == plaintext, "out.bin holds \(now.count) bytes: neither old nor complete")
            _ = try Self.sweep(directory, expected: ["key.txt", "plain.bin", "in.age", "out.bin"])
        }
    }

    @Test("keygen killed at random moments: each file absent or complete, a card only with its key")
    func keygenKilled() throws {
        let directory = try TemporaryDirectory(prefix: "fault-keygen")
        try directory.write("data.txt", "signed by a key that survived a kill\n")
        let arguments = ["keygen", "--team", "cert-eu", "-o", "team.key", "--card-out", "team.card.yaml", "--no-passphrase"]
        let full = try Self.duration(arguments, in: directory.url)
        var moments = Moments(seed: 8_003)
        for _ in 0..<10 {
            for name in ["team.key", "team.card.yaml", "data.txt.minisig"] {
                try? FileManager.default.removeItem(at: directory.path(name))
            }
            try Self.runKilled(arguments, after: moments.next(upTo: full), in: directory.url)
            let hasKey = FileManager.default.fileExists(atPath: directory.path("team.key").path)
            let hasCard = FileManager.default.fileExists(atPath: directory.path("team.card.yaml").path)
            #expect(!hasCard || hasKey, "a card was left without its identity")
            if hasKey {
                let signed = try ProcessRunner.run(
                    TestPaths.commsmapBinary, ["sign", "-s", "team.key", "data.txt"], currentDirectory: directory.url)
                #expect(signed.status == 0, "the identity left by a kill is not usable: \(signed.stderrText)")
                if hasCard {
                    let verified = try ProcessRunner.run(
                        TestPaths.commsmapBinary, ["verify", "-p", "team.card.yaml", "data.txt"],
                        currentDirectory: directory.url)
                    #expect(verified.status == 0, "the card does not match the identity: \(verified.stderrText)")
                }
            }
            _ = try Self.sweep(directory, expected: ["data.txt", "data.txt.minisig", "team.key", "team.card.yaml"])
        }
    }

    @Test("exercise open killed at random moments: the journal always verifies")
    func openKilled() throws {
        let workspace = try ExerciseWorkspace()
        let count = 8
        for index in 0..<count {
            let sent = try workspace.send(
                from: "cert-de", to: ["cert-fr"], at: "2026-10-06T09:0\(index):00Z", output: "m\(index).age")
            try #require(sent.status == 0, "send: \(sent.stderrText)")
        }
        let journal = workspace.path("cert-fr.jsonl")
        func arguments(_ index: Int) -> [String] {
            [
                "exercise", "open", "--roster", "roster.yaml", "--identity", "cert-fr.key", "--journal", "cert-fr.jsonl",
                "--now", "2026-10-06T09:30:00Z", "--receipt-out", "r\(index).age", "m\(index).age",
            ]
        }
        // The first, complete open times the kills of the others.
        let full = try Self.duration(arguments(0), in: workspace.directory.url)
        var moments = Moments(seed: 8_004)
        for index in 1..<count {
            try Self.runKilled(arguments(index), after: moments.next(upTo: full), in: workspace.directory.url)
            let verify = try workspace.commsmap(["exercise", "journal", "verify", "--journal", journal])
            #expect(verify.status == 0, "journal damaged after a kill: \(verify.stderrText)")
            if workspace.exists("r\(index).age") {
                let receipt = try workspace.text("r\(index).age")
                #expect(receipt.hasSuffix("-----END AGE ENCRYPTED FILE-----\n"), "partial receipt r\(index).age")
            }
        }
        // Whatever the kills did, the team can go on opening messages.
        let late = try workspace.send(from: "cert-de", to: ["cert-fr"], at: "2026-10-06T09:20:00Z", output: "late.age")
        try #require(late.status == 0)
        let opened = try workspace.open("late.age", as: "cert-fr", at: "2026-10-06T09:31:00Z", receipt: "late-receipt.age")
        #expect(opened.status == 0, "\(opened.stderrText)")
    }

    @Test("report -o on a large synthetic inventory killed at random moments: the old report or the complete new one")
    func reportKilled() throws {
        let synth = TestPaths.commsmapBinary.deletingLastPathComponent().appendingPathComponent("commsmap-synth")
        try #require(FileManager.default.isExecutableFile(atPath: synth.path), "build commsmap-synth first")
        let directory = try TemporaryDirectory(prefix: "fault-report")
        // 1000 tools: a run of about 2 s (debug build), the last third of it writing 9 MB
        // of HTML, so some kills land while the temporary file is being written.
        let made = try ProcessRunner.run(
            synth, ["--tools", "1000", "--networks", "10", "--seed", "8", "-o", "data"],
            currentDirectory: directory.url)
        try #require(made.status == 0, "\(made.stderrText)")
        let arguments = [
            "report", "--inventory", "data/Inventory", "--policies", "data/Policies", "-o", "report.html",
        ]
        // The old report: a complete one of the bundled inventory.
        let previous = try ProcessRunner.run(
            TestPaths.commsmapBinary,
            [
                "report", "--inventory", TestPaths.repository("Inventory").path,
                "--policies", TestPaths.repository("Policies").path, "-o", "report.html",
            ],
            currentDirectory: directory.url)
        try #require(previous.status == 0, "\(previous.stderrText)")
        let old = try Data(contentsOf: directory.path("report.html"))
        // The report is deterministic, so a complete run's bytes are the only other valid state.
        let full = try Self.duration(arguments, in: directory.url)
        let complete = try Data(contentsOf: directory.path("report.html"))
        try #require(complete != old && complete.count > 1 << 20)

        var moments = Moments(seed: 8_005)
        var killedBeforeEnd = 0
        for _ in 0..<8 {
            try FileManager.default.removeItem(at: directory.path("report.html"))
            try old.write(to: directory.path("report.html"))
            if try Self.runKilled(arguments, after: moments.next(upTo: full), in: directory.url) { killedBeforeEnd += 1 }
            let now = try Data(contentsOf: directory.path("report.html"))
            #expect(now == old || now == complete, "report.html holds \(now.count) bytes: neither old nor complete")
            _ = try Self.sweep(directory, expected: ["data", "report.html"])
        }
        #expect(killedBeforeEnd > 0, "no kill landed before the end of the run")
    }

    // MARK: - A full disk

    @Test(
        "encrypt on a full disk: exit 2, a clear error, the previous file intact, no temporary file",
        .disabled(if: FaultTests.underThreadSanitizer, "the TSan runtime dies under ulimit -f"))
    func encryptFullDisk() throws {
        try #require(AgeCLI.haveAge)
        let directory = try TemporaryDirectory(prefix: "fault-efbig")
        let key = try AgeCLI.keygen(in: directory, name: "key.txt")
        try directory.write("plain.bin", AgeCLI.pattern(1 << 20, seed: 3))
        let old = Data("the previous ciphertext\n".utf8)
        try directory.write("out.age", old)
        let result = try Self.runLimited(
            ["encrypt", "-r", key.recipient, "-o", "out.age", "plain.bin"], blocks: 64, in: directory.url)
        #expect(result.status == 2)
        #expect(result.stderrText.contains("commsmap: error: cannot write out.age: File too large"), "\(result.stderrText)")
        #expect(try Data(contentsOf: directory.path("out.age")) == old)
        #expect(try AgeCLI.listing(directory) == ["key.txt", "out.age", "plain.bin"])
    }

    @Test(
        "decrypt on a full disk: exit 2, a clear error, the previous file intact, no temporary file",
        .disabled(if: FaultTests.underThreadSanitizer, "the TSan runtime dies under ulimit -f"))
    func decryptFullDisk() throws {
        try #require(AgeCLI.haveAge)
        let directory = try TemporaryDirectory(prefix: "fault-efbig")
        let key = try AgeCLI.keygen(in: directory, name: "key.txt")
        try directory.write("plain.bin", AgeCLI.pattern(1 << 20, seed: 4))
        let sealed = try AgeCLI.commsmap([
            "encrypt", "-r", key.recipient, "-o", directory.path("in.age").path, directory.path("plain.bin").path,
        ])
        try #require(sealed.status == 0)
        let old = Data("the previous plaintext\n".utf8)
        try directory.write("out.bin", old)
        // The limit lies below the ciphertext's size, but reading is not limited.
        let result = try Self.runLimited(["decrypt", "-i", "key.txt", "-o", "out.bin", "in.age"], blocks: 64, in: directory.url)
        #expect(result.status == 2)
        #expect(result.stderrText.contains("cannot write out.bin: File too large"), "\(result.stderrText)")
        #expect(try Data(contentsOf: directory.path("out.bin")) == old)
        #expect(try AgeCLI.listing(directory) == ["in.age", "key.txt", "out.bin", "plain.bin"])
    }

    @Test(
        "report -o on a full disk: exit 2, a clear error, the previous report intact, no temporary file",
        .disabled(if: FaultTests.underThreadSanitizer, "the TSan runtime dies under ulimit -f"))
    func reportFullDisk() throws {
        let directory = try TemporaryDirectory(prefix: "fault-efbig")
        let old = Data("the previous report\n".utf8)
        try directory.write("report.html", old)
        let arguments = [
            "report", "--inventory", TestPaths.repository("Inventory").path,
            "--policies", TestPaths.repository("Policies").path, "-o", "report.html",
        ]
        // The bundled report is some 380 KiB of HTML; 64 KiB fit, as the first piece written.
        for blocks in [0, 64] {
            let result = try Self.runLimited(arguments, blocks: blocks, in: directory.url)
            #expect(result.status == 2, "ulimit -f \(blocks): \(result.stderrText)")
            #expect(
                result.stderrText.contains("commsmap: error: cannot write report.html: File too large"),
                "ulimit -f \(blocks): \(result.stderrText)")
            #expect(try Data(contentsOf: directory.path("report.html")) == old)
            #expect(try AgeCLI.listing(directory) == ["report.html"])
        }
    }

    @Test(
        "exercise open on a full disk: exit 2, the journal still verifies and takes the message later",
        .disabled(if: FaultTests.underThreadSanitizer, "the TSan runtime dies under ulimit -f"))
    func openFullDisk() throws {
        let workspace = try ExerciseWorkspace()
        let journal = workspace.path("cert-fr.jsonl")
        var failures = 0
        for index in 0..<12 {
            let sent = try workspace.send(
                from: "cert-de", to: ["cert-fr"], at: "2026-10-06T09:\(10 + index):00Z", output: "m\(index).age")
            try #require(sent.status == 0, "send: \(sent.stderrText)")
            // The limit is the next KiB boundary above the journal's size: the append that
            // crosses it is cut short by the kernel.
            let size = (try? FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int) ?? 0
            let arguments = [
                "exercise", "open", "--roster", "roster.yaml", "--identity", "cert-fr.key", "--journal", "cert-fr.jsonl",
                "--now", "2026-10-06T09:40:00Z", "--receipt-out", "r\(index).age", "m\(index).age",
            ]
            let limited = try Self.runLimited(arguments, blocks: size / 1024 + 1, in: workspace.directory.url)
            let verify = try workspace.commsmap(["exercise", "journal", "verify", "--journal", journal])
            #expect(verify.status == 0, "journal damaged by a full disk: \(verify.stdoutText)\(verify.stderrText)")
            guard limited.status != 0 else { continue }
            failures += 1
            #expect(limited.status == 2, "\(limited.stderrText)")
            #expect(limited.stderrText.contains("File too large"), "\(limited.stderrText)")
            // Nothing was lost: with room again, the same message opens.
            try? FileManager.default.removeItem(atPath: workspace.path("r\(index).age"))
            let again = try workspace.commsmap(arguments)
            #expect(again.status == 0, "\(again.stderrText)")
        }
        #expect(failures > 0, "no append crossed the limit")
    }

    @Test(
        "keygen, sign and exercise roster with no room at all: exit 2, a clear error, nothing lost or left",
        .disabled(if: FaultTests.underThreadSanitizer, "the TSan runtime dies under ulimit -f"))
    func smallOutputsFullDisk() throws {
        let workspace = try ExerciseWorkspace(teams: ["cert-de", "cert-fr"])
        let directory = workspace.directory
        try directory.write("data.txt", "data\n")
        let oldSignature = Data("the previous signature\n".utf8)
        try directory.write("data.txt.minisig", oldSignature)
        let oldRoster = try Data(contentsOf: directory.path("roster.yaml"))
        let before = try AgeCLI.listing(directory)
        let runs: [(arguments: [String], target: String)] = [
            (["keygen", "--team", "cert-it", "-o", "cert-it.key", "--card-out", "cert-it.card.yaml", "--no-passphrase"],
             "cert-it.card.yaml"),
            (["sign", "-s", "cert-de.key", "data.txt"], "data.txt.minisig"),
            (["exercise", "roster", "--exercise", ExerciseWorkspace.exercise, "--from", "2026-10-06", "--until",
              "2026-10-09", "--cards", "cards", "--sign-with", "exercise-control.key", "-o", "roster.yaml"],
             "roster.yaml"),
        ]
        for run in runs {
            // ulimit -f 0: every write to a file fails with EFBIG.
            let result = try Self.runLimited(run.arguments, blocks: 0, in: directory.url)
            #expect(result.status == 2, "\(run.arguments[0]): \(result.stderrText)")
            #expect(result.stderrText.contains("File too large"), "\(run.arguments[0]): \(result.stderrText)")
            #expect(try AgeCLI.listing(directory) == before, "\(run.arguments[0]) left or removed a file")
        }
        #expect(try Data(contentsOf: directory.path("data.txt.minisig")) == oldSignature)
        #expect(try Data(contentsOf: directory.path("roster.yaml")) == oldRoster)
    }

    // MARK: - Races

    @Test("keygen run concurrently with one -o: exactly one wins, the others are refused, the key matches its card")
    func concurrentKeygen() throws {
        let directory = try TemporaryDirectory(prefix: "fault-race")
        try directory.write("data.txt", "data\n")
        let count = 6
        let processes = try (0..<count).map { index in
            let process = Process()
            process.executableURL = TestPaths.commsmapBinary
            process.arguments = [
                "keygen", "--team", "cert-eu", "-o", "team.key", "--card-out", "card-\(index).yaml", "--no-passphrase",
            ]
            process.currentDirectoryURL = directory.url
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        processes.forEach { $0.waitUntilExit() }
        let winners = (0..<count).filter { processes[$0].terminationStatus == 0 }
        #expect(winners.count == 1, "\(winners.count) keygen runs reported writing team.key")
        #expect(processes.allSatisfy { [0, 2].contains($0.terminationStatus) })
        let winner = try #require(winners.first)
        let signed = try ProcessRunner.run(
            TestPaths.commsmapBinary, ["sign", "-s", "team.key", "data.txt"], currentDirectory: directory.url)
        try #require(signed.status == 0, "\(signed.stderrText)")
        let verified = try ProcessRunner.run(
            TestPaths.commsmapBinary, ["verify", "-p", "card-\(winner).yaml", "data.txt"], currentDirectory: directory.url)
        #expect(verified.status == 0, "team.key is not the key of the run that reported it: \(verified.stderrText)")
        #expect(try AgeCLI.listing(directory) == ["card-\(winner).yaml", "data.txt", "data.txt.minisig", "team.key"])
    }
}
