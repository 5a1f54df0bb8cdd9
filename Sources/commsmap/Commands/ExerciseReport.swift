import ArgumentParser
import ExerciseKit
import Foundation

extension CommsMap.Exercise {
    /// `exercise report`: control counts messages and receipts per channel.
    struct Report: ParsableCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        static let configuration = CommandConfiguration(
            abstract: "Count, per channel and team pair, the messages sent and the receipts that prove delivery.",
            discussion: """
                Control decrypts and verifies every message and receipt it was copied on \
                (files, or folders of them), on all cores, and matches each receipt to its \
                message: same sender, a recipient of the message, same channel, and the very \
                ciphertext that was sent. A delivery (one message to one recipient) counts as \
                delivered only with such a receipt; its latency runs from the message's time \
                to the receipt's. --evidence-out writes the evidence file the inventory loads \
                as tool.evidence.* (a folder gets <exercise>.yaml).

                Exit codes: 0 every file verified and every receipt matched (deliveries without \
                a receipt are figures, not failures); 1 some file failed a check or some \
                receipt does not match a sent message (the report is still written); 2 could \
                not run; 64 usage error.

                Example:
                  commsmap exercise report --roster roster.yaml --identity control.key inbox/ \\
                    --evidence-out Inventory/evidence/ --format json > report.json
                """)

        @Option(help: ArgumentHelp("The roster signed by control.", valueName: "ROSTER"))
        var roster: String

        @OptionGroup var identity: ExerciseIdentityOptions

        @Option(
            name: .customLong("evidence-out"),
            help: ArgumentHelp(
                "Also write the evidence file here (a folder gets <exercise>.yaml). (default: none)",
                valueName: "FILE"))
        var evidenceOut: String?

        @Option(help: ArgumentHelp("The exercise's title in the evidence file. (default: none)", valueName: "TITLE"))
        var title: String?

        @Option(help: ArgumentHelp("Output format.", valueName: "FORMAT"))
        var format: Format = .text

        @Option(
            name: .customLong("clock-skew"),
            help: ArgumentHelp(
                "Accept receipts dated up to this long before their message.", valueName: "DURATION"))
        var clockSkew: String = "5m"

        @Argument(help: ArgumentHelp("Messages and receipts, or folders of them.", valueName: "FILES"))
        var files: [String]

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("give the message and receipt files (or folders)") }
            _ = try ExerciseInput.span(clockSkew, option: "--clock-skew")
        }

        func run() throws {
            let report: ExerciseReport
            do {
                report = try makeReport()
            } catch {
                throw ExerciseFailure.report(error)
            }
            guard report.hasFailedChecks else { return }
            let failed = report.problems.filter { $0.kind != ReportProblem.noReceipt }
            Terminal.error(
                "\(failed.count) check\(failed.count == 1 ? "" : "s") failed (files that did not verify, receipts that do not match); see the problems in the report"
            )
            throw Exit.negative
        }

        private func makeReport() throws -> ExerciseReport {
            let control = try identity.load()
            // Control checks the roster with its own key: it signed it.
            let signed = try SignedRoster(
                fileContents: try ExerciseInput.read(roster), key: .explicit(control.card.minisignPublicKey))
            let auditor = try ExerciseAuditor(roster: signed.roster, control: control)
            // Each file is read by the thread that checks it.
            let inputs = try expand(files).map { path in
                ExerciseAuditor.Source(name: path, load: { try ExerciseInput.read(path) })
            }
            if Terminal.stderrIsTerminal, inputs.count >= 1000 {
                Terminal.write(
                    "commsmap: checking \(inputs.count) files on \(ProcessInfo.processInfo.activeProcessorCount) cores…\n"
                )
            }
            let report = try auditor.report(
                inputs, clockSkew: try ExerciseInput.span(clockSkew, option: "--clock-skew"))

            let rendered: Data
            switch format {
            case .text: rendered = Data(report.text.utf8)
            case .json: rendered = try report.json()
            }
            if let evidenceOut {
                let evidence = EvidenceFile(report: report, title: title)
                var isDirectory: ObjCBool = false
                let path =
                    FileManager.default.fileExists(atPath: evidenceOut, isDirectory: &isDirectory)
                        && isDirectory.boolValue
                    ? URL(fileURLWithPath: evidenceOut).appendingPathComponent(evidence.fileName).path : evidenceOut
                let file = try AtomicOutput(path: path)
                try file.write(Array(evidence.yaml.utf8))
                try file.commit()
            }
            Terminal.output(rendered)
            return report
        }

        /// Files as given; folders become their regular, non-hidden files, sorted. One `stat`
        /// per entry and plain path joining: a folder may hold tens of thousands of files.
        private func expand(_ paths: [String]) throws -> [String] {
            func kind(_ path: String) -> mode_t? {
                var info = stat()
                return stat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
            }
            var result: [String] = []
            for path in paths {
                guard kind(path) == S_IFDIR else {
                    result.append(path)
                    continue
                }
                let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }
                let folder = path.hasSuffix("/") ? path : path + "/"
                for name in names.sorted() {
                    let child = folder + name
                    if let mode = kind(child), mode != S_IFDIR { result.append(child) }
                }
            }
            return result
        }
    }
}
