import AssessmentKit
import Foundation
import InventoryKit

/// Loading and preparing `--policies DIR` for the commands that evaluate policies besides
/// `assess` (`coverage`, `diff`), with their diagnostics on stderr.
enum PolicySet {
    /// Every policy in `directory`. Prints the diagnostics; errors end the run with exit
    /// code 2.
    static func load(_ directory: String) throws -> [Policy] {
        let result = PolicyLoader.load(directory: URL(fileURLWithPath: directory), displayPath: directory)
        MappingDiagnostics.print(result.diagnostics)
        if result.diagnostics.hasErrors {
            Terminal.error("the policies in \(directory) are invalid")
            throw Exit.couldNotRun
        }
        return result.policies
    }

    /// `policies` prepared for `inventory`. Prints the diagnostics; errors end the run with
    /// exit code 2.
    static func prepare(_ policies: [Policy], for inventory: Inventory, directory: String) throws -> [PreparedPolicy] {
        let (prepared, diagnostics) = PreparedPolicy.prepare(policies, for: inventory)
        MappingDiagnostics.print(diagnostics)
        if diagnostics.hasErrors {
            Terminal.error("the policies in \(directory) are invalid for this inventory")
            throw Exit.couldNotRun
        }
        return prepared
    }
}

/// Diagnostics on stderr as `commsmap validate` and `assess` print them: `file:line:column:
/// error: message [code]`, then any excerpt and caret lines of a rule error, then
/// `file:line:column: hint: …`.
enum MappingDiagnostics {
    static func print(_ diagnostics: [Diagnostic]) {
        var text = ""
        for diagnostic in diagnostics {
            let prefix = diagnostic.location.map { "\($0)" } ?? "commsmap"
            let lines = diagnostic.message.split(separator: "\n", omittingEmptySubsequences: false)
            text += "\(prefix): \(diagnostic.severity.rawValue): \(lines.first ?? "") [\(diagnostic.code)]\n"
            for line in lines.dropFirst() { text += "\(line)\n" }
            if let hint = diagnostic.hint { text += "\(prefix): hint: \(hint)\n" }
        }
        Terminal.write(text)
    }

    /// An error about a command-line value (an unknown id), with a "did you mean" hint.
    static func unknown(_ what: String, _ id: String, among known: [String], option: String, code: String) -> Diagnostic
    {
        Diagnostic(
            .error, code: code, "\(option) \(id): no \(what) with this id in the inventory",
            hint: Suggestion.hint(for: id, among: known) ?? "known: \(known.prefix(12).joined(separator: ", "))"
                + (known.count > 12 ? ", …" : ""),
            at: nil)
    }
}
