import CommsMapTestSupport
import Foundation
import Testing

/// `commsmap diff` end to end: two revisions of a test inventory in a temporary git
/// repository, and two directories; the changes found are exactly the ones planted.
@Suite struct DiffCommandTests {
    /// The changes planted in the second commit: a tool added (`new`), a tool removed
    /// (`old`, with its usage), a property value changed (mail's E2EE), a usage removed
    /// (`civ/radio`), a source changed (chat's E2EE now cites `audit`).
    static let planted: [String: String?] = [
        "Inventory/tools/new.yaml": """
        id: new
        name: New tool
        category: messenger
        operator: op5
        """,
        "Inventory/tools/old.yaml": nil,
        "Inventory/tools/mail.yaml": MappingWorkspace.files["Inventory/tools/mail.yaml"]!.replacingOccurrences(
            of: "value: false\n    source: doc\n    confidence: verified\n  internet_independent",
            with: "value: true\n    source: doc\n    confidence: verified\n  internet_independent"),
        "Inventory/tools/chat.yaml": MappingWorkspace.files["Inventory/tools/chat.yaml"]!.replacingOccurrences(
            of: "source: doc", with: "source: audit"),
        "Inventory/networks/civ.yaml": MappingWorkspace.files["Inventory/networks/civ.yaml"]!.replacingOccurrences(
            of: """
                  - tool: radio
                    purposes: [crisis-coordination]
                    role: backup
                    onboarded: [a]
                    source: doc
                  - tool: old
                    purposes: [crisis-coordination]
                    role: ad-hoc
                    source: doc
                """, with: ""),
    ]

    /// A git repository with the workspace committed, then the planted changes committed.
    static func repository() throws -> TemporaryDirectory {
        let directory = try MappingWorkspace.make()
        try git(["init", "-q"], in: directory)
        try git(["add", "-A"], in: directory)
        try git(["commit", "-q", "-m", "first stock-take"], in: directory)
        try MappingWorkspace.write(into: directory, replacing: planted)
        try git(["add", "-A"], in: directory)
        try git(["commit", "-q", "-m", "second stock-take"], in: directory)
        return directory
    }

    @discardableResult
    static func git(_ arguments: [String], in directory: TemporaryDirectory) throws -> ProcessResult {
        let git = try #require(ProcessRunner.which("git"), "git is needed for diff --git")
        let identity = [
            "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false",
            "-c", "init.defaultBranch=main",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["HOME"] = directory.url.path
        let result = try ProcessRunner.run(
            git, identity + arguments, currentDirectory: directory.url, environment: environment)
        try #require(result.status == 0, "git \(arguments): \(result.stderrText)")
        return result
    }

    private func diff(_ arguments: [String], in directory: TemporaryDirectory) throws -> ProcessResult {
        try MappingWorkspace.run(["diff"] + arguments, in: directory)
    }

    @Test func gitRevisionsShowExactlyThePlantedChanges() throws {
        let directory = try Self.repository()
        let result = try diff(["--git", "HEAD~1", "HEAD", "--format", "json"], in: directory)
        #expect(result.status == 1, "\(result.stderrText)")
        #expect(result.stderrText.isEmpty, "\(result.stderrText)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        func entities(_ key: String) -> [String] {
            (object[key] as? [[String: Any]] ?? []).map {
                "\($0["kind"] as? String ?? "") \($0["id"] as? String ?? "")"
            }
        }
        #expect(entities("added") == ["tool new"])
        #expect(entities("removed") == ["tool old", "usage civ/old", "usage civ/radio"])
        #expect((object["field_changes"] as? [Any])?.isEmpty == true)

        let properties = try #require(object["property_changes"] as? [[String: Any]])
        func side(_ change: [String: Any], _ key: String) -> String {
            guard let value = change[key] as? [String: Any] else { return "-" }
            return
                "\(value["value"] as? Bool ?? false) \(value["source"] as? String ?? "-") \(value["confidence"] as? String ?? "-")"
        }
        #expect(
            properties.map {
                "\($0["tool"] as? String ?? "").\($0["property"] as? String ?? ""): \(side($0, "before")) -> \(side($0, "after"))"
            } == [
                "chat.end_to_end_encryption: true doc verified -> true audit verified",
                "mail.end_to_end_encryption: false doc verified -> true doc verified",
            ])
        let location = (properties[0]["after"] as? [String: Any])?["location"] as? String
        #expect(location == "HEAD:Inventory/tools/chat.yaml:7:12")

        let verdicts = try #require(object["verdict_changes"] as? [[String: Any]])
        #expect(
            verdicts.map {
                "\($0["policy"] as? String ?? "") \($0["subject"] as? String ?? ""): \($0["before"] as? String ?? "-") -> \($0["after"] as? String ?? "-")"
            } == ["crisis civ/mail: fails -> meets", "crisis civ/old: meets -> -", "crisis civ/radio: meets -> -"])
        // civ keeps two meeting tools of two operators (chat, mail): still covered.
        #expect((object["coverage_changes"] as? [Any])?.isEmpty == true)
        #expect(object["changes"] as? Int == 1 + 3 + 2 + 3)
        let before = try #require(object["before"] as? [String: Any])
        #expect(before["label"] as? String == "HEAD~1:Inventory")
    }

    @Test func gitTextNamesEachChange() throws {
        let directory = try Self.repository()
        let result = try diff(["--git", "HEAD~1", "HEAD", "--path", "Inventory"], in: directory)
        #expect(result.status == 1, "\(result.stderrText)")
        let out = result.stdoutText
        #expect(
            out.hasPrefix("Inventory diff: HEAD~1:Inventory (as_of 2026-11-01) -> HEAD:Inventory (as_of 2026-11-01)\n"))
        #expect(out.contains("\nAdded:\n  + tool new\n"))
        #expect(out.contains("\nRemoved:\n  - tool old\n  - usage civ/old\n  - usage civ/radio\n"))
        #expect(
            out.contains(
                "  ~ tool chat: end_to_end_encryption: true (source doc, verified) -> true (source audit, verified) at HEAD:Inventory/tools/chat.yaml:7:12\n"
            ))
        #expect(out.contains("  ~ crisis civ/mail: fails (0.0) -> meets (100.0)\n"))
        #expect(out.hasSuffix("\n9 changes.\n"))
    }

    @Test func theSameRevisionTwiceHasNoChangeAndExitsZero() throws {
        let directory = try Self.repository()
        let result = try diff(["--git", "HEAD", "HEAD"], in: directory)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.hasSuffix("\nNo changes.\n"))
        let markdown = try diff(["--git", "HEAD", "HEAD", "--format", "md"], in: directory)
        #expect(markdown.status == 0)
        #expect(markdown.stdoutText.contains("no changes."))
    }

    @Test func anUnknownRevisionOrFolderExitsTwo() throws {
        let directory = try Self.repository()
        let revision = try diff(["--git", "no-such-tag", "HEAD"], in: directory)
        #expect(revision.status == 2)
        #expect(revision.stdout.isEmpty)
        #expect(revision.stderrText.contains("cannot read Inventory at revision no-such-tag"))
        let folder = try diff(["--git", "HEAD~1", "HEAD", "--path", "Inventry"], in: directory)
        #expect(folder.status == 2)
        #expect(folder.stderrText.contains("cannot read Inventry at revision HEAD~1"))
    }

    @Test func anInvalidRevisionExitsTwoWithItsPlace() throws {
        let directory = try Self.repository()
        try MappingWorkspace.write(
            into: directory,
            replacing: Self.planted.merging(["Inventory/tools/new.yaml": "id: new\nname: New\n"]) { $1 }
        )
        try Self.git(["commit", "-q", "-a", "-m", "broken"], in: directory)
        let result = try diff(["--git", "HEAD~1", "HEAD"], in: directory)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains("HEAD:Inventory/tools/new.yaml:1:1: error:"))
        #expect(result.stderrText.contains("the inventory HEAD:Inventory is invalid"))
    }

    @Test func directoriesAreComparedToo() throws {
        let before = try MappingWorkspace.make()
        let after = try MappingWorkspace.make(replacing: Self.planted)
        let changed = try ProcessRunner.run(
            TestPaths.commsmapBinary,
            [
                "diff", before.path("Inventory").path, after.path("Inventory").path, "--policies",
                before.path("Policies").path,
            ])
        #expect(changed.status == 1, "\(changed.stderrText)")
        #expect(changed.stdoutText.contains("  - usage civ/radio\n"))
        let same = try ProcessRunner.run(
            TestPaths.commsmapBinary,
            [
                "diff", before.path("Inventory").path, before.path("Inventory").path, "--policies",
                before.path("Policies").path,
            ])
        #expect(same.status == 0, "\(same.stderrText)")
        #expect(same.stdoutText.hasSuffix("No changes.\n"))
    }

    @Test func withoutPoliciesOnlyTheInventoriesAreCompared() throws {
        let before = try MappingWorkspace.make()
        let after = try MappingWorkspace.make(replacing: Self.planted)
        let result = try ProcessRunner.run(
            TestPaths.commsmapBinary, ["diff", before.path("Inventory").path, after.path("Inventory").path],
            currentDirectory: FileManager.default.temporaryDirectory)
        #expect(result.status == 1)
        #expect(
            result.stderrText.contains("warning: no policy folder Policies; verdicts and coverage are not compared"))
        #expect(result.stdoutText.contains("Verdicts and coverage: not compared (no policy)"))
        #expect(result.stdoutText.hasSuffix("\n6 changes.\n"))
    }

    @Test func aMissingDirectoryExitsTwoAndBadArgumentsAreUsageErrors() throws {
        let directory = try MappingWorkspace.make()
        let missing = try diff(["Inventory", "nowhere"], in: directory)
        #expect(missing.status == 2)
        #expect(missing.stderrText.contains("no inventory directory at nowhere"))
        #expect(try diff(["Inventory"], in: directory).status == 64)
        #expect(try diff(["Inventory", "Inventory", "--path", "x"], in: directory).status == 64)
        #expect(try diff(["Inventory", "Inventory", "--format", "csv"], in: directory).status == 64)
    }
}
