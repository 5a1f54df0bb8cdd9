import CommsMapTestSupport
import Foundation
import Testing

@testable import InventoryKit

/// One invalid inventory per diagnostic code: `Fixtures/cases/*.yaml` each patch the valid
/// fixture and list every diagnostic wanted, as `code file:line:column`. The loader must
/// report exactly those: no fewer, no more, each at its place.
///
/// A case file has `code` (the code it is about), optional `files` (path → new text),
/// `remove` (paths), `unreadable` (paths that cannot be read), `base64` (path → bytes),
/// `generate` (path → size of a file made of comments) and `want`.
@Suite struct InventoryDiagnosticCaseTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var code: String
        var files: [InventoryFile]
        var want: [String]
        var testDescription: String { name }
    }

    static let caseNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.cases.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    static func loadCase(_ name: String) throws -> Case {
        let url = Fixtures.cases.appendingPathComponent(name)
        let parsed = YAMLDocument.parse(try Data(contentsOf: url), file: name)
        try #require(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        let root = try #require(parsed.root?.mapping)
        var files = try Fixtures.validFiles()
        for path in root["remove"]?.sequence?.compactMap(\.scalar?.text) ?? [] { files[path] = nil }
        for entry in root["files"]?.mapping?.entries ?? [] {
            let text = try #require(entry.value.scalar?.text)
            files[entry.key] = InventoryFile(
                relativePath: entry.key,
                contents: entry.key.hasSuffix(".yaml") || !entry.key.contains("/") ? .bytes(Data(text.utf8)) : .notYAML)
        }
        for entry in root["base64"]?.mapping?.entries ?? [] {
            let text = try #require(entry.value.scalar?.text)
            let data = try #require(Data(base64Encoded: text))
            files[entry.key] = InventoryFile(relativePath: entry.key, contents: .bytes(data))
        }
        for entry in root["generate"]?.mapping?.entries ?? [] {
            let size = try #require(entry.value.scalar.flatMap { Int($0.text) })
            var bytes = [UInt8](repeating: UInt8(ascii: "#"), count: size)
            for i in stride(from: 79, to: size, by: 80) { bytes[i] = UInt8(ascii: "\n") }
            files[entry.key] = InventoryFile(relativePath: entry.key, contents: .bytes(Data(bytes)))
        }
        for path in root["unreadable"]?.sequence?.compactMap(\.scalar?.text) ?? [] {
            files[path] = InventoryFile(relativePath: path, contents: .unreadable("permission denied"))
        }
        return Case(
            name: name, code: try #require(root["code"]?.scalar?.text), files: Array(files.values),
            want: try #require(root["want"]?.sequence).compactMap(\.scalar?.text))
    }

    /// `code file:line:column`, or `code` alone for a diagnostic without a location.
    static func render(_ diagnostic: Diagnostic) -> String {
        guard let location = diagnostic.location else { return diagnostic.code }
        return "\(diagnostic.code) \(location)"
    }

    @Test(arguments: caseNames)
    func reportsExactlyTheWantedDiagnostics(_ name: String) throws {
        let testCase = try Self.loadCase(name)
        let result = InventoryLoader.load(files: testCase.files)
        #expect(result.diagnostics.map(Self.render).sorted() == testCase.want.sorted())
        #expect(result.diagnostics == result.diagnostics.sorted(), "diagnostics come sorted by location")
        for diagnostic in result.diagnostics {
            #expect(!diagnostic.message.isEmpty)
            #expect(diagnostic.hint?.isEmpty != true)
        }
        if testCase.code != "several" {
            #expect(testCase.want.contains { $0.hasPrefix(testCase.code) }, "the case shows its own code")
        }
        // Errors make the inventory invalid; warnings alone do not.
        #expect(result.isValid == !testCase.want.contains { !$0.contains("unsourced") && !$0.contains("after-as-of") && !$0.contains("ignored-file") })
    }

    @Test func everyCodeHasACase() throws {
        var covered: Set<String> = []
        for name in Self.caseNames { covered.insert(try Self.loadCase(name).code) }
        let missing = InventoryDiagnosticCode.all.map(\.code).filter { !covered.contains($0) }
        #expect(missing == [])
    }

    @Test func errorsCarryDidYouMeanHints() throws {
        let unknownKey = InventoryLoader.load(files: try Self.loadCase("unknown-key.yaml").files)
        #expect(unknownKey.diagnostics.first?.hint == "did you mean 'name'?")
        let unknownTool = InventoryLoader.load(files: try Self.loadCase("unknown-tool.yaml").files)
        #expect(unknownTool.diagnostics.contains { $0.hint == "did you mean 'misp'?" })
        let badEnum = InventoryLoader.load(files: try Self.loadCase("bad-enum-value.yaml").files)
        #expect(badEnum.diagnostics.contains { $0.hint == "did you mean 'civilian'?" })
        #expect(badEnum.diagnostics.contains { $0.hint == "did you mean 'eu-cloud'?" })
        let marking = InventoryLoader.load(files: try Self.loadCase("bad-marking.yaml").files)
        #expect(marking.diagnostics.contains { $0.hint == "did you mean 'TLP:AMBER'?" })
    }
}

@Suite struct InventoryFormatDocumentationTests {
    @Test func documentationListsEveryCode() throws {
        let text = try String(contentsOf: TestPaths.repository("docs/inventory-format.md"), encoding: .utf8)
        let missing = InventoryDiagnosticCode.all.map(\.code).filter { !text.contains("| `\($0)` |") }
        #expect(missing == [])
    }
}
