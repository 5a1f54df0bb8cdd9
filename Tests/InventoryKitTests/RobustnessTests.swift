import CommsMapTestSupport
import Foundation
import Testing

@testable import InventoryKit

/// Hostile and broken files on disk: each gives one clear diagnostic and the load
/// finishes (none of these may hang, crash or exhaust memory).
@Suite struct RobustnessTests {
    /// The valid fixture copied into a temporary directory, with `name` replaced by `data`.
    private func inventory(with name: String, _ data: Data) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        for file in try Fixtures.validFiles().values {
            if case .bytes(let bytes) = file.contents { try directory.write(file.relativePath, bytes) }
        }
        try directory.write(name, data)
        return directory
    }

    private func diagnostics(in directory: TemporaryDirectory) throws -> [Diagnostic] {
        try InventoryLoader.load(directory: directory.url.path).diagnostics
    }

    @Test func emptyFile() throws {
        let directory = try inventory(with: "tools/empty.yaml", Data())
        let found = try diagnostics(in: directory)
        #expect(found.map(\.code) == ["yaml.empty"])
        #expect(found.first?.location?.file.hasSuffix("tools/empty.yaml") == true)
        #expect(found.first?.message == "the file is empty")
    }

    @Test func binaryGarbage() throws {
        var generator = SystemRandomNumberGenerator()
        let garbage = Data((0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let directory = try inventory(with: "tools/garbage.yaml", garbage)
        let found = try diagnostics(in: directory)
        #expect(found.map(\.code) == ["yaml.encoding"])
        #expect(found.first?.message.hasPrefix("not UTF-8 text") == true)
    }

    @Test func deepNesting() throws {
        let deep = "id: deep\nnote: " + String(repeating: "[", count: 1_000_000) + String(repeating: "]", count: 1_000_000)
        let directory = try inventory(with: "tools/deep.yaml", Data(deep.utf8))
        let found = try diagnostics(in: directory)
        #expect(found.map(\.code) == ["yaml.too-deep"])
        #expect(found.first?.location?.line == 2)
    }

    @Test func deepBlockNesting() throws {
        var text = "id: deep\n"
        for level in 0..<2_000 { text += String(repeating: " ", count: level) + "k:\n" }
        let directory = try inventory(with: "tools/deep.yaml", Data(text.utf8))
        #expect(try diagnostics(in: directory).map(\.code) == ["yaml.too-deep"])
    }

    @Test func billionLaughs() throws {
        var text = "id: lol\nname: lol\ncategory: lol\nnote: &a0 lol\n"
        var previous = "a0"
        for level in 1...30 {
            let name = "a\(level)"
            text += "x\(level): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        text += "? *\(previous)\n: boom\n"
        let directory = try inventory(with: "tools/lol.yaml", Data(text.utf8))
        let found = try diagnostics(in: directory)
        #expect(found.map(\.code) == ["yaml.alias"])
        #expect(found.first?.location?.line == 4)
    }

    @Test func fiftyMegabyteFileIsRefusedUnread() throws {
        let directory = try inventory(with: "tools/huge.yaml", Data())
        // Written in chunks so the test itself stays small in memory.
        let path = directory.path("tools/huge.yaml").path
        let handle = try #require(FileHandle(forWritingAtPath: path))
        let line = Data(("note: " + String(repeating: "x", count: 1017) + "\n").utf8)
        let chunk = Data(repeating: 0, count: 0) + Array(repeating: line, count: 1024).reduce(Data(), +)
        for _ in 0..<50 { handle.write(chunk) }
        try handle.close()
        let found = try diagnostics(in: directory)
        #expect(found.map(\.code) == ["yaml.too-large"])
        #expect(found.first?.message.contains("50 MiB") == true)
        #expect(found.first?.location?.line == 1)
    }

    @Test func unreadableFileIsADiagnosticNotAFailure() throws {
        guard getuid() != 0 else { return }  // root reads every file
        let directory = try inventory(with: "tools/secret.yaml", Data("id: secret\n".utf8))
        chmod(directory.path("tools/secret.yaml").path, 0)
        #expect(try diagnostics(in: directory).map(\.code) == ["inventory.unreadable"])
    }

    @Test func aDirectoryNamedLikeAFileIsSkipped() throws {
        let directory = try inventory(with: "tools/folder.yaml/inner.yaml", Data("x: 1\n".utf8))
        #expect(try diagnostics(in: directory).isEmpty)
    }
}
