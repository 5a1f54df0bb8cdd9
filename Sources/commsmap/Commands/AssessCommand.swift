import ArgumentParser
import AssessmentKit
import Foundation
import InventoryKit
import ReportKit

extension AssessmentFormat: ExpressibleByArgument {}

extension CommsMap {
    /// `commsmap assess`: judge every tool or usage against the policies.
    struct Assess: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assess",
            abstract: "Judge tools and usages against the policies: verdict, score, completeness and why.",
            discussion: """
                For every policy and every subject it applies to (each tool, or each network's \
                usage of a tool), prints the verdict (meets, incomplete, fails), the score, the \
                score without waivers and the completeness, then each criterion that failed, is \
                unknown or is waived, with the property values, sources and confidences behind it. \
                The scoring model is described in docs/scoring.md.

                Exit status: 0 when the assessment ran; 1 with --fail-under when a subject scores \
                below it; 2 when the inventory or a policy is invalid (the diagnostics are printed) \
                or cannot be read.

                Examples:
                  commsmap assess
                  commsmap assess --policy crisis-restricted --format md
                  commsmap assess --as-of 2027-01-01 --format json > assessment.json
                  commsmap assess --fail-under 80
                """)

        @OptionGroup var inventoryOptions: InventoryOptions

        @Option(help: ArgumentHelp("The policy directory (default: Policies).", valueName: "dir"))
        var policies = "Policies"

        @Option(
            name: .customLong("policy"),
            help: ArgumentHelp("Only this policy id; repeat for several (default: every policy).", valueName: "id"))
        var policyIDs: [String] = []

        @Option(
            name: .customLong("as-of"),
            help: ArgumentHelp(
                "The assessment date, YYYY-MM-DD, for 'within' rules and waiver expiry (default: the inventory's as_of).",
                valueName: "date"))
        var asOf: String?

        @Option(help: ArgumentHelp("Output format: text, json, csv or md (default: text).", valueName: "format"))
        var format: AssessmentFormat = .text

        @Option(
            name: .customLong("fail-under"),
            help: ArgumentHelp(
                "Exit with status 1 when any subject scores below this percentage (default: never).", valueName: "score"
            ))
        var failUnder: Double?

        func validate() throws {
            if let asOf, CalendarDate(asOf) == nil {
                throw ValidationError("--as-of must be a date written YYYY-MM-DD, not '\(asOf)'")
            }
            if let failUnder, !(0...100).contains(failUnder) {
                throw ValidationError("--fail-under must be a percentage from 0 to 100")
            }
        }

        func run() throws {
            // Load and check everything first: nothing is evaluated unless all is valid.
            let loaded = try inventoryOptions.load()
            MappingDiagnostics.print(loaded.diagnostics)
            guard loaded.isValid, let model = loaded.inventory else {
                Terminal.error("the inventory in \(inventoryOptions.inventory) is invalid; nothing was assessed")
                throw Exit.couldNotRun
            }

            let policyResult = PolicyLoader.load(directory: URL(fileURLWithPath: policies), displayPath: policies)
            var selected = policyResult.policies
            var diagnostics = policyResult.diagnostics
            if !policyIDs.isEmpty {
                let known = Set(selected.map(\.id))
                for id in policyIDs where !known.contains(id) {
                    diagnostics.append(
                        Diagnostic(
                            .error, code: PolicyDiagnosticCode.unknownPolicy,
                            "no policy with the id '\(id)' in \(policies)",
                            hint: Suggestion.hint(for: id, among: known.sorted())
                                ?? "the policies are: \(known.sorted().joined(separator: ", "))",
                            at: nil))
                }
                let wanted = Set(policyIDs)
                selected = selected.filter { wanted.contains($0.id) }
            }
            let (prepared, preparation) = PreparedPolicy.prepare(selected, for: model)
            diagnostics += preparation
            MappingDiagnostics.print(diagnostics.sorted())
            if diagnostics.hasErrors {
                Terminal.error("the policies in \(policies) are invalid; nothing was assessed")
                throw Exit.couldNotRun
            }
            if prepared.isEmpty {
                Terminal.warning("no policy in \(policies); nothing to assess")
            }

            let date = asOf.flatMap(CalendarDate.init) ?? model.asOf
            let assessment = Assessor.evaluate(model, policies: prepared, asOf: date)
            MappingDiagnostics.print(assessment.diagnostics)

            // Output in pieces, buffered, so a large assessment streams to stdout.
            var buffer = ""
            AssessmentRenderer(format: format).render(assessment) { piece in
                if piece.utf8.count >= 1 << 16 {
                    Terminal.output(buffer)
                    buffer = ""
                    Terminal.output(piece)
                    return
                }
                buffer += piece
                if buffer.utf8.count >= 1 << 16 {
                    Terminal.output(buffer)
                    buffer = ""
                }
            }
            Terminal.output(buffer)

            if let failUnder {
                let below = assessment.results.filter { $0.scores.score.value < failUnder }
                if !below.isEmpty {
                    let names = below.prefix(5).map { "\($0.policy): \($0.subject.id) (\($0.scores.score))" }
                    let more = below.count > 5 ? ", and \(below.count - 5) more" : ""
                    Terminal.error(
                        "\(below.count) subject\(below.count == 1 ? "" : "s") score below \(RuleValue.format(failUnder)): \(names.joined(separator: ", "))\(more)"
                    )
                    throw Exit.negative
                }
            }
        }
    }
}
