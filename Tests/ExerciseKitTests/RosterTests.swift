import Foundation
import Testing

@testable import ExerciseKit

/// Rosters: their bytes, strict reading, and what a verifying team accepts.
@Suite struct RosterTests {
    let fixture: ExerciseFixture

    init() throws {
        fixture = try ExerciseFixture()
    }

    @Test func layout() throws {
        let text = String(decoding: fixture.signedRoster.fileContents, as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(
            lines[0...4] == [
                "commsmap_roster: 1", "exercise: blue-olex-2026", "from: 2026-10-06T00:00:00Z",
                "until: 2026-10-08T23:59:59Z", "control:",
            ])
        #expect(lines[5] == "  commsmap_card: 1")
        #expect(lines[6] == "  team: exercise-control")
        #expect(lines.contains("teams:"))
        #expect(lines.contains("  - commsmap_card: 1"))
        #expect(lines.contains("    team: cert-de"))
        #expect(lines.contains("# trusted comment: commsmap roster v1 exercise=blue-olex-2026"))
        // Teams are sorted by id.
        let teams = lines.filter { $0.hasPrefix("    team: ") }
        #expect(teams == teams.sorted())
        #expect(teams.count == 5)
    }

    @Test func readsBack() throws {
        let signed = try SignedRoster(fileContents: fixture.rosterFile, key: .firstUse)
        #expect(signed.roster == fixture.roster)
        #expect(signed.signingKey == fixture.control.card.minisignPublicKey)
        #expect(signed.roster.card(for: "cert-it") == fixture.team("cert-it").card)
        #expect(signed.roster.card(for: "exercise-control") == fixture.control.card)
        #expect(signed.roster.card(for: "cert-xx") == nil)
        // A YAML parser reads the signature block as comments.
        let withExplicitKey = try SignedRoster(
            fileContents: fixture.rosterFile, key: .explicit(fixture.control.card.minisignPublicKey))
        #expect(withExplicitKey.sha256 == signed.sha256)
    }

    /// Names that YAML would read as something else are quoted in the embedded cards, and
    /// the roster still has one canonical form.
    @Test func quotedNamesRoundTrip() throws {
        let names = ["yes", "CERT: \"FR\" #1", "Bundesamt für Sicherheit", "12"]
        let teams = try names.enumerated().map { index, name in
            try TeamIdentity.generate(team: TeamID("team-\(index)"), name: name).card
        }
        let roster = try Roster(
            exercise: "quoting", from: ExerciseFixture.from, until: ExerciseFixture.until,
            control: fixture.control.card,
            teams: teams)
        let signed = try roster.signed(by: fixture.control)
        let read = try SignedRoster(fileContents: signed.fileContents, key: .firstUse)
        #expect(read.roster.teams.map(\.name) == names)
        #expect(String(decoding: signed.text.body, as: UTF8.self).contains(#"    name: "yes""#))
    }

    @Test func onlyControlSigns() throws {
        #expect(throws: ExerciseError.self) { _ = try fixture.roster.signed(by: fixture.team("cert-de")) }
    }

    @Test(arguments: [
        ("commsmap_roster: 1", "commsmap_roster: 2"),
        ("exercise: blue-olex-2026\n", "exercise: blue-olex-2026\nextra: 1\n"),
        ("from: 2026-10-06T00:00:00Z", "from: 2026-10-06"),
        ("from: 2026-10-06T00:00:00Z", "from: 2026-10-09T00:00:00Z"),
        ("    team: cert-de", "    team: cert-zz"),
        ("commsmap_roster: 1\n", "commsmap_roster: 1\n# comment\n"),
    ])
    func strictReading(_ change: (String, String)) throws {
        let body = String(decoding: fixture.signedRoster.text.body, as: UTF8.self)
        let changed = body.replacingOccurrences(of: change.0, with: change.1)
        #expect(changed != body)
        #expect(throws: ExerciseError.self) { _ = try Roster(body: Array(changed.utf8)) }
    }

    @Test func refusesDuplicatesAndControlAsTeam() throws {
        let card = fixture.team("cert-de").card
        #expect(throws: ExerciseError.self) {
            _ = try Roster(
                exercise: "x", from: ExerciseFixture.from, until: ExerciseFixture.until, control: fixture.control.card,
                teams: [card, card])
        }
        #expect(throws: ExerciseError.self) {
            _ = try Roster(
                exercise: "x", from: ExerciseFixture.from, until: ExerciseFixture.until, control: fixture.control.card,
                teams: [fixture.control.card])
        }
        #expect(throws: ExerciseError.self) {
            _ = try Roster(
                exercise: "x", from: ExerciseFixture.until, until: ExerciseFixture.from, control: fixture.control.card,
                teams: [card])
        }
    }

    /// The trusted comment names the exercise: a roster cannot be relabelled.
    @Test func trustedCommentMustNameTheExercise() throws {
        let signed = fixture.signedRoster
        let forged = try SignedText.sign(
            signed.text.body, with: fixture.control.signingKey, trustedComment: "commsmap roster v1 exercise=other",
            untrustedComment: "u")
        #expect(throws: ExerciseError.self) { _ = try SignedRoster(fileContents: forged.fileContents, key: .firstUse) }
    }
}
