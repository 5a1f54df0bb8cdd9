import CommsMapTestSupport
import Foundation
import ReportKit
import Testing

/// The report on the bundled data in every format, compared byte for byte with
/// `Tests/ReportKitTests/Golden/report.<ext>`.
///
/// A change to the data, the policies or the renderers shows up here as a diff to review.
/// To accept it, re-record on purpose:
///
///     COMMSMAP_RECORD_GOLDEN=1 swift test --filter ReportGoldenTests
///
/// which rewrites the files and fails (so a recording run is never mistaken for a passing
/// one); run again without the variable, and commit the files with the change.
@Suite struct ReportGoldenTests {
    static let recording = ProcessInfo.processInfo.environment["COMMSMAP_RECORD_GOLDEN"] == "1"

    static func goldenFile(_ format: ReportFormat) -> URL {
        TestPaths.repository("Tests/ReportKitTests/Golden/report.\(format.fileExtension)")
    }

    @Test(arguments: ReportFormat.allCases)
    func theBundledReportMatchesItsGoldenFile(_ format: ReportFormat) throws {
        let output = Data(ReportRenderer(format: format).render(try ReportFixtures.bundled()).utf8)
        let file = Self.goldenFile(format)
        if Self.recording {
            try output.write(to: file)
            Issue.record("recorded \(file.path); run again without COMMSMAP_RECORD_GOLDEN to compare")
            return
        }
        let golden = try Data(contentsOf: file)
        guard output != golden else { return }
        let outputLines = String(decoding: output, as: UTF8.self).components(separatedBy: "\n")
        let goldenLines = String(decoding: golden, as: UTF8.self).components(separatedBy: "\n")
        let first =
            zip(outputLines, goldenLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(outputLines.count, goldenLines.count)
        let got = first < outputLines.count ? outputLines[first] : "(end of output)"
        let wanted = first < goldenLines.count ? goldenLines[first] : "(end of file)"
        Issue.record(
            """
            report.\(format.fileExtension) differs from its golden file from line \(first + 1):
              got:    \(got)
              wanted: \(wanted)
            If the change is intended, re-record: COMMSMAP_RECORD_GOLDEN=1 swift test --filter ReportGoldenTests
            """)
    }
}
