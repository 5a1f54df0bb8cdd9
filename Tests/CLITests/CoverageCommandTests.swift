import CommsMapTestSupport
import Foundation
import Testing

/// `commsmap coverage` end to end on the built binary: output, scenarios and exit codes.
@Suite struct CoverageCommandTests {
    private func run(_ arguments: [String], in directory: TemporaryDirectory) throws -> ProcessResult {
        try MappingWorkspace.run(["coverage"] + arguments, in: directory)
    }

    @Test func showsStatusesUsagesOnboardingAndPairs() throws {
        let directory = try MappingWorkspace.make()
        let result = try run([], in: directory)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderrText.isEmpty, "\(result.stderrText)")
        let out = result.stdoutText
        #expect(out.contains("3 cells: 2 covered, 0 below-target, 0 single-point, 0 gap, 0 incomplete, 1 no-policy\n"))
        #expect(out.contains("civ  Civilian network (civilian, 2 members listed)\n"))
        #expect(out.contains("    meets: chat, old, radio (3 tools; operators op1, op3, op4)\n"))
        #expect(out.contains("    - mail (op2, backup): fails (crisis: fails 0.0); onboarded 1 of 2 (50.0%)\n"))
        #expect(
            out.contains("    - radio (op3, backup): meets (crisis: meets 100.0); onboarded 1 listed of 2 (50.0%)\n"))
        #expect(out.contains("  threat-intel-sharing  NO-POLICY  no usage policy judges these usages\n"))
        #expect(out.contains("  crisis-coordination  civ and mil: chat, radio\n"))
    }

    @Test func internetOutageSaysUnknownCountsAsDroppedAndWhatBreaks() throws {
        let directory = try MappingWorkspace.make()
        let result = try run(["--scenario", "internet-outage", "--format", "json"], in: directory)
        #expect(result.status == 0, "\(result.stderrText)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let scenario = try #require((object["scenarios"] as? [[String: Any]])?.first)
        #expect(scenario["id"] as? String == "internet-outage")
        #expect((scenario["description"] as? String)?.contains("counted as dropped") == true)
        let dropped = try #require(scenario["dropped"] as? [[String: Any]])
        #expect(
            dropped.map { "\($0["tool"] as? String ?? "") \($0["reason"] as? String ?? "")" } == [
                "chat unknown", "mail rule", "old unknown",
            ])
        let changes = try #require(scenario["changes"] as? [[String: Any]])
        #expect(
            changes.map { change in
                let after = change["after"] as? [String: Any]
                return "\(change["network"] as? String ?? "") \(after?["status"] as? String ?? "")"
            } == ["civ single-point", "mil single-point"])
        #expect((scenario["interoperability_changes"] as? [Any])?.isEmpty == true)

        let text = try run(["--scenario", "internet-outage"], in: directory)
        #expect(text.stdoutText.contains("where drop_when is unknown (counted as dropped)"))
        #expect(text.stdoutText.contains("    - chat: tool.internet_independent: no value (unknown)\n"))
        #expect(text.stdoutText.contains("    - civ/crisis-coordination: covered -> single-point\n"))
    }

    @Test func withoutToolsTogetherListsLostInteroperability() throws {
        let directory = try MappingWorkspace.make()
        let result = try run(["--without", "chat", "--without", "radio", "--network", "mil"], in: directory)
        #expect(result.status == 0, "\(result.stderrText)")
        let out = result.stdoutText
        #expect(out.contains("Scenario without: Without chat, radio\n"))
        #expect(out.contains("    - mil/crisis-coordination: covered -> gap\n"))
        #expect(!out.contains("civ/crisis-coordination: covered"))
        #expect(out.contains("    - crisis-coordination  civ and mil: established (chat, radio) -> none\n"))
    }

    @Test func aScenarioFileIsReadAndCsvHasARowPerChange() throws {
        let directory = try MappingWorkspace.make()
        try directory.write(
            "old-gone.yaml",
            """
            id: old-gone
            title: The old system is switched off
            without: [old]
            drop_when: "not tool.end_to_end_encryption"
            """)
        let result = try run(["--scenario", "old-gone.yaml", "--format", "csv"], in: directory)
        #expect(result.status == 0, "\(result.stderrText)")
        let rows = result.stdoutText.split(separator: "\r\n").map(String.init)
        #expect(rows.count == 1 + 3, "\(rows)")
        #expect(rows.first?.hasPrefix("scenario,network,purpose,status,") == true)
        // mail fails and old is listed: civ keeps chat and radio, still covered. Nothing changes.
        #expect(rows.allSatisfy { !$0.hasPrefix("old-gone,") })
        let text = try run(["--scenario", "old-gone.yaml"], in: directory)
        #expect(
            text.stdoutText.contains(
                "  Dropped 2 tools (2 used in the cells shown): 1 listed, 1 where drop_when holds, 0 where drop_when is unknown (counted as dropped)\n"
            ))
        #expect(text.stdoutText.contains("  Breaks nothing in the cells shown.\n"))
    }

    @Test func anInvalidScenarioFileExitsTwoWithItsPlace() throws {
        let directory = try MappingWorkspace.make()
        try directory.write(
            "broken.yaml",
            """
            id: broken
            title: Broken
            drop_when: "tool.end_to_end_encryption >= 2"
            """)
        let result = try run(["--scenario", "broken.yaml"], in: directory)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let lines = result.stderrText.split(separator: "\n").map(String.init)
        let index = try #require(lines.firstIndex { $0.contains("[rule.type]") }, "\(result.stderrText)")
        #expect(lines[index].hasPrefix("broken.yaml:3:13: error: in drop_when of scenario 'broken': "))
        #expect(lines[index + 1] == "drop_when: \"tool.end_to_end_encryption >= 2\"")
        #expect(lines[index + 2].hasPrefix(String(repeating: " ", count: 12) + "^"))
    }

    @Test func unknownIdsOnTheCommandLineExitTwoWithSuggestions() throws {
        let directory = try MappingWorkspace.make()
        let tool = try run(["--without", "chta"], in: directory)
        #expect(tool.status == 2)
        #expect(tool.stdout.isEmpty)
        #expect(
            tool.stderrText.contains("--without chta: no tool with this id in the inventory [scenario.unknown-tool]"))
        #expect(tool.stderrText.contains("did you mean 'chat'?"))
        let network = try run(["--network", "mill"], in: directory)
        #expect(network.status == 2)
        #expect(network.stderrText.contains("[coverage.unknown-network]"))
        let scenario = try run(["--scenario", "internet-outgae"], in: directory)
        #expect(scenario.status == 2)
        #expect(scenario.stderrText.contains("did you mean 'internet-outage'?"))
    }

    @Test func anUnreadableOrInvalidInputExitsTwo() throws {
        let directory = try MappingWorkspace.make()
        let missing = try run(["--inventory", "nowhere"], in: directory)
        #expect(missing.status == 2)
        #expect(missing.stderrText.contains("no inventory directory at nowhere"))

        let invalid = try MappingWorkspace.make(replacing: ["Inventory/tools/mail.yaml": "id: mail\n"])
        let result = try run([], in: invalid)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains("Inventory/tools/mail.yaml"))

        let policies = try run(["--policies", "nowhere"], in: directory)
        #expect(policies.status == 2)
        #expect(policies.stderrText.contains("[policy.unreadable]"))
    }

    @Test func aBadFormatOrDateIsAUsageError() throws {
        let directory = try MappingWorkspace.make()
        #expect(try run(["--format", "html"], in: directory).status == 64)
        #expect(try run(["--as-of", "2026-02-30"], in: directory).status == 64)
    }
}
