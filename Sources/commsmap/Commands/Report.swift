import ArgumentParser
import AssessmentKit
import Foundation
import InventoryKit
import ReportKit

extension ReportFormat: ExpressibleByArgument {}

extension CommsMap {
    /// `commsmap report`: the inventory summary, assessment, coverage, scenarios and gaps
    /// in one document.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract:
                "Write the inventory summary, assessment, coverage, scenarios and gaps as one report (html, md, json, csv, text).",
            discussion: """
                Every format carries the same figures, computed once. The HTML report is one \
                self-contained file (inline CSS and SVG, no scripts, nothing fetched), which \
                opens on an air-gapped workstation and prints on A4. JSON has sorted keys and a \
                schema version and follows docs/report.schema.json; CSV has one row per subject \
                and criterion. The sections and formats are described in docs/report-format.md.

                The output is deterministic: the date is the inventory's as_of or --as-of, never \
                the clock.

                Exit status: 0 when the report was written; 2 when the inventory or a policy is \
                invalid (the diagnostics are printed) or a file cannot be read or written.

                Examples:
                  commsmap report -o out/report.html
                  commsmap report --format json > report.json
                  commsmap report --format md --as-of 2027-01-01 -o report.md
                """)

        @OptionGroup var inventoryOptions: InventoryOptions

        @Option(help: ArgumentHelp("The policy directory.", valueName: "dir"))
        var policies = "Policies"

        @Option(
            name: .customLong("as-of"),
            help: ArgumentHelp(
                "The assessment date, YYYY-MM-DD, for 'within' rules and waiver expiry (default: the inventory's as_of).",
                valueName: "date"))
        var asOf: String?

        @Option(
            help: ArgumentHelp(
                "Output format: html, md, json, csv or text (default: the one -o's extension names, else text).",
                valueName: "format"))
        var format: ReportFormat?

        @Option(
            name: .shortAndLong,
            help: ArgumentHelp(
                "Write the report to this file, replaced only once complete (default: standard output).",
                valueName: "file"))
        var output: String?

        func validate() throws {
            if let asOf, CalendarDate(asOf) == nil {
                throw ValidationError("--as-of must be a date written YYYY-MM-DD, not '\(asOf)'")
            }
        }

        /// The format asked for, else the one `-o`'s extension names, else text.
        var resolvedFormat: ReportFormat {
            if let format { return format }
            switch output.map({ URL(fileURLWithPath: $0).pathExtension.lowercased() }) {
            case "html"?, "htm"?: return .html
            case "md"?, "markdown"?: return .md
            case "json"?: return .json
            case "csv"?: return .csv
            default: return .text
            }
        }

        func run() throws {
            let loaded = try inventoryOptions.load()
            MappingDiagnostics.print(loaded.diagnostics)
            guard loaded.isValid, let model = loaded.inventory else {
                Terminal.error("the inventory in \(inventoryOptions.inventory) is invalid; no report was written")
                Terminal.hint("run `commsmap validate --inventory \(inventoryOptions.inventory)` to see every problem")
                throw Exit.couldNotRun
            }
            let prepared = try PolicySet.prepare(try PolicySet.load(policies), for: model, directory: policies)
            if prepared.isEmpty {
                Terminal.warning("no policy in \(policies); the report has no assessment")
            }
            let (scenarios, scenarioDiagnostics) = ReportBuilder.namedScenarios(for: model)
            MappingDiagnostics.print(scenarioDiagnostics)

            // Every figure is computed here, once; the renderer only formats.
            let date = asOf.flatMap(CalendarDate.init) ?? model.asOf
            let assessment = Assessor.evaluate(model, policies: prepared, asOf: date)
            let report = ReportBuilder.build(
                inventory: model, policies: prepared, assessment: assessment, scenarios: scenarios)
            MappingDiagnostics.print(report.diagnostics)
            do {
                // Written in pieces through a buffer, so a large report streams out.
                let sink = try AtomicOutput(path: output)
                var buffer: [UInt8] = []
                var failure: Error?
                ReportRenderer(format: resolvedFormat).render(report) { piece in
                    guard failure == nil else { return }
                    buffer += piece.utf8
                    guard buffer.count >= 1 << 16 else { return }
                    do { try sink.write(buffer) } catch { failure = error }
                    buffer.removeAll(keepingCapacity: true)
                }
                if let failure { throw failure }
                try sink.write(buffer)
                try sink.commit()
            } catch {
                Terminal.error("\(error)")
                throw Exit.couldNotRun
            }
        }
    }
}
