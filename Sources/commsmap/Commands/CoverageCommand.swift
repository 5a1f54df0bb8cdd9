import ArgumentParser
import AssessmentKit
import Foundation
import InventoryKit
import ReportKit

extension CoverageFormat: ExpressibleByArgument {}

extension CommsMap {
    /// `commsmap coverage`: per network × purpose, which usages meet the policy and whether
    /// that covers the purpose; and what breaks when tools go down.
    struct Coverage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "coverage",
            abstract:
                "Show, per network and purpose, the tools that meet the policy, the gaps and single points of failure, and what breaks when tools go down.",
            discussion: """
                For every network and every purpose it uses tools for: the usages that serve it, \
                the verdict of each (it meets only if it meets every usage policy that applies), \
                and the status: covered (the policy's coverage targets min_tools and \
                min_operators are reached), below-target, single-point (one meeting usage), gap \
                (none), incomplete (depends on unknown values; the worst and best case are \
                shown) or no-policy. Also the network pairs that share a meeting tool, and the \
                members onboarded on each usage. The model is described in docs/coverage.md.

                Scenarios recompute coverage with tools removed and list what breaks: \
                --without TOOL (repeatable) removes tools by id; --scenario internet-outage \
                removes every tool whose internet_independent is not true (a tool without the \
                value is unknown and counted as removed); --scenario FILE reads a scenario file \
                (id, title, without: [tool ids], drop_when: "<rule over tool properties>").

                Exit status: 0 when coverage was computed; 2 when the inventory, a policy or a \
                scenario is invalid or cannot be read, or an id given on the command line is \
                not in the inventory.

                Examples:
                  commsmap coverage
                  commsmap coverage --network csirts-network --purpose threat-intel-sharing
                  commsmap coverage --scenario internet-outage --format md
                  commsmap coverage --without misp --without matrix --format json > coverage.json
                """)

        @OptionGroup var inventoryOptions: InventoryOptions

        @Option(help: ArgumentHelp("The policy directory (default: Policies).", valueName: "dir"))
        var policies = "Policies"

        @Option(
            name: .customLong("network"),
            help: ArgumentHelp("Only this network id; repeat for several (default: every network).", valueName: "id"))
        var networkIDs: [String] = []

        @Option(
            name: .customLong("purpose"),
            help: ArgumentHelp("Only this purpose id; repeat for several (default: every purpose).", valueName: "id"))
        var purposeIDs: [String] = []

        @Option(
            name: .customLong("without"),
            help: ArgumentHelp(
                "Remove this tool and show what breaks; repeat for several, all removed together (default: none).",
                valueName: "tool"))
        var withoutTools: [String] = []

        @Option(
            name: .customLong("scenario"),
            help: ArgumentHelp(
                "A named scenario (internet-outage) or a scenario file; repeat for several, each compared with the baseline (default: none).",
                valueName: "name|file"))
        var scenarios: [String] = []

        @Option(
            name: .customLong("as-of"),
            help: ArgumentHelp(
                "The assessment date, YYYY-MM-DD (default: the inventory's as_of).", valueName: "date"))
        var asOf: String?

        @Option(help: ArgumentHelp("Output format: text, json, md or csv (default: text).", valueName: "format"))
        var format: CoverageFormat = .text

        func validate() throws {
            if let asOf, CalendarDate(asOf) == nil {
                throw ValidationError("--as-of must be a date written YYYY-MM-DD, not '\(asOf)'")
            }
        }

        func run() throws {
            let loaded = try inventoryOptions.load()
            MappingDiagnostics.print(loaded.diagnostics)
            guard loaded.isValid, let inventory = loaded.inventory else {
                Terminal.error("the inventory in \(inventoryOptions.inventory) is invalid; no coverage was computed")
                throw Exit.couldNotRun
            }
            try checkIDs(in: inventory)
            let prepared = try PolicySet.prepare(
                try PolicySet.load(policies), for: inventory, directory: policies)
            let scenarios = try prepareScenarios(for: inventory)

            // Only usage policies say how a network serves a purpose; tool policies were
            // checked above but need not be evaluated here.
            let usagePolicies = prepared.filter { $0.scope == .usage }
            let date = asOf.flatMap(CalendarDate.init) ?? inventory.asOf
            let assessment = Assessor.evaluate(inventory, policies: usagePolicies, asOf: date)
            MappingDiagnostics.print(assessment.diagnostics)
            let report = CoverageReport(
                inventory: inventory, assessment: assessment, policies: usagePolicies, scenarios: scenarios
            ).filtered(networks: networkIDs, purposes: purposeIDs)
            MappingDiagnostics.print(report.diagnostics)
            CoverageRenderer(format: format).render(report) { Terminal.output($0) }
        }

        /// Ids given on the command line must be in the inventory: a typo would otherwise
        /// show nothing, or remove nothing, without a word.
        private func checkIDs(in inventory: Inventory) throws {
            var problems: [Diagnostic] = []
            let networks = inventory.networks.map(\.id)
            for id in networkIDs where inventory.network(id) == nil {
                problems.append(
                    MappingDiagnostics.unknown(
                        "network", id, among: networks, option: "--network", code: "coverage.unknown-network"))
            }
            let purposes = inventory.purposes.map(\.id)
            for id in purposeIDs where inventory.purpose(id) == nil {
                problems.append(
                    MappingDiagnostics.unknown(
                        "purpose", id, among: purposes, option: "--purpose", code: "coverage.unknown-purpose"))
            }
            let tools = inventory.tools.map(\.id)
            for id in withoutTools where inventory.tool(id) == nil {
                problems.append(
                    MappingDiagnostics.unknown(
                        "tool", id, among: tools, option: "--without", code: ScenarioDiagnosticCode.unknownTool))
            }
            guard problems.isEmpty else {
                MappingDiagnostics.print(problems)
                throw Exit.couldNotRun
            }
        }

        /// `--without` as one scenario, then each `--scenario` in order: a named scenario,
        /// or else a file.
        private func prepareScenarios(for inventory: Inventory) throws -> [PreparedScenario] {
            var list: [Scenario] = []
            var diagnostics: [Diagnostic] = []
            if !withoutTools.isEmpty { list.append(.without(withoutTools)) }
            for argument in scenarios {
                if let named = Scenario.named(argument) {
                    list.append(named)
                    continue
                }
                guard FileManager.default.fileExists(atPath: argument) else {
                    let names = Scenario.named.map(\.id)
                    diagnostics.append(
                        Diagnostic(
                            .error, code: ScenarioDiagnosticCode.unknownScenario,
                            "--scenario \(argument): no named scenario and no file with this name",
                            hint: Suggestion.hint(for: argument, among: names)
                                ?? "the named scenarios are: \(names.joined(separator: ", ")); or give a scenario file",
                            at: nil))
                    continue
                }
                let data: Data
                do {
                    data = try Data(contentsOf: URL(fileURLWithPath: argument))
                } catch {
                    diagnostics.append(
                        Diagnostic(
                            .error, code: ScenarioDiagnosticCode.unreadable,
                            "cannot read the scenario file \(argument): \(error.localizedDescription)", at: nil))
                    continue
                }
                let (scenario, found) = ScenarioLoader.parse(data, file: argument)
                diagnostics += found
                if let scenario { list.append(scenario) }
            }
            var prepared: [PreparedScenario] = []
            for scenario in list {
                let (result, found) = PreparedScenario.prepare(scenario, for: inventory)
                diagnostics += found
                if let result { prepared.append(result) }
            }
            MappingDiagnostics.print(diagnostics.sorted())
            if diagnostics.hasErrors {
                Terminal.error("a scenario is invalid or cannot be read; no coverage was computed")
                throw Exit.couldNotRun
            }
            return prepared
        }
    }
}
