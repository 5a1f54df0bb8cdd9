import ArgumentParser
import InventoryKit

/// `--inventory DIR`, shared by every command that reads the inventory.
struct InventoryOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The inventory directory, holding inventory.yaml, sources.yaml, networks/, tools/ and evidence/.",
            valueName: "dir"))
    var inventory: String = "Inventory"

    /// Loads the inventory; a directory that cannot be read is reported and ends the run
    /// with exit code 2.
    func load() throws -> InventoryLoadResult {
        let progress = LoadProgress(directory: inventory)
        defer { progress.finish() }
        do {
            return try InventoryLoader.load(directory: inventory, progress: progress.report)
        } catch {
            Terminal.error("\(error) [\(error.code)]")
            if let hint = error.hint { Terminal.hint(hint) }
            throw Exit.couldNotRun
        }
    }

    /// Loads the inventory and insists that it is valid: otherwise its diagnostics are
    /// printed and the run ends with exit code 1. Warnings are not printed here;
    /// `commsmap validate` shows them.
    func loadValid() throws -> Inventory {
        let result = try load()
        guard let inventory = result.inventory, result.isValid else {
            DiagnosticOutput.print(result.diagnostics.errors)
            Terminal.hint("run `commsmap validate --inventory \(self.inventory)` to see every problem")
            throw Exit.negative
        }
        return inventory
    }
}

/// Prints diagnostics on stderr, one per line, in the compiler style editors understand.
enum DiagnosticOutput {
    /// `file:line:column: error: message [code]`, then `file:line:column: hint: …`.
    static func print(_ diagnostics: [Diagnostic]) {
        var text = ""
        for diagnostic in diagnostics {
            let prefix = diagnostic.location.map { "\($0)" } ?? "commsmap"
            text += "\(prefix): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.code)]\n"
            if let hint = diagnostic.hint { text += "\(prefix): hint: \(hint)\n" }
        }
        Terminal.write(text)
    }

    /// `1 error`, `2 warnings`.
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}

/// "loading Inventory: 2561/10051 files" on stderr, only when stderr is a terminal and the
/// load has taken more than a second (DESIGN.md §8).
final class LoadProgress {
    private let directory: String
    private let start = ContinuousClock.now
    private var shown = false

    init(directory: String) {
        self.directory = directory
    }

    func report(done: Int, total: Int) {
        guard Terminal.stderrIsTerminal, ContinuousClock.now - start > .seconds(1) else { return }
        shown = true
        Terminal.write("\rcommsmap: loading \(directory): \(done)/\(total) files")
    }

    /// Clears the progress line, if one was shown.
    func finish() {
        if shown { Terminal.write("\r\u{1B}[K") }
    }
}
