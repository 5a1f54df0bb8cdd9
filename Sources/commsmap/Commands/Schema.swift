import ArgumentParser
import Foundation
import InventoryKit

extension CommsMap {
    /// `commsmap schema`: JSON Schemas for YAML editors, from the catalogue.
    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print JSON Schemas (draft 2020-12) of the inventory files, generated from the catalogue.",
            discussion: """
                With --kind, one schema for that kind of file; without, an object with \
                every kind's schema under its name. The tool schema lists every catalogued \
                property, in its short or long form, so an editor can complete and check \
                tools/*.yaml. The catalogue comes from the inventory's inventory.yaml; \
                errors in other files do not stop the schema.

                Example (VS Code, YAML extension):
                  commsmap schema --kind tool -o .schemas/tool.json
                  "yaml.schemas": { ".schemas/tool.json": "Inventory/tools/*.yaml" }
                """)

        @OptionGroup var options: InventoryOptions

        @Option(help: "The kind of file (default: every kind).")
        var kind: InventoryFileKind?

        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of stdout (default: stdout).", valueName: "file"))
        var output: String?

        func run() throws {
            let result = try options.load()
            guard let inventory = result.inventory else {
                DiagnosticOutput.print(result.diagnostics.errors)
                throw Exit.negative
            }
            if result.diagnostics.hasErrors {
                Terminal.warning(
                    "the inventory has \(DiagnosticOutput.count(result.diagnostics.errors.count, "error")); "
                        + "the schema uses the catalogue entries that are valid")
            }
            let schema =
                kind.map { InventorySchema.schema(for: $0, catalogue: inventory.catalogue) }
                ?? InventorySchema.all(catalogue: inventory.catalogue)
            let text = schema.serialized()
            do {
                let file = try AtomicOutput(path: output)
                try file.write(Data(text.utf8))
                try file.commit()
            } catch {
                throw CommandFailure(message: "\(error)", code: Exit.couldNotRun).report()
            }
        }
    }
}

extension InventoryFileKind: ExpressibleByArgument {}
