import ArgumentParser
import ExerciseKit
import Foundation

extension CommsMap.Exercise {
    /// `exercise roster`: control signs the list of every team's card.
    struct Roster: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign the roster of an exercise: its id, time window, control's card and every team's card.",
            discussion: """
                Reads every card (*.yaml, *.yml) in --cards, checks its fingerprint, and signs \
                the roster with control's team identity. Teams check every message and receipt \
                against it, and pin control's key on first use. The signature is a block of \
                '#' lines at the end, so the file stays plain YAML; a card of control itself in \
                --cards is skipped.

                Exit codes: 0 written; 2 could not run (unreadable card or key, damaged card, \
                wrong passphrase); 64 usage error.

                Example:
                  commsmap exercise roster --exercise blue-olex-2026 --from 2026-10-06 --until 2026-10-08 \\
                    --cards cards/ --sign-with control.key -o roster.yaml
                """)

        @Option(help: ArgumentHelp("The exercise id, e.g. blue-olex-2026.", valueName: "ID"))
        var exercise: String

        @Option(
            help: ArgumentHelp(
                "Start of the exercise: a date (00:00:00Z that day) or an RFC 3339 UTC time. (default: today)",
                valueName: "DATE"))
        var from: String?

        @Option(
            help: ArgumentHelp(
                "End of the exercise: a date (23:59:59Z that day) or an RFC 3339 UTC time. (default: 6 days after --from)",
                valueName: "DATE"))
        var until: String?

        @Option(help: ArgumentHelp("The folder holding the teams' cards.", valueName: "DIR"))
        var cards: String

        @Option(
            name: .customLong("sign-with"),
            help: ArgumentHelp("Control's team identity (commsmap keygen -o).", valueName: "CONTROL_KEY"))
        var signWith: String

        @Option(
            name: .customLong("passphrase-file"),
            help: ArgumentHelp(
                "Read control's passphrase from this file. (default: ask on the terminal)", valueName: "F"))
        var passphraseFile: String?

        @Option(
            name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Write the roster here. (default: stdout)", valueName: "FILE"))
        var output: String?

        @OptionGroup var clock: ExerciseClockOptions

        func validate() throws {
            guard Identifier.isValid(exercise) else {
                throw ValidationError(
                    "'\(exercise)' is not a valid exercise id (lower-case letters, digits, '-', '_', '.', at most 64)")
            }
            if let from { _ = try Self.time(from, option: "--from", endOfDay: false) }
            if let until { _ = try Self.time(until, option: "--until", endOfDay: true) }
        }

        static func time(_ text: String, option: String, endOfDay: Bool) throws -> Timestamp {
            guard let time = Timestamp(rfc3339: text) ?? Timestamp(date: text, endOfDay: endOfDay) else {
                throw ValidationError("\(option) must be a date (2026-10-06) or an RFC 3339 UTC time, not '\(text)'")
            }
            return time
        }

        func run() throws {
            do {
                try write()
            } catch {
                throw ExerciseFailure.report(error)
            }
        }

        private func write() throws {
            let start =
                try from.map { try Self.time($0, option: "--from", endOfDay: false) }
                ?? Timestamp(date: clock.time.dateText) ?? clock.time
            let end =
                try until.map { try Self.time($0, option: "--until", endOfDay: true) }
                ?? start + TimeSpan.days(7) - TimeSpan(seconds: 1)
            let output = try AtomicOutput(path: output)
            let control = try ExerciseInput.identity(signWith, passphraseFile: passphraseFile)
            let teams = try readCards().filter { $0 != control.card }
            guard !teams.isEmpty else {
                throw CommandFailure(
                    message: "no team cards found in \(cards)", hint: "put each team's card (*.yaml) in that folder",
                    code: Exit.couldNotRun)
            }
            let roster = try ExerciseKit.Roster(
                exercise: exercise, from: start, until: end, control: control.card, teams: teams)
            try output.write(try roster.signed(by: control).fileContents)
            try output.commit()
        }

        /// Every card in the folder, in file name order; other YAML files are skipped with a
        /// warning.
        private func readCards() throws -> [TeamCard] {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: cards)
            } catch {
                throw CommandFailure(message: "cannot read the folder \(cards)", hint: nil, code: Exit.couldNotRun)
            }
            var found: [TeamCard] = []
            for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                let path = URL(fileURLWithPath: cards).appendingPathComponent(name).path
                let contents = try ExerciseInput.read(path)
                guard TeamCard.looksLikeCard(contents) else {
                    Terminal.warning("skipping \(path): not a commsmap card")
                    continue
                }
                found.append(try TeamKeyFailure.about(path) { try TeamCard(fileContents: contents) })
            }
            return found
        }
    }
}
