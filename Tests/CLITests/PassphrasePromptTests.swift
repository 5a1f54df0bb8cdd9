import CommsMapTestSupport
import Foundation
import Testing

/// The passphrase prompt on a real (pseudo-)terminal: what is typed is not shown, and echo
/// is back on however the prompt ends, including Ctrl-C and the signals a terminal or a
/// process manager sends; an interrupted `keygen` leaves no file behind.
@Suite("Passphrase prompts on a terminal")
struct PassphrasePromptTests {
    static let prompt = "Enter passphrase for the new team identity: "
    static let confirmation = "Confirm passphrase: "

    /// keygen writing into a fresh directory, asking for the passphrase on the terminal.
    static func startKeygen(in directory: TemporaryDirectory) throws -> PseudoTerminal {
        try PseudoTerminal(
            running: TestPaths.commsmapBinary,
            [
                "keygen", "--team", "cert-eu", "-o", directory.path("team.key").path,
                "--card-out", directory.path("team.card.yaml").path,
            ])
    }

    @Test("keygen: the typed passphrase is not echoed, the key opens with it, echo is on afterwards")
    func typedPassphrase() throws {
        let directory = try TemporaryDirectory(prefix: "prompt")
        let terminal = try Self.startKeygen(in: directory)
        try terminal.read(until: Self.prompt)
        #expect(try !terminal.echoes(), "echo is on while the passphrase is asked")
        try terminal.type("correct horse\r")
        try terminal.read(until: Self.confirmation)
        try terminal.type("correct horse\r")
        #expect(terminal.waitForEnd() == .exited(0), "\(String(decoding: terminal.output, as: UTF8.self))")
        #expect(!String(decoding: terminal.output, as: UTF8.self).contains("correct"), "the passphrase was echoed")
        #expect(try terminal.echoes(), "echo is still off after the prompt")

        try directory.write("pass.txt", "correct horse\n")
        try directory.write("data.txt", "data\n")
        let signed = try ProcessRunner.run(
            TestPaths.commsmapBinary, ["sign", "-s", "team.key", "--passphrase-file", "pass.txt", "data.txt"],
            currentDirectory: directory.url)
        #expect(signed.status == 0, "the key does not open with the typed passphrase: \(signed.stderrText)")
    }

    /// A way to end the prompt early, and the signal it delivers.
    struct Interruption: CustomTestStringConvertible, Sendable {
        var name: String
        var signal: Int32
        /// At the confirmation, after the first passphrase was typed; else at the first prompt.
        var atConfirmation: Bool
        /// Typed at the terminal ("\u{3}" is Ctrl-C); nil sends `signal` with kill(2).
        var keys: String?

        var testDescription: String { name }
    }

    static let interruptions = [
        Interruption(name: "Ctrl-C at the first prompt", signal: SIGINT, atConfirmation: false, keys: "\u{3}"),
        Interruption(name: "Ctrl-C at the confirmation", signal: SIGINT, atConfirmation: true, keys: "\u{3}"),
        Interruption(name: "SIGTERM at the first prompt", signal: SIGTERM, atConfirmation: false, keys: nil),
        Interruption(name: "SIGHUP at the confirmation", signal: SIGHUP, atConfirmation: true, keys: nil),
    ]

    @Test(
        "keygen interrupted at the prompt: killed by the signal, echo back on, no file left",
        arguments: interruptions)
    func interrupted(_ interruption: Interruption) throws {
        let directory = try TemporaryDirectory(prefix: "prompt-interrupted")
        let terminal = try Self.startKeygen(in: directory)
        try terminal.read(until: Self.prompt)
        if interruption.atConfirmation {
            try terminal.type("correct horse\r")
            try terminal.read(until: Self.confirmation)
        }
        // The precondition of the test: the prompt did turn echo off.
        try #require(try !terminal.echoes(), "echo is on while the passphrase is asked")

        if let keys = interruption.keys {
            try terminal.type(keys)
        } else {
            kill(terminal.pid, interruption.signal)
        }
        #expect(terminal.waitForEnd() == .killed(interruption.signal))
        #expect(try terminal.echoes(), "echo is still off after \(interruption.name)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == [])
    }
}
