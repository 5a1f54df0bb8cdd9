import ArgumentParser
import ExerciseKit
import Foundation

extension CommsMap.Exercise {
    /// `exercise journal …`: the team journal.
    struct Journal: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Work with the team journal.",
            subcommands: [Verify.self])
    }
}

extension CommsMap.Exercise.Journal {
    /// `exercise journal verify`: check the hash chain.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the journal's hash chain: find edited, dropped and reordered entries.",
            discussion: """
                Every entry's hash must match its contents, every entry's prev must be the \
                hash of the line before it, and seq must run 1, 2, 3, … without gaps. Each \
                problem is reported with its line number. On success the number of entries and \
                the last entry's hash are printed: give that hash to control (or keep it \
                elsewhere), because entries cut from the end of a journal leave a valid chain \
                and only a copy of the last hash shows they are gone.

                Exit codes: 0 intact; 1 the journal was changed; 2 could not read it.

                Example:
                  commsmap exercise journal verify --journal cert-de.jsonl
                """)

        @Option(help: ArgumentHelp("The team journal. (default: commsmap-journal.jsonl)", valueName: "FILE"))
        var journal: String?

        func run() throws {
            let path = journal ?? ExerciseInput.defaultJournal
            let contents: JournalContents
            do {
                contents = try JournalFile(path: path).read()
            } catch {
                throw ExerciseFailure.report(error)
            }
            guard contents.isIntact else {
                for finding in contents.findings {
                    Terminal.error("\(finding.kind.rawValue): \(finding.message)", location: "\(path):\(finding.line)")
                }
                Terminal.hint("keep this journal as evidence and start a new one with --journal")
                throw Exit.negative
            }
            let last = contents.entries.last.map { ", last hash \($0.hash)" } ?? ""
            Terminal.output(
                "\(path): \(contents.entries.count) entr\(contents.entries.count == 1 ? "y" : "ies"), hash chain intact\(last)\n"
            )
        }
    }
}
