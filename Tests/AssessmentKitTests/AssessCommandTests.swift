import CommsMapTestSupport
import Foundation
import Testing

/// `commsmap assess` end to end: the built binary on a small inventory and policy set,
/// checking stdout, stderr and the exit code.
@Suite struct AssessCommandTests {
    static let inventoryFiles: [String: String] = [
        "Inventory/inventory.yaml": """
        title: Test inventory
        as_of: 2026-11-01
        schema: 1
        purposes:
          - id: crisis-coordination
            title: Crisis coordination
        properties:
          - id: end_to_end_encryption
            type: bool
            description: Only the endpoints can read
          - id: accreditations
            type: list
            of: marking
            description: Accreditations
        """,
        "Inventory/sources.yaml": """
        sources:
          - id: vendor-doc
            title: Vendor documentation
            kind: vendor
        """,
        "Inventory/tools/signal.yaml": """
        id: signal
        name: Signal
        category: messenger
        properties:
          end_to_end_encryption:
            value: true
            source: vendor-doc
            confidence: verified
          accreditations:
            value: []
            source: vendor-doc
            confidence: secondary
        """,
        "Inventory/tools/mail.yaml": """
        id: mail
        name: Mail
        category: email
        properties:
          end_to_end_encryption:
            value: false
            source: vendor-doc
            confidence: verified
        """,
        "Inventory/networks/cyclone.yaml": """
        id: cyclone
        name: EU-CyCLONe
        kind: crisis-liaison
        members:
          - id: anssi
            name: ANSSI
            country: FR
        uses:
          - tool: signal
            purposes: [crisis-coordination]
            role: primary
            onboarded: all
            source: vendor-doc
          - tool: mail
            purposes: [crisis-coordination]
            highest_classification: EU:RESTRICTED
            role: backup
            onboarded: all
            source: vendor-doc
        """,
        "Policies/crisis.yaml": """
        id: crisis
        title: Crisis coordination
        scope: usage
        applies_when: "usage.purposes contains 'crisis-coordination'"
        pass_score: 80
        criteria:
          - id: e2ee
            title: End-to-end encryption
            weight: 3
            mandatory: true
            rule: "tool.end_to_end_encryption"
          - id: accredited
            title: Accredited for the classification
            weight: 2
            rule: "tool.accreditations >= usage.highest_classification"
        waivers:
          - criterion: e2ee
            subject: cyclone/mail
            justification: Replacement ordered
            approved_by: Network chair
            expires: 2026-12-31
        """,
    ]

    static func workspace(replacing: [String: String] = [:]) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        for (path, text) in inventoryFiles.merging(replacing, uniquingKeysWith: { $1 }) {
            try directory.write(path, text + "\n")
        }
        return directory
    }

    static func assess(_ arguments: [String], in directory: TemporaryDirectory) throws -> ProcessResult {
        try ProcessRunner.run(TestPaths.commsmapBinary, ["assess"] + arguments, currentDirectory: directory.url)
    }

    @Test func assessesEveryUsageAndExplainsWhatDidNotPass() throws {
        let directory = try Self.workspace()
        let result = try Self.assess([], in: directory)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderrText.isEmpty, "\(result.stderrText)")
        let out = result.stdoutText
        #expect(out.contains("cyclone/signal  MEETS"))
        // Without accreditations stated, mail's worst case (60) is below 80, its best case
        // (100) is not: incomplete.
        #expect(out.contains("cyclone/mail  INCOMPLETE"))
        #expect(out.contains("score 60.0 = 100 × (passed 0 + waived 3) / applicable 5"))
        #expect(out.contains("waived (fail): e2ee (End-to-end encryption; weight 3, mandatory)"))
        #expect(
            out.contains(
                "tool.end_to_end_encryption = false (source vendor-doc, verified) at Inventory/tools/mail.yaml:6:12"))
        #expect(out.contains("unknown: accredited (Accredited for the classification; weight 2)"))
        #expect(out.contains("tool.accreditations: no value (unknown)"))
        #expect(
            out.contains(
                "usage.highest_classification = EU:RESTRICTED (source vendor-doc) at Inventory/networks/cyclone.yaml:14:5"
            ))
    }

    @Test func jsonIsParsableAndCarriesTheScores() throws {
        let directory = try Self.workspace()
        let result = try Self.assess(["--format", "json"], in: directory)
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.map { $0["subject"] as? String } == ["cyclone/mail", "cyclone/signal"])
        #expect((results[0]["score"] as? NSNumber)?.doubleValue == 60)
        #expect((results[0]["score_without_waivers"] as? NSNumber)?.doubleValue == 0)
        #expect((results[1]["score"] as? NSNumber)?.doubleValue == 100)
    }

    @Test func failUnderExitsOneAndStillPrintsTheData() throws {
        let directory = try Self.workspace()
        let result = try Self.assess(["--fail-under", "80", "--format", "csv"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdoutText.hasPrefix("policy,subject,"))
        #expect(result.stderrText.contains("1 subject score below 80: crisis: cyclone/mail (60.0)"))
        let passing = try Self.assess(["--fail-under", "60"], in: directory)
        #expect(passing.status == 0)
    }

    @Test func asOfExpiresWaiversAndSaysSo() throws {
        let directory = try Self.workspace()
        let result = try Self.assess(["--as-of", "2027-01-01", "--format", "md"], in: directory)
        #expect(result.status == 0)
        #expect(
            result.stderrText.contains(
                "Policies/crisis.yaml:17:5: warning: the waiver for 'e2ee' on 'cyclone/mail' expired on 2026-12-31"))
        #expect(result.stderrText.contains("[policy.waiver-expired]"))
        #expect(result.stdoutText.contains("| `cyclone/mail` | fails | 0.0 |"))
    }

    @Test func aRuleErrorExitsTwoWithLocationAndCaret() throws {
        let broken = Self.inventoryFiles["Policies/crisis.yaml"]!.replacingOccurrences(
            of: "rule: \"tool.end_to_end_encryption\"", with: "rule: \"tool.end_to_end_encryption and\"")
        let directory = try Self.workspace(replacing: ["Policies/crisis.yaml": broken])
        let result = try Self.assess([], in: directory)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let lines = result.stderrText.split(separator: "\n").map(String.init)
        let index = try #require(lines.firstIndex { $0.contains("[rule.syntax]") }, "\(result.stderrText)")
        // The rule ends after column 41 of the line; the error is where a value should be.
        let line = "    rule: \"tool.end_to_end_encryption and\""
        #expect(lines[index].hasPrefix("Policies/crisis.yaml:11:42: error: in the rule of criterion 'e2ee'"))
        #expect(lines[index + 1] == line)
        #expect(lines[index + 2] == String(repeating: " ", count: 41) + "^")
        #expect(line.count == 42)
    }

    @Test func anInvalidInventoryExitsTwo() throws {
        let directory = try Self.workspace(replacing: ["Inventory/tools/mail.yaml": "id: mail\nname: Mail\n"])
        let result = try Self.assess([], in: directory)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains("Inventory/tools/mail.yaml"))
    }

    @Test func anUnknownPolicyIDExitsTwoWithASuggestion() throws {
        let directory = try Self.workspace()
        let result = try Self.assess(["--policy", "crisiss"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderrText.contains("no policy with the id 'crisiss'"))
        #expect(result.stderrText.contains("did you mean 'crisis'?"))
    }

    @Test func aBadDateIsAUsageError() throws {
        let directory = try Self.workspace()
        let result = try Self.assess(["--as-of", "2027-13-01"], in: directory)
        #expect(result.status == 64)
        #expect(result.stderrText.contains("--as-of"))
    }
}
