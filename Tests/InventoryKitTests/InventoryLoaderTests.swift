import CommsMapTestSupport
import Foundation
import Testing

@testable import InventoryKit

/// Where the inventory fixtures are.
enum Fixtures {
    static let root = TestPaths.repository("Tests/InventoryKitTests/Fixtures")
    static let valid = root.appendingPathComponent("valid")
    static let cases = root.appendingPathComponent("cases")

    /// The valid fixture's files, keyed by relative path.
    static func validFiles() throws -> [String: InventoryFile] {
        let files = try InventoryDirectory.read(valid.path)
        var byPath: [String: InventoryFile] = [:]
        for file in files {
            byPath[file.relativePath] = InventoryFile(relativePath: file.relativePath, contents: file.contents)
        }
        return byPath
    }
}

@Suite struct InventoryLoaderTests {
    private func loadValid() throws -> InventoryLoadResult {
        InventoryLoader.load(files: Array(try Fixtures.validFiles().values))
    }

    @Test func loadsTheValidFixtureWithoutDiagnostics() throws {
        let result = try loadValid()
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.isValid)
        let inventory = try #require(result.inventory)
        #expect(inventory.title == "Test inventory")
        #expect(inventory.asOf == CalendarDate("2026-11-01"))
        #expect(inventory.networks.map(\.id) == ["csirts-network", "eu-cyclone"])
        #expect(inventory.tools.map(\.id) == ["matrix", "misp", "secure-mail"])
        #expect(inventory.purposes.map(\.id) == ["crisis-coordination", "incident-coordination", "threat-intel-sharing"])
        #expect(inventory.catalogue.map(\.id) == inventory.catalogue.map(\.id).sorted())
        #expect(inventory.sources.map(\.id).contains("exercise:blue-olex-2026"))
    }

    @Test func readsShortAndLongPropertyForms() throws {
        let inventory = try #require(try loadValid().inventory)
        let misp = try #require(inventory.tool("misp"))
        let e2ee = try #require(misp.properties["end_to_end_encryption"])
        #expect(e2ee.value == .bool(false))
        #expect(e2ee.source == "misp-repo")
        #expect(e2ee.confidence == .verified)
        #expect(e2ee.assessed == CalendarDate("2026-10-01"))
        #expect(e2ee.note == "transport encryption only")
        #expect(e2ee.location?.description == "tools/misp.yaml:12:12")
        #expect(misp.properties["platforms"]?.value == .list([.text("web")]))

        let matrix = try #require(inventory.tool("matrix"))
        #expect(
            matrix.properties["accreditations"]?.value
                == .list([.marking(try #require(Marking("EU:RESTRICTED"))), .marking(try #require(Marking("NATO:RESTRICTED")))]))
        #expect(matrix.properties["max_participants"]?.value == .int(10000))
        #expect(matrix.properties["availability_sla"]?.value == .number(0.995))
        #expect(matrix.properties["jurisdiction"]?.value == .text("EU"))
        #expect(matrix.properties["jurisdiction"]?.confidence == .unverified)
        #expect(matrix.properties["independent_audit"]?.value == .date(try #require(CalendarDate("2022-09-15"))))
    }

    @Test func absentAndNullPropertiesAreUnknown() throws {
        let inventory = try #require(try loadValid().inventory)
        let mail = try #require(inventory.tool("secure-mail"))
        #expect(mail.properties["hosting"] == nil)
        #expect(mail.properties["open_source"] == nil)
        #expect(mail.properties.keys.sorted() == ["end_to_end_encryption"])
    }

    @Test func readsNetworksAndUsages() throws {
        let inventory = try #require(try loadValid().inventory)
        let csirts = try #require(inventory.network("csirts-network"))
        #expect(csirts.kind == .civilian)
        #expect(csirts.members.map(\.id) == ["cert-de", "cert-eu", "cert-fr"])
        #expect(csirts.uses.map(\.tool) == ["matrix", "misp"])
        let matrix = try #require(csirts.uses.first)
        #expect(matrix.highestTLP?.description == "TLP:RED")
        #expect(matrix.highestClassification?.description == "EU:RESTRICTED")
        #expect(matrix.onboarded == .members(["cert-eu", "cert-fr"]))
        #expect(matrix.role == .backup)
        #expect(matrix.confidence == .secondary)
        #expect(csirts.uses.last?.onboarded == .all)

        let cyclone = try #require(inventory.network("eu-cyclone"))
        #expect(cyclone.kind == .crisisLiaison)
        #expect(cyclone.uses.first?.highestClassification?.description == "EU:RESTRICTED")
        #expect(cyclone.uses.first?.highestTLP == nil)
        #expect(cyclone.uses.first?.onboarded == .count(1))
        #expect(inventory.usages.count == 3)
    }

    @Test func readsTheCatalogueTypes() throws {
        let inventory = try #require(try loadValid().inventory)
        #expect(inventory.property("hosting")?.type == .enumeration(["on-premises", "eu-institution", "member-state", "eu-cloud", "non-eu-cloud"]))
        #expect(inventory.property("accreditations")?.type == .list(.marking))
        #expect(inventory.property("platforms")?.type == .list(.enumeration(["web", "android", "ios", "desktop"])))
        #expect(inventory.property("independent_audit")?.type == .date)
        #expect(inventory.property("nonexistent") == nil)
    }

    @Test func newestEvidenceWinsPerTool() throws {
        let inventory = try #require(try loadValid().inventory)
        let matrix = try #require(inventory.tool("matrix"))
        // blue-olex (2026-10-07) is newer than cyber-europe (2026-06-11).
        #expect(matrix.evidence["delivery_rate"]?.value == .number(0.95))
        #expect(matrix.evidence["sent"]?.value == .int(20))
        #expect(matrix.evidence["last_tested"]?.value == .date(try #require(CalendarDate("2026-10-07"))))
        #expect(matrix.evidence["sent"]?.source == "exercise:blue-olex-2026")
        #expect(matrix.evidence["sent"]?.confidence == .verified)
        #expect(matrix.evidence["sent"]?.assessed == CalendarDate("2026-10-07"))
        #expect(inventory.tool("misp")?.evidence["delivery_rate"]?.value == .number(1))
        #expect(inventory.tool("secure-mail")?.evidence.isEmpty == true)
    }

    @Test func evidenceTiesGoToTheGreaterExerciseID() throws {
        var files = try Fixtures.validFiles()
        files["evidence/zz-drill.yaml"] = InventoryFile(
            "evidence/zz-drill.yaml",
            """
            exercise: zz-drill
            from: 2026-10-07
            until: 2026-10-07
            tools:
              - tool: matrix
                last_tested: 2026-10-07
                sent: 3
            """)
        let result = InventoryLoader.load(files: Array(files.values))
        #expect(result.diagnostics.isEmpty)
        let matrix = try #require(result.inventory?.tool("matrix"))
        #expect(matrix.evidence["sent"]?.value == .int(3))
        #expect(matrix.evidence["delivery_rate"] == nil)
    }

    @Test func resultDoesNotDependOnFileOrder() throws {
        let files = Array(try Fixtures.validFiles().values)
        let forward = InventoryLoader.load(files: files.sorted { $0.relativePath < $1.relativePath })
        let backward = InventoryLoader.load(files: files.sorted { $0.relativePath > $1.relativePath })
        #expect(forward == backward)
    }

    @Test func missingInventoryYAMLGivesNoInventory() throws {
        var files = try Fixtures.validFiles()
        files["inventory.yaml"] = nil
        let result = InventoryLoader.load(files: Array(files.values))
        #expect(result.inventory == nil)
        #expect(result.diagnostics.first?.code == "inventory.missing-file")
    }

    @Test func errorsElsewhereStillGiveABestEffortInventory() throws {
        var files = try Fixtures.validFiles()
        files["tools/misp.yaml"] = InventoryFile("tools/misp.yaml", "id: misp\ncategory: x\n")
        let result = InventoryLoader.load(files: Array(files.values))
        #expect(!result.isValid)
        let inventory = try #require(result.inventory)
        // The tool without a name is left out, and so is the usage of it; the usage is
        // not blamed for naming it.
        #expect(inventory.tool("misp") == nil)
        #expect(inventory.network("csirts-network")?.uses.map(\.tool) == ["matrix"])
        #expect(result.diagnostics.map(\.code) == ["inventory.missing-key"])
    }

    @Test func readsADirectoryFromDiskWithDisplayPaths() throws {
        let result = try InventoryLoader.load(directory: Fixtures.valid.path)
        #expect(result.isValid)
        let misp = try #require(result.inventory?.tool("misp"))
        #expect(misp.location?.file == Fixtures.valid.path + "/tools/misp.yaml")
    }

    @Test func refusesAMissingDirectory() {
        #expect(throws: InventoryLoadError.notFound("/nonexistent/inventory")) {
            try InventoryLoader.load(directory: "/nonexistent/inventory")
        }
        #expect(throws: InventoryLoadError.notADirectory(Fixtures.valid.path + "/inventory.yaml")) {
            try InventoryLoader.load(directory: Fixtures.valid.path + "/inventory.yaml")
        }
    }

    @Test func progressCountsEveryFile() throws {
        let files = Array(try Fixtures.validFiles().values)
        var reports: [(Int, Int)] = []
        _ = InventoryLoader.load(files: files) { done, total in reports.append((done, total)) }
        #expect(reports.last?.0 == files.count)
        #expect(reports.allSatisfy { $0.1 == files.count })
    }

    @Test func manyFilesLoadInFileOrderDespiteParallelParsing() throws {
        var files = Array(try Fixtures.validFiles().values)
        for i in 0..<600 {
            let id = "bulk-\(String(repeating: "0", count: 3 - String(i).count))\(i)"
            files.append(InventoryFile("tools/\(id).yaml", "id: \(id)\nname: Bulk \(i)\ncategory: chat\nnmae: x\n"))
        }
        let result = InventoryLoader.load(files: files)
        #expect(result.inventory?.tools.count == 603)
        let unknownKeys = result.diagnostics.filter { $0.code == "inventory.unknown-key" }
        #expect(unknownKeys.count == 600)
        #expect(unknownKeys.map { $0.location?.file ?? "" } == unknownKeys.map { $0.location?.file ?? "" }.sorted())
        #expect(unknownKeys.first?.location?.description == "tools/bulk-000.yaml:4:1")
    }

    @Test func indexedLookupsFollowAssignments() throws {
        var inventory = try #require(try loadValid().inventory)
        #expect(inventory.tool("misp")?.name == "MISP")
        inventory.tools.removeAll { $0.id == "matrix" }
        #expect(inventory.tool("matrix") == nil)
        #expect(inventory.tool("misp")?.name == "MISP")
        inventory.tools.append(Tool(id: "new", name: "New", category: "chat"))
        #expect(inventory.tool("new")?.name == "New")
    }
}
