import CommsMapTestSupport
import Foundation
import Testing

/// `commsmap report` end to end: the built binary on the bundled data (whose output must
/// be the golden files byte for byte), `-o`, `--as-of`, and the failures.
@Suite struct ReportCommandTests {
    static let formats = ["html": "html", "md": "md", "json": "json", "csv": "csv", "text": "txt"]

    private func report(_ arguments: [String], in directory: URL = TestPaths.repositoryRoot) throws -> ProcessResult {
        try ProcessRunner.run(TestPaths.commsmapBinary, ["report"] + arguments, currentDirectory: directory)
    }

    /// Run from the repository root with the defaults (`Inventory`, `Policies`), the
    /// command prints exactly the golden files of ReportKitTests.
    @Test(arguments: ["html", "md", "json", "csv", "text"])
    func theBundledReportIsTheGoldenFile(_ format: String) throws {
        let result = try report(["--format", format])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderrText == "")
        let golden = try Data(
            contentsOf: TestPaths.repository("Tests/ReportKitTests/Golden/report.\(Self.formats[format] ?? format)"))
        #expect(result.stdout == golden, "commsmap report --format \(format) differs from the golden file")
    }

    @Test func outputGoesToTheFileAndItsExtensionPicksTheFormat() throws {
        let directory = try TemporaryDirectory()
        let target = directory.path("report.html")
        try Data("old".utf8).write(to: target)
        let result = try report(["-o", target.path])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdout.isEmpty)
        let written = try String(contentsOf: target, encoding: .utf8)
        #expect(written.hasPrefix("<!DOCTYPE html>"))
        #expect(written == (try report(["--format", "html"])).stdoutText)
        // Nothing is left beside it: the temporary file was renamed over the target.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["report.html"])
    }

    @Test func theDateIsAsOfAndTwoRunsAreIdentical() throws {
        let first = try report(["--format", "json", "--as-of", "2027-06-30"])
        let second = try report(["--format", "json", "--as-of", "2027-06-30"])
        #expect(first.status == 0)
        #expect(first.stdoutText.contains(#""as_of": "2027-06-30""#))
        #expect(first.stdout == second.stdout)
        let text = try report(["--as-of", "2027-06-30"])
        #expect(text.stdoutText.contains("Report as of 2027-06-30 (inventory as of 2026-11-01)"))
    }

    @Test func aBadDateIsAUsageError() throws {
        let result = try report(["--as-of", "2027-02-30"])
        #expect(result.status == 64)
        #expect(result.stderrText.contains("--as-of"))
        let format = try report(["--format", "pdf"])
        #expect(format.status == 64)
    }

    @Test func anInvalidInventoryWritesNothingAndExitsTwo() throws {
        let directory = try TemporaryDirectory()
        try directory.write("Inventory/inventory.yaml", "title: Broken\nas_of: 2026-11-01\nschema: 1\nbogus: 1\n")
        let target = directory.path("out.html")
        let result = try report(
            [
                "--inventory", directory.path("Inventory").path, "--policies", TestPaths.repository("Policies").path,
                "-o", target.path,
            ])
        #expect(result.status == 2)
        #expect(result.stderrText.contains("no report was written"))
        #expect(!FileManager.default.fileExists(atPath: target.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["Inventory"])
    }

    @Test func anUnwritableOutputExitsTwo() throws {
        let result = try report(["-o", "/nonexistent-directory/report.html"])
        #expect(result.status == 2)
        #expect(result.stderrText.contains("commsmap: error: cannot create /nonexistent-directory/report.html"))
    }
}
