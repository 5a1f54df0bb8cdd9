import ArgumentParser
import Foundation

/// The exit codes of DESIGN.md §8.
enum Exit {
    /// A negative verdict: invalid inventory, failed check, bad signature, replay.
    static let negative = ExitCode(1)
    /// Could not run: missing or unreadable file, bad key file, wrong passphrase, I/O.
    static let couldNotRun = ExitCode(2)
    /// Usage error.
    static let usage = ExitCode(64)
}

/// Diagnostics on stderr in the `commsmap: error: …` style; stdout carries only data.
enum Terminal {
    static func error(_ message: String, location: String? = nil) {
        write(line("error", message, location))
    }

    static func warning(_ message: String, location: String? = nil) {
        write(line("warning", message, location))
    }

    static func hint(_ message: String) {
        write("commsmap: hint: \(message)\n")
    }

    /// Writes raw text to stderr.
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Writes data to stdout.
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func output(_ data: Data) {
        FileHandle.standardOutput.write(data)
    }

    /// Whether stderr is a terminal (progress is shown only then).
    static var stderrIsTerminal: Bool { isatty(2) != 0 }

    private static func line(_ level: String, _ message: String, _ location: String?) -> String {
        if let location { return "\(location): \(level): \(message)\n" }
        return "commsmap: \(level): \(message)\n"
    }
}

/// A failure the command reports itself and then exits with `code`.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var hint: String?
    var code: ExitCode

    var description: String { message }

    /// Prints the message (and hint) and returns the exit code to throw.
    func report() -> ExitCode {
        Terminal.error(message)
        if let hint { Terminal.hint(hint) }
        return code
    }
}
