import CommsMapTestSupport
import Foundation
import Testing

/// Helpers for the `encrypt`/`decrypt` end-to-end and interop tests: keys from
/// `age-keygen`, runs of `commsmap` and `age`, and a pseudo-terminal for passphrases.
enum AgeCLI {
    static let age = ProcessRunner.which("age")
    static let ageKeygen = ProcessRunner.which("age-keygen")
    static let python = ProcessRunner.which("python3")
    static var haveAge: Bool { age != nil && ageKeygen != nil }

    /// An identity file written by `age-keygen` (mode 0600) and its recipient.
    struct Key {
        var identityFile: URL
        var recipient: String
    }

    static func keygen(in directory: TemporaryDirectory, name: String) throws -> Key {
        let path = directory.path(name)
        let result = try ProcessRunner.run(try #require(ageKeygen), ["-o", path.path])
        try #require(result.status == 0, "age-keygen: \(result.stderrText)")
        let recipient = try ProcessRunner.run(try #require(ageKeygen), ["-y", path.path])
        return Key(identityFile: path, recipient: recipient.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @discardableResult
    static func commsmap(_ arguments: [String], stdin: Data = Data()) throws -> ProcessResult {
        try ProcessRunner.run(TestPaths.commsmapBinary, arguments, stdin: stdin)
    }

    @discardableResult
    static func runAge(_ arguments: [String], stdin: Data = Data()) throws -> ProcessResult {
        try ProcessRunner.run(try #require(age), arguments, stdin: stdin)
    }

    /// Runs `command` on a pseudo-terminal, typing `passphrase` at every prompt that asks for
    /// one (age and commsmap read passphrases only from the terminal).
    static func withTerminal(passphrase: String, _ command: [String]) throws -> ProcessResult {
        let script = """
            import os, pty, select, sys, time
            passphrase = sys.argv[1].encode()
            pid, fd = pty.fork()
            if pid == 0:
                os.execv(sys.argv[2], sys.argv[2:])
            seen = b""
            answered = 0
            while True:
                ready, _, _ = select.select([fd], [], [], 60)
                if not ready:
                    break
                try:
                    data = os.read(fd, 4096)
                except OSError:
                    break
                if not data:
                    break
                seen += data
                while answered < seen.lower().count(b"passphrase"):
                    time.sleep(0.3)  # let the program turn echo off first
                    os.write(fd, passphrase + b"\\n")
                    answered += 1
            _, status = os.waitpid(pid, 0)
            sys.stdout.write(seen.decode(errors="replace"))
            sys.exit(os.waitstatus_to_exitcode(status))
            """
        return try ProcessRunner.run(try #require(python), ["-c", script, passphrase] + command)
    }

    /// Deterministic bytes.
    static func pattern(_ count: Int, seed: UInt32 = 1) -> Data {
        var state = seed &* 2_654_435_761 &+ 1
        var bytes = [UInt8](repeating: 0, count: count)
        for index in bytes.indices {
            state = state &* 1_664_525 &+ 1_013_904_223
            bytes[index] = UInt8(truncatingIfNeeded: state >> 24)
        }
        return Data(bytes)
    }

    /// The names in a directory, to check that a failure left no file (not even a
    /// temporary one) behind.
    static func listing(_ directory: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted()
    }

    static func setMode(_ mode: Int, _ url: URL) throws {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
    }
}
