import CommsMapTestSupport
import Foundation
import Testing

@Suite struct CommandLineTests {
    @Test func versionPrintsAndExitsZero() throws {
        let result = try ProcessRunner.run(TestPaths.commsmapBinary, ["--version"])
        #expect(result.status == 0)
        #expect(result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }

    @Test func unknownOptionIsAUsageError() throws {
        let result = try ProcessRunner.run(TestPaths.commsmapBinary, ["--no-such-option"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains("--no-such-option"))
    }
}
