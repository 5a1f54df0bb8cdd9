import ArgumentParser
import AssessmentKit
import Foundation
import InventoryKit
import ReportKit

extension DiffFormat: ExpressibleByArgument {}

extension CommsMap {
    /// `commsmap diff`: what changed between two stock-takes of the inventory.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract:
                "Compare two inventories: what was added, removed and changed, and how verdicts and coverage moved.",
            discussion: """
                Compares two inventory directories, or with --git the inventory folder (--path) \
                at two git revisions of the repository in the current directory. Lists \
                networks, members, tools, usages, sources, purposes and catalogue properties \
                added or removed; fields changed; property values changed, with the old and \
                new source and confidence; and, evaluated against the policies of --policies \
                (read once, from the working directory), the verdicts that changed per policy \
                and subject and the coverage statuses that changed per network and purpose. \
                Each side is evaluated as of its own as_of unless --as-of is given. Notes are \
                not compared.

                Exit status: 0 when there is no change; 1 when there are changes; 2 when an \
                input cannot be read or is invalid (including a revision or path git does not \
                know).

                Examples:
                  commsmap diff old/Inventory Inventory
                  commsmap diff --git v2026.10 HEAD
                  commsmap diff --git HEAD~1 HEAD --path Inventory --format md
                """)

        @Argument(
            help: ArgumentHelp(
                "BEFORE and AFTER: two inventory directories, or with --git two revisions.",
                valueName: "before after"))
        var inputs: [String] = []

        @Flag(help: "Read BEFORE and AFTER as git revisions of the inventory folder (default: directories).")
        var git = false

        @Option(
            help: ArgumentHelp(
                "With --git: the inventory folder, relative to the current directory (default: Inventory).",
                valueName: "dir"))
        var path: String?

        @Option(
            help: ArgumentHelp(
                "The policy directory (default: Policies; when that folder does not exist, verdicts and coverage are not compared).",
                valueName: "dir"))
        var policies: String?

        @Option(
            name: .customLong("as-of"),
            help: ArgumentHelp(
                "Evaluate both sides as of this date, YYYY-MM-DD (default: each side's own as_of).",
                valueName: "date"))
        var asOf: String?

        @Option(help: ArgumentHelp("Output format: text, json or md (default: text).", valueName: "format"))
        var format: DiffFormat = .text

        func validate() throws {
            guard inputs.count == 2 else {
                throw ValidationError(
                    "give two inventories to compare: BEFORE AFTER (directories, or revisions with --git), not \(inputs.count)"
                )
            }
            if path != nil && !git { throw ValidationError("--path is for --git; give the directories themselves") }
            if let path, path.hasPrefix("/") {
                throw ValidationError("--path is a folder inside the repository, not an absolute path")
            }
            if let asOf, CalendarDate(asOf) == nil {
                throw ValidationError("--as-of must be a date written YYYY-MM-DD, not '\(asOf)'")
            }
        }

        func run() throws {
            var scratch: [URL] = []
            defer { for url in scratch { try? FileManager.default.removeItem(at: url) } }
            let labels: [String]
            let inventories: [Inventory]
            if git {
                let folder = path ?? "Inventory"
                labels = inputs.map { "\($0):\(folder)" }
                var loaded: [Inventory] = []
                for revision in inputs {
                    let directory = try GitExport.folder(folder, at: revision)
                    scratch.append(directory)
                    loaded.append(try load(directory.path, shownAs: "\(revision):\(folder)"))
                }
                inventories = loaded
            } else {
                labels = inputs
                inventories = try inputs.map { try load($0, shownAs: $0) }
            }
            let before = inventories[0]
            let after = inventories[1]

            let diff: InventoryDiff
            if let policySet = try loadPolicies(before: before, after: after) {
                let date = asOf.flatMap(CalendarDate.init)
                let evaluatedBefore = EvaluatedInventory(before, policies: policySet.before, asOf: date ?? before.asOf)
                let evaluatedAfter = EvaluatedInventory(after, policies: policySet.after, asOf: date ?? after.asOf)
                diff = InventoryDiff.compare(before: evaluatedBefore, after: evaluatedAfter)
            } else {
                diff = InventoryDiff.compare(before: before, after: after)
            }
            Terminal.output(InventoryDiffRenderer(format: format, before: labels[0], after: labels[1]).render(diff))
            if !diff.isEmpty { throw Exit.negative }
        }

        /// Loads one side; unreadable or invalid ends the run with exit code 2. Diagnostics
        /// name files as `shownAs/…` (`HEAD~1:Inventory/tools/misp.yaml`).
        private func load(_ directory: String, shownAs label: String) throws -> Inventory {
            let progress = LoadProgress(directory: label)
            defer { progress.finish() }
            var files: [InventoryFile]
            do {
                files = try InventoryDirectory.read(directory)
            } catch {
                Terminal.error("\(error) [\(error.code)]")
                if git {
                    Terminal.hint("the folder \(path ?? "Inventory") exists at that revision but could not be read")
                } else if let hint = error.hint {
                    Terminal.hint(hint.replacingOccurrences(of: "with --inventory DIR", with: "as BEFORE and AFTER"))
                }
                throw Exit.couldNotRun
            }
            let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
            let prefix = label.hasSuffix("/") ? String(label.dropLast()) : label
            for index in files.indices where files[index].displayPath.hasPrefix(base) {
                files[index].displayPath = prefix + files[index].displayPath.dropFirst(base.count)
            }
            let result = InventoryLoader.load(files: files, progress: progress.report)
            guard result.isValid, let inventory = result.inventory else {
                MappingDiagnostics.print(result.diagnostics.errors)
                Terminal.error("the inventory \(label) is invalid; nothing was compared")
                Terminal.hint("run `commsmap validate` on it to see every problem")
                throw Exit.couldNotRun
            }
            return inventory
        }

        /// The policies prepared for each side, or nil when there are none to read. A
        /// policy that cannot be prepared for BEFORE only (it reads a property added since)
        /// is left out of the comparison with a warning; one invalid for AFTER is an error.
        private func loadPolicies(
            before: Inventory, after: Inventory
        ) throws -> (before: [PreparedPolicy], after: [PreparedPolicy])? {
            let directory = policies ?? "Policies"
            var isDirectory: ObjCBool = false
            if policies == nil,
                !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue
            {
                Terminal.warning("no policy folder \(directory); verdicts and coverage are not compared")
                Terminal.hint("give the policies with --policies DIR")
                return nil
            }
            let all = try PolicySet.load(directory)
            let forAfter = try PolicySet.prepare(all, for: after, directory: directory)
            let (forBefore, diagnostics) = PreparedPolicy.prepare(all, for: before)
            let preparedBefore = Set(forBefore.map(\.id))
            let left = forAfter.filter { !preparedBefore.contains($0.id) }.map(\.id)
            if !left.isEmpty {
                for diagnostic in diagnostics.errors {
                    Terminal.warning("for \(inputs[0]): \(diagnostic.message.split(separator: "\n").first ?? "")")
                }
                Terminal.warning(
                    "\(left.joined(separator: ", ")) cannot be evaluated on \(inputs[0]); \(left.count == 1 ? "its" : "their") verdicts are not compared"
                )
            }
            let kept = Set(forAfter.map(\.id)).intersection(preparedBefore)
            return (forBefore.filter { kept.contains($0.id) }, forAfter.filter { kept.contains($0.id) })
        }
    }
}

/// Extracts a folder of a git revision into a temporary directory (`git archive REV:./PATH
/// | tar -x`), for `diff --git`.
enum GitExport {
    /// The temporary directory holding `folder` (relative to the current directory) as it
    /// is at `revision`. The caller removes it. A revision or folder git does not know ends
    /// the run with exit code 2.
    static func folder(_ folder: String, at revision: String) throws -> URL {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("commsmap-diff-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        } catch {
            Terminal.error("cannot create a temporary directory: \(error.localizedDescription)")
            throw Exit.couldNotRun
        }
        let trimmed = folder.hasPrefix("./") ? String(folder.dropFirst(2)) : folder
        let archive = Process()
        archive.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        archive.arguments = ["git", "archive", "--format=tar", "\(revision):./\(trimmed)"]
        let extract = Process()
        extract.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        extract.arguments = ["tar", "-x", "-f", "-", "-C", target.path]
        let pipe = Pipe()
        let archiveErrors = Pipe()
        let extractErrors = Pipe()
        archive.standardOutput = pipe
        archive.standardError = archiveErrors
        extract.standardInput = pipe
        extract.standardError = extractErrors
        extract.standardOutput = FileHandle.nullDevice
        do {
            try archive.run()
            try extract.run()
        } catch {
            try? FileManager.default.removeItem(at: target)
            Terminal.error("cannot run git and tar: \(error.localizedDescription)")
            Terminal.hint("--git needs git and tar on the PATH")
            throw Exit.couldNotRun
        }
        // Both ends of the pipe belong to the children now.
        try? pipe.fileHandleForReading.close()
        try? pipe.fileHandleForWriting.close()
        let gitMessage = archiveErrors.fileHandleForReading.readDataToEndOfFile()
        let tarMessage = extractErrors.fileHandleForReading.readDataToEndOfFile()
        archive.waitUntilExit()
        extract.waitUntilExit()
        guard archive.terminationStatus == 0, extract.terminationStatus == 0 else {
            try? FileManager.default.removeItem(at: target)
            let message = String(decoding: archive.terminationStatus != 0 ? gitMessage : tarMessage, as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
                .replacingOccurrences(of: "fatal: ", with: "")
            Terminal.error("cannot read \(trimmed) at revision \(revision): \(message)")
            Terminal.hint(
                "run it in the git repository; give a revision (HEAD~1, a tag, a commit) and the folder with --path")
            throw Exit.couldNotRun
        }
        return target
    }
}
