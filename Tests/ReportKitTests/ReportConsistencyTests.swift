import Foundation
import ReportKit
import Testing

/// The figures a reader compares between formats: verdict counts per policy, the score
/// of every subject, and the coverage status of every network × purpose.
struct KeyFigures: Equatable, CustomStringConvertible {
    /// Policy id → `meets/incomplete/fails`.
    var verdicts: [String: String] = [:]
    /// `policy subject` → `45.5 incomplete`.
    var scores: [String: String] = [:]
    /// `network/purpose` → status.
    var coverage: [String: String] = [:]

    var description: String {
        "verdicts \(verdicts.sorted { $0.key < $1.key })\nscores \(scores.count)\ncoverage \(coverage)"
    }

    // MARK: Reading each format back

    static func json(_ text: String) throws -> KeyFigures {
        let root = try JSONDocument.parse(text)
        var figures = KeyFigures()
        for policy in try #require(root["policies"]?.array) {
            let id = try #require(policy["id"]?.string)
            let counts = try #require(policy["verdicts"])
            figures.verdicts[id] = ["meets", "incomplete", "fails"].map { counts[$0]?.text ?? "?" }.joined(
                separator: "/")
        }
        for subject in try #require(root["subjects"]?.array) {
            let key = "\(subject["policy"]?.text ?? "?") \(subject["subject"]?.text ?? "?")"
            figures.scores[key] = "\(subject["score"]?.text ?? "?") \(subject["verdict"]?.text ?? "?")"
        }
        for cell in try #require(root["coverage"]?["cells"]?.array) {
            figures.coverage["\(cell["network"]?.text ?? "?")/\(cell["purpose"]?.text ?? "?")"] = cell["status"]?.string
        }
        return figures
    }

    static func csv(_ text: String) throws -> KeyFigures {
        var figures = KeyFigures()
        var verdictOf: [String: (policy: String, verdict: String)] = [:]
        for record in try FormatParsers.csvRecords(text) {
            switch record["record"] {
            case "criterion":
                let policy = record["policy"] ?? "?"
                let key = "\(policy) \(record["subject"] ?? "?")"
                let value = "\(record["score"] ?? "?") \(record["verdict"] ?? "?")"
                if let seen = figures.scores[key] { #expect(seen == value, "\(key): rows disagree") }
                figures.scores[key] = value
                verdictOf[key] = (policy, record["verdict"] ?? "?")
            case "coverage":
                figures.coverage["\(record["network"] ?? "?")/\(record["purpose"] ?? "?")"] = record["status"]
            case "scenario":
                break
            default:
                Issue.record("unknown record kind \(record["record"] ?? "nil")")
            }
        }
        var counts: [String: [String: Int]] = [:]
        for (policy, verdict) in verdictOf.values { counts[policy, default: [:]][verdict, default: 0] += 1 }
        for (policy, byVerdict) in counts {
            figures.verdicts[policy] = ["meets", "incomplete", "fails"].map { "\(byVerdict[$0] ?? 0)" }
                .joined(separator: "/")
        }
        return figures
    }

    static func markdown(_ text: String) throws -> KeyFigures {
        var figures = KeyFigures()
        // "### Title (`id`)" … "N subjects: a meet, b incomplete, c fail."
        for match in try FormatParsers.matches(
            #"\n### [^\n]*\(`([a-z0-9._-]+)`\)\n\n[^\n]*?\d+ subjects?: (\d+) meet, (\d+) incomplete, (\d+) fail\."#,
            in: text)
        {
            figures.verdicts[match[0]] = "\(match[1])/\(match[2])/\(match[3])"
        }
        for table in FormatParsers.markdownTables(text) {
            if let subject = table.column("Subject"), let verdict = table.column("Verdict"),
                let score = table.column("Score"), table.header.contains("Without waivers")
            {
                let policy = try #require(
                    try FormatParsers.matches(#"\(`([a-z0-9._-]+)`\)$"#, in: table.heading).first?.first,
                    "no policy id in \(table.heading)")
                for row in table.body {
                    figures.scores["\(policy) \(FormatParsers.unquoteCode(row[subject]))"] =
                        "\(row[score]) \(row[verdict])"
                }
            }
            if table.heading == "Heat map" {
                let purposes = table.header.dropFirst().map(FormatParsers.unquoteCode)
                for row in table.body {
                    let network = FormatParsers.unquoteCode(row[0])
                    for (purpose, cell) in zip(purposes, row.dropFirst()) where cell != "-" {
                        figures.coverage["\(network)/\(purpose)"] = String(cell.prefix { $0 != " " })
                    }
                }
            }
        }
        return figures
    }

    static func html(_ text: String) throws -> KeyFigures {
        var figures = KeyFigures()
        let policyRows = try FormatParsers.matches(#"<tr data-policy="([^"]+)">(.*?)</tr>"#, in: text)
        for row in policyRows {
            func count(_ kind: String) throws -> String {
                let cell = try FormatParsers.matches(#"<td class="num \#(kind)">(.*?)</td>"#, in: row[1])
                return FormatParsers.htmlText(try #require(cell.first?.first, "no \(kind) cell for \(row[0])"))
            }
            figures.verdicts[row[0]] = "\(try count("meets"))/\(try count("incomplete"))/\(try count("fails"))"
        }
        let subjectRows = try FormatParsers.matches(
            #"<tr data-policy="([^"]+)" data-subject="([^"]+)">(.*?)</tr>"#, in: text)
        for row in subjectRows {
            let score = try FormatParsers.matches(#"<td class="num score">(.*?)</td>"#, in: row[2])
            let verdict = try FormatParsers.matches(#"<span class="verdict [^"]*">(.*?)</span>"#, in: row[2])
            figures.scores["\(row[0]) \(row[1])"] =
                "\(FormatParsers.htmlText(score.first?.first ?? "?")) \(verdict.first?.first ?? "?")"
        }
        let heatmap = try #require(text.range(of: #"<table class="heatmap""#)).lowerBound
        let heatmapText = text[heatmap...]
        let end = try #require(heatmapText.range(of: "</table>")).lowerBound
        for cell in try FormatParsers.matches(
            #"<td class="cell [^"]*" data-network="([^"]+)" data-purpose="([^"]+)" data-status="([^"]+)"[^>]*>(.*?)</td>"#,
            in: String(heatmapText[..<end]))
        where cell[2] != "not-used" {
            // The visible label must say what the attribute says.
            let label = try FormatParsers.matches(#"<span class="label">(.*?)</span>"#, in: cell[3]).first?.first
            #expect(label == cell[2], "heat map cell \(cell[0])/\(cell[1]) shows \(label ?? "nothing")")
            figures.coverage["\(cell[0])/\(cell[1])"] = cell[2]
        }
        return figures
    }
}

@Suite struct ReportConsistencyTests {
    static func figures(of report: Report) throws -> [ReportFormat: KeyFigures] {
        [
            .json: try KeyFigures.json(ReportRenderer(format: .json).render(report)),
            .csv: try KeyFigures.csv(ReportRenderer(format: .csv).render(report)),
            .md: try KeyFigures.markdown(ReportRenderer(format: .md).render(report)),
            .html: try KeyFigures.html(ReportRenderer(format: .html).render(report)),
        ]
    }

    /// Read back from each format, the figures agree, and they are the report's.
    func check(_ report: Report) throws {
        let figures = try Self.figures(of: report)
        let json = try #require(figures[.json])
        #expect(json.verdicts.count == report.policies.count)
        #expect(json.scores.count == report.subjects.count)
        #expect(json.coverage.count == report.coverage.cells.count)
        #expect(!json.scores.isEmpty && !json.coverage.isEmpty)
        for format in [ReportFormat.csv, .md, .html] {
            let other = try #require(figures[format])
            #expect(other.verdicts == json.verdicts, "verdict counts: \(format) differs from json")
            #expect(other.scores == json.scores, "scores: \(format) differs from json")
            #expect(other.coverage == json.coverage, "coverage: \(format) differs from json")
        }
    }

    @Test func theBundledReportSaysTheSameInEveryFormat() throws {
        try check(try ReportFixtures.bundled())
    }

    @Test func theSampleReportSaysTheSameInEveryFormat() throws {
        let report = try ReportFixtures.sample()
        try check(report)
        // The sample reaches every status, so the comparison covers each of them.
        let statuses = Set(try #require(try Self.figures(of: report)[.json]).coverage.values)
        #expect(statuses == ["covered", "below-target", "single-point", "gap", "incomplete"])
    }

    /// The comparison can fail: one changed score in one format is caught.
    @Test func aChangedFigureIsNoticed() throws {
        let report = try ReportFixtures.sample()
        var html = ReportRenderer(format: .html).render(report)
        let subject = try #require(report.subjects.first)
        let original =
            "<td class=\"num score\"><a href=\"#s:\(subject.policy):\(subject.subject)\">\(subject.score)</a></td>"
        #expect(html.contains(original))
        html = html.replacingOccurrences(
            of: original, with: original.replacingOccurrences(of: ">\(subject.score)<", with: ">99.9<"))
        #expect(
            try KeyFigures.html(html).scores != KeyFigures.json(ReportRenderer(format: .json).render(report)).scores)
    }
}
