import ArgumentParser
import InventoryKit

extension CommsMap {
    /// `commsmap validate`: every problem in the inventory, at once.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check an inventory directory and report every problem at once.",
            discussion: """
                Problems go to stderr as `file:line:column: error: message [code]`, each \
                followed by a `hint:` line when there is advice; a one-line summary goes \
                to stdout. The codes are listed in docs/inventory-format.md.

                Exit codes: 0 valid (warnings allowed), 1 invalid (or warnings with \
                --strict), 2 the directory could not be read.
                """)

        @OptionGroup var options: InventoryOptions

        @Flag(help: "Treat warnings as errors: exit 1 when there are any (default: off).")
        var strict = false

        func run() throws {
            let result = try options.load()
            DiagnosticOutput.print(result.diagnostics)
            let errors = result.diagnostics.errors.count
            let warnings = result.diagnostics.warnings.count
            let problems = "\(DiagnosticOutput.count(errors, "error")), \(DiagnosticOutput.count(warnings, "warning"))"
            if let inventory = result.inventory {
                Terminal.output(
                    "Inventory: \(DiagnosticOutput.count(inventory.networks.count, "network")), "
                        + "\(DiagnosticOutput.count(inventory.tools.count, "tool")), "
                        + "\(DiagnosticOutput.count(inventory.usages.count, "usage")), \(problems)\n")
            } else {
                Terminal.output("Inventory: not usable, \(problems)\n")
            }
            if !result.isValid || (strict && warnings > 0) { throw Exit.negative }
        }
    }
}
