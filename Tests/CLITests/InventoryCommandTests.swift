import CommsMapTestSupport
import Foundation
import Testing

/// End-to-end runs of `validate`, `inventory list/show` and `schema` on the built binary.
@Suite struct InventoryCommandTests {
    static let valid = TestPaths.repository("Tests/InventoryKitTests/Fixtures/valid")

    private func run(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run(TestPaths.commsmapBinary, arguments)
    }

    /// The valid fixture in a temporary directory, with some files replaced.
    private func copy(replacing files: [String: String] = [:]) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let manager = FileManager.default
        let enumerator = try #require(manager.enumerator(atPath: Self.valid.path))
        while let relative = enumerator.nextObject() as? String {
            let source = Self.valid.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: source.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                try directory.write(relative, try Data(contentsOf: source))
            }
        }
        for (name, text) in files { try directory.write(name, text) }
        return directory
    }

    // MARK: validate

    @Test func validateAcceptsAValidInventory() throws {
        let result = try run(["validate", "--inventory", Self.valid.path])
        #expect(result.status == 0)
        #expect(result.stdoutText == "Inventory: 2 networks, 3 tools, 3 usages, 0 errors, 0 warnings\n")
        #expect(result.stderrText == "")
    }

    /// Yams prints a line to stdout from any parse that uses its default encoding while
    /// YAMS_DEFAULT_ENCODING is set; commsmap's output must not change with the environment.
    @Test func yamsEnvironmentDoesNotReachTheOutput() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["YAMS_DEFAULT_ENCODING"] = "UTF8"
        let result = try ProcessRunner.run(
            TestPaths.commsmapBinary, ["validate", "--inventory", Self.valid.path], environment: environment)
        #expect(result.status == 0)
        #expect(result.stdoutText == "Inventory: 2 networks, 3 tools, 3 usages, 0 errors, 0 warnings\n")
    }

    @Test func validateReportsEveryProblemWithLocationCodeAndHint() throws {
        let directory = try copy(replacing: [
            "tools/misp.yaml": """
            id: misp
            nmae: MISP
            name: MISP
            category: threat-intel-platform
            properties:
              open_source: yes
            """,
            "networks/eu-cyclone.yaml": """
            id: eu-cyclone
            name: EU-CyCLONe
            kind: crisis-liaison
            uses:
              - tool: secure-mail
                purposes: [crisis-coordination]
                highest_tlp: EU:RESTRICTED
                role: primary
                confidence: unverified
            """,
        ])
        let root = directory.url.path
        let result = try run(["validate", "--inventory", root])
        #expect(result.status == 1)
        #expect(result.stdoutText == "Inventory: 2 networks, 3 tools, 3 usages, 3 errors, 0 warnings\n")
        let lines = result.stderrText.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "\(root)/networks/eu-cyclone.yaml:7:18: error: 'highest_tlp' is EU:RESTRICTED, a marking of the EU scale [inventory.wrong-scale]",
                "\(root)/networks/eu-cyclone.yaml:7:18: hint: highest_tlp takes a TLP marking (TLP:CLEAR … TLP:RED); a classification goes in highest_classification",
                "\(root)/tools/misp.yaml:2:1: error: unknown key 'nmae' in the tool 'misp' [inventory.unknown-key]",
                "\(root)/tools/misp.yaml:2:1: hint: did you mean 'name'?",
                "\(root)/tools/misp.yaml:6:16: error: 'open_source' of the tool 'misp' should be true or false (the catalogue types 'open_source' as bool), not text ('yes') [inventory.property-type]",
                "\(root)/tools/misp.yaml:6:16: hint: write true or false",
            ])
    }

    @Test func validateCountsWarningsAndStrictFailsOnThem() throws {
        let directory = try copy(replacing: [
            "tools/extra.yaml": "id: extra\nname: Extra\ncategory: chat\nproperties:\n  open_source: true\n"
        ])
        let relaxed = try run(["validate", "--inventory", directory.url.path])
        #expect(relaxed.status == 0)
        #expect(relaxed.stdoutText == "Inventory: 2 networks, 4 tools, 3 usages, 0 errors, 1 warning\n")
        #expect(relaxed.stderrText.contains("tools/extra.yaml:5:16: warning: "))
        #expect(relaxed.stderrText.contains("[inventory.unsourced]"))
        let strict = try run(["validate", "--strict", "--inventory", directory.url.path])
        #expect(strict.status == 1)
    }

    @Test func validateExitsTwoWhenTheDirectoryCannotBeRead() throws {
        let result = try run(["validate", "--inventory", "/nonexistent/inventory"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderrText
                == "commsmap: error: no inventory directory at /nonexistent/inventory [inventory.directory-not-found]\n"
                + "commsmap: hint: give the folder that holds inventory.yaml with --inventory DIR\n")
    }

    @Test func validateWithoutInventoryYAMLIsInvalid() throws {
        let directory = try TemporaryDirectory()
        let result = try run(["validate", "--inventory", directory.url.path])
        #expect(result.status == 1)
        #expect(result.stdoutText == "Inventory: not usable, 1 error, 0 warnings\n")
        #expect(result.stderrText.hasPrefix("commsmap: error: there is no inventory.yaml in this directory [inventory.missing-file]\n"))
    }

    @Test func validateDefaultsToTheInventoryFolder() throws {
        let directory = try copy()
        let result = try ProcessRunner.run(
            TestPaths.commsmapBinary, ["validate"], currentDirectory: directory.url.deletingLastPathComponent())
        // The temporary folder's parent has no Inventory/ folder.
        #expect(result.status == 2)
        #expect(result.stderrText.contains("no inventory directory at Inventory"))
    }

    @Test func helpNamesEveryDefault() throws {
        /// Help text with line wrapping undone.
        func help(_ arguments: [String]) throws -> String {
            let result = try run(arguments + ["--help"])
            #expect(result.status == 0)
            return result.stdoutText.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let validate = try help(["validate"])
        #expect(validate.contains("(default: Inventory)"))
        #expect(validate.contains("(default: off)"))
        #expect(try help(["inventory", "list"]).contains("default: text)"))
        #expect(try help(["inventory", "show"]).contains("default: text)"))
        let schema = try help(["schema"])
        #expect(schema.contains("(default: every kind)"))
        #expect(schema.contains("(default: stdout)"))
        #expect(schema.contains("(default: Inventory)"))
    }

    @Test func badOptionValueIsAUsageError() throws {
        let result = try run(["inventory", "list", "--format", "xml", "--inventory", Self.valid.path])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains("xml"))
    }

    // MARK: inventory list / show

    @Test func listPrintsNetworksToolsAndUsages() throws {
        let result = try run(["inventory", "list", "--inventory", Self.valid.path])
        #expect(result.status == 0)
        #expect(result.stderrText == "")
        let text = result.stdoutText
        #expect(text.contains("Networks (2)\n  csirts-network  CSIRTs Network  civilian        3 members  2 usages\n"))
        #expect(text.contains("Tools (3)\n"))
        #expect(text.contains("  csirts-network → misp     primary  threat-intel-sharing"))
    }

    @Test func listAsJSONHasSortedKeys() throws {
        let result = try run(["inventory", "list", "--format", "json", "--inventory", Self.valid.path])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect(object.keys.sorted() == ["as_of", "networks", "schema", "title", "tools", "usages"])
        #expect((object["tools"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["matrix", "misp", "secure-mail"])
        #expect((object["usages"] as? [Any])?.count == 3)
        // Sorted keys: the top-level keys appear in order in the text.
        let topLevelKeys = result.stdoutText.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map {
            $0.dropFirst(3).prefix { $0 != "\"" }
        }
        #expect(topLevelKeys == ["as_of", "networks", "schema", "title", "tools", "usages"])
    }

    @Test func listRefusesAnInvalidInventory() throws {
        let directory = try copy(replacing: ["tools/misp.yaml": "id: misp\nname: MISP\n"])
        let result = try run(["inventory", "list", "--inventory", directory.url.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains("error: the tool 'misp' needs 'category' [inventory.missing-key]"))
    }

    @Test func showPrintsEveryPropertyWithSourceAndConfidence() throws {
        let result = try run(["inventory", "show", "misp", "--inventory", Self.valid.path])
        #expect(result.status == 0)
        let text = result.stdoutText
        #expect(text.hasPrefix("Tool misp: MISP\n"))
        #expect(text.contains("end_to_end_encryption  false"))
        #expect(text.contains("source: misp-repo  confidence: verified, assessed 2026-10-01 (transport encryption only)"))
        #expect(text.contains("  accreditations         unknown\n"))
        #expect(text.contains("Exercise evidence\n"))
        #expect(text.contains("  csirts-network  primary  threat-intel-sharing  TLP:AMBER"))
    }

    @Test func showPrintsANetwork() throws {
        let result = try run(["inventory", "show", "eu-cyclone", "--inventory", Self.valid.path, "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect(object["kind"] as? String == "network")
        #expect(object["network_kind"] as? String == "crisis-liaison")
        #expect((object["uses"] as? [[String: Any]])?.first?["highest_classification"] as? String == "EU:RESTRICTED")
    }

    @Test func showUnknownIDSuggestsTheNearestOne() throws {
        let result = try run(["inventory", "show", "mips", "--inventory", Self.valid.path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderrText
                == "commsmap: error: there is no network or tool with the id 'mips' in \(Self.valid.path)\n"
                + "commsmap: hint: did you mean 'misp'?\n")
    }

    @Test func showWithoutIDIsAUsageError() throws {
        let result = try run(["inventory", "show", "--inventory", Self.valid.path])
        #expect(result.status == 64)
    }

    // MARK: schema

    @Test func schemaForToolsNamesEveryCataloguedProperty() throws {
        let result = try run(["schema", "--kind", "tool", "--inventory", Self.valid.path])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect(object["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let properties = (object["properties"] as? [String: Any])?["properties"] as? [String: Any]
        let listed = (properties?["properties"] as? [String: Any])?.keys.sorted()
        #expect(
            listed == [
                "accreditations", "availability_sla", "default_tlp", "end_to_end_encryption", "hosting",
                "independent_audit", "jurisdiction", "max_participants", "open_source", "platforms",
            ])
    }

    @Test func schemaWritesEveryKindToAFile() throws {
        let directory = try TemporaryDirectory()
        let output = directory.path("schemas.json").path
        let result = try run(["schema", "-o", output, "--inventory", Self.valid.path])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let data = try Data(contentsOf: URL(fileURLWithPath: output))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object.keys.sorted() == ["evidence", "inventory", "network", "sources", "tool"])
    }

    @Test func schemaRejectsAnUnknownKind() throws {
        let result = try run(["schema", "--kind", "policy", "--inventory", Self.valid.path])
        #expect(result.status == 64)
    }

    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: TestPaths.repository("Inventory/inventory.yaml").path)))
    func bundledInventoryValidates() throws {
        let result = try ProcessRunner.run(
            TestPaths.commsmapBinary, ["validate", "--inventory", "Inventory"], currentDirectory: TestPaths.repositoryRoot)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.hasPrefix("Inventory: "))
    }
}
