import CommsMapTestSupport
import Foundation
import Testing

/// A directory for team key tests and runs of `commsmap` inside it.
struct TeamKeyWorkspace {
    static let passphrase = "team passphrase 2026"

    let directory: TemporaryDirectory

    init(_ prefix: String) throws {
        directory = try TemporaryDirectory(prefix: prefix)
        try directory.write("pass", Self.passphrase + "\n")
        try directory.write("wrong-pass", "not the passphrase\n")
        try directory.write("message.txt", "exercise message for the team\n")
    }

    func path(_ name: String) -> String { directory.path(name).path }

    @discardableResult
    func commsmap(_ arguments: [String], stdin: Data = Data()) throws -> ProcessResult {
        try ProcessRunner.run(TestPaths.commsmapBinary, arguments, stdin: stdin, currentDirectory: directory.url)
    }

    /// `keygen -o <team>.key --card-out <team>.card.yaml`, plain or with the passphrase file;
    /// requires success.
    func keygen(_ team: String, encrypted: Bool = false, extra: [String] = []) throws {
        let protection = encrypted ? ["--passphrase-file", path("pass")] : ["--no-passphrase"]
        let result = try commsmap(
            ["keygen", "-o", path("\(team).key"), "--card-out", path("\(team).card.yaml")] + protection + extra)
        try #require(result.status == 0, "keygen \(team): \(result.stderrText)")
    }

    func text(_ name: String) throws -> String {
        try String(contentsOf: directory.path(name), encoding: .utf8)
    }

    /// The value of `key:` in a card.
    func cardValue(_ key: String, of card: String) throws -> String {
        let line = try text(card).split(separator: "\n").first { $0.hasPrefix("\(key): ") }
        return String(try #require(line).dropFirst(key.count + 2))
    }

    /// Replaces the value of `key:` in a card.
    func editCard(_ card: String, _ key: String, _ edit: (String) -> String) throws {
        let lines = try text(card).split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("\(key): ") ? "\(key): \(edit(String(line.dropFirst(key.count + 2))))" : String(line)
        }
        try directory.write(card, lines.joined(separator: "\n"))
    }

    func mode(_ name: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path(name))[.posixPermissions] as? Int)
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

    func listing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted()
    }
}
