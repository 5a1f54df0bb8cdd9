import AssessmentKit
import InventoryKit
import ReportKit
import Testing

/// The numbers the report computes once, on the sample world whose coverage is worked
/// out by hand in `ReportFixtures.sampleInventory()`.
@Suite struct ReportBuilderTests {
    @Test func coverageStatusesAndCounts() throws {
        let report = try ReportFixtures.sample()
        let statuses = Dictionary(
            uniqueKeysWithValues: report.coverage.cells.map { ("\($0.network)/\($0.purpose)", $0.status) })
        #expect(
            statuses == [
                "north/chat": "covered", "north/voice": "single-point", "south/chat": "single-point",
                "south/files": "gap", "west/files": "below-target", "west/voice": "incomplete",
            ])
        #expect(
            report.coverage.statusCounts.map { "\($0.status) \($0.cells)" } == [
                "gap 1", "single-point 2", "below-target 1", "incomplete 1", "covered 1", "no-policy 0",
            ])
        // Every network and purpose of the inventory is a row or column of the heat map.
        #expect(report.coverage.networks.map(\.id) == ["north", "south", "west"])
        #expect(report.coverage.purposes.map(\.id) == ["chat", "voice", "files", "alerting"])
        let westVoice = try #require(report.coverage.cells.first { $0.network == "west" && $0.purpose == "voice" })
        #expect(westVoice.worstCase == "gap" && westVoice.bestCase == "single-point")
        #expect(westVoice.possibleTools == ["echo"] && westVoice.meetingTools == [])
    }

    @Test func gapsComeFirstThenSinglePointsThenCellsAtRisk() throws {
        let gaps = try ReportFixtures.sample().gaps
        #expect(
            gaps.map { "\($0.kind.rawValue) \($0.network)/\($0.purpose)" } == [
                "gap south/files", "single-point north/voice", "single-point south/chat", "at-risk west/voice",
            ])
        #expect(gaps[1].meetingTools == ["alpha"])
    }

    @Test func onboardingAndInteroperability() throws {
        let report = try ReportFixtures.sample()
        let chat = try #require(report.coverage.cells.first { $0.network == "north" && $0.purpose == "chat" })
        #expect(chat.usages.map(\.onboardedText) == ["all (2 of 2, 100.0%)", "1 of 2 (50.0%)"])
        #expect(chat.usages.map(\.onboardedShare) == [Percentage(100), Percentage(50)])
        #expect(
            report.coverage.pairs.map { "\($0.purpose) \($0.first)+\($0.second) \($0.state) \($0.tools)" } == [
                "chat north+south established [\"alpha\"]"
            ])
    }

    @Test func theInternetOutageDropsEveryToolNotShownToWorkOffline() throws {
        let scenario = try #require(try ReportFixtures.sample().scenarios.first)
        #expect(scenario.id == "internet-outage")
        #expect(
            scenario.dropped.map { "\($0.tool) \($0.reason)" } == [
                "bravo rule", "charlie unknown", "delta unknown", "echo unknown",
            ])
        #expect(scenario.droppedByReason.map { "\($0.reason) \($0.tools)" } == ["listed 0", "rule 1", "unknown 3"])
        #expect(
            scenario.breaks.map { "\($0.network)/\($0.purpose) \($0.before)→\($0.after) \($0.droppedTools)" } == [
                "north/chat covered→single-point [\"bravo\"]",
                "west/files below-target→single-point [\"delta\"]",
                "west/voice incomplete→gap [\"echo\"]",
            ])
        #expect(scenario.breaks.last?.beforeText == "incomplete (gap to single-point)")
        #expect(scenario.statusCounts.first { $0.status == "covered" }?.cells == 0)
    }

    @Test func scoresVerdictsAndWhereTheyComeFrom() throws {
        let report = try ReportFixtures.sample()
        #expect(report.policies.map(\.id) == ["baseline", "secure"])
        let baseline = report.policies[0]
        #expect(
            report.subjects[baseline.subjectRange].map(\.subject) == ["alpha", "bravo", "charlie", "delta", "echo"])
        #expect(report.subjects[report.policies[1].subjectRange].allSatisfy { $0.policy == "secure" })
        let charlie = try #require(report.subjects.first { $0.policy == "baseline" && $0.subject == "charlie" })
        // e2ee fails but is waived (3 of 4), open source is unknown.
        #expect(charlie.score.description == "75.0")
        #expect(charlie.scoreWithoutWaivers.description == "0.0")
        #expect(charlie.verdict == .meets)
        let e2ee = try #require(charlie.criteria.first { $0.criterion == "e2ee" })
        #expect(e2ee.outcome == .waived && e2ee.underlying == .fail)
        #expect(e2ee.facts.first?.sourceURL == "https://example.org/a?x=1&y=2")
        #expect(baseline.verdicts == VerdictCounts(meets: 4, incomplete: 1, fails: 0))
        #expect(report.verdictCounts.total == report.subjects.count)
        #expect(report.sources.map(\.id) == ["doc-a", "doc-b"])
    }

    @Test func toolScoresListEverySubjectOfATool() throws {
        let report = try ReportFixtures.sample()
        let alpha = try #require(report.toolScores.first { $0.tool == "alpha" })
        #expect(alpha.scores.map(\.subject) == ["alpha", "north/alpha", "south/alpha", "west/alpha"])
        #expect(report.toolScores.map(\.tool) == ["alpha", "bravo", "charlie", "delta", "echo"])
        #expect(report.toolScores.reduce(0) { $0 + $1.scores.count } == report.subjects.count)
    }

    @Test func theDateIsTheAsOfGiven() throws {
        let later = CalendarDate(year: 2027, month: 2, day: 1)!
        let report = try ReportFixtures.build(
            ReportFixtures.sampleInventory(), ReportFixtures.samplePolicies(), asOf: later)
        #expect(report.asOf == later)
        #expect(report.inventoryAsOf == ReportFixtures.asOf)
        // The waiver expired on 2027-01-01: charlie now fails its mandatory criterion.
        let charlie = try #require(report.subjects.first { $0.policy == "baseline" && $0.subject == "charlie" })
        #expect(charlie.verdict == .fails)
        #expect(report.diagnostics.contains { $0.code == "policy.waiver-expired" })
    }

    /// Without `internet_independent` in the catalogue the internet-outage scenario cannot
    /// run: it is left out with a warning, and the report is still built.
    @Test func aScenarioTheInventoryCannotRunIsLeftOutWithAWarning() throws {
        var inventory = ReportFixtures.sampleInventory()
        inventory.catalogue.removeAll { $0.id == "internet_independent" }
        for index in inventory.tools.indices { inventory.tools[index].properties["internet_independent"] = nil }
        let (scenarios, diagnostics) = ReportBuilder.namedScenarios(for: inventory)
        #expect(scenarios.isEmpty)
        #expect(diagnostics.map(\.severity) == [.warning])
        #expect(diagnostics.first?.code == ReportBuilder.scenarioLeftOut)
        #expect(diagnostics.first?.message.contains("internet-outage") == true)
        let report = try ReportFixtures.build(inventory, ReportFixtures.samplePolicies())
        #expect(report.scenarios.isEmpty)
        #expect(!report.coverage.cells.isEmpty)
    }
}
