import Foundation
import ReportKit
import Testing

/// The HTML report without a browser: self-contained, every in-page link lands, every
/// status is written in words, and it is set up for A4.
@Suite struct ReportHTMLTests {
    static func html() throws -> String { ReportRenderer(format: .html).render(try ReportFixtures.sample()) }

    @Test func nothingIsFetchedOrRun() throws {
        for html in [try Self.html(), ReportRenderer(format: .html).render(try ReportFixtures.bundled())] {
            let lower = html.lowercased()
            #expect(!lower.contains("<script"))
            #expect(!lower.contains("<link"))
            #expect(!lower.contains("<img"))
            #expect(!lower.contains("<iframe"))
            #expect(!lower.contains("@import"))
            #expect(!lower.contains("url("))
            #expect(!lower.contains("@font-face"))
            #expect(!lower.contains(" src="))
            #expect(try FormatParsers.matches(#"<[^>]*\son[a-z]+="#, in: lower).isEmpty, "an event handler attribute")
            #expect(lower.contains("content-security-policy"))
            // The only external references are the plain source links, shown as their URL.
            let external = try FormatParsers.matches(#"<a ([^>]*)href="(?!#)([^"]*)"[^>]*>([^<]*)</a>"#, in: html)
            for link in external {
                #expect(link[0].contains("class=\"url\""), "external link without class url: \(link[1])")
                #expect(link[2] == link[1], "an external link must show its URL: \(link[1])")
            }
        }
    }

    @Test func everyInPageLinkHasItsTarget() throws {
        for html in [try Self.html(), ReportRenderer(format: .html).render(try ReportFixtures.bundled())] {
            let ids = Set(try FormatParsers.matches(#" id="([^"]+)""#, in: html).map { $0[0] })
            let targets = Set(try FormatParsers.matches(##"href="#([^"]+)""##, in: html).map { $0[0] })
            #expect(!targets.isEmpty)
            #expect(targets.subtracting(ids).sorted() == [])
            let duplicates = try FormatParsers.matches(#" id="([^"]+)""#, in: html).map { $0[0] }
            #expect(duplicates.count == ids.count, "ids must be unique")
        }
    }

    /// Each score links to its subject's details, which link each criterion to its
    /// definition and each value to its source, whose URL is a plain link.
    @Test func aScoreLeadsToItsCriteriaValuesAndSources() throws {
        let html = try Self.html()
        let row = try #require(
            try FormatParsers.matches(
                #"<tr data-policy="secure" data-subject="north/bravo">(.*?)</tr>"#, in: html
            ).first?.first)
        #expect(row.contains(##"<a href="#s:secure:north/bravo">100.0</a>"##))
        let details = try #require(
            try FormatParsers.matches(#"<article class="subject" id="s:secure:north/bravo">(.*?)</article>"#, in: html)
                .first?.first)
        #expect(details.contains(##"<a href="#c:secure:e2ee">e2ee</a>"##))
        #expect(details.contains(#"<code>tool.e2ee</code> = <b>true</b>"#))
        #expect(details.contains(##"source <a href="#src:doc-b">doc-b</a>"##))
        #expect(html.contains(#"<tr id="c:secure:e2ee">"#))
        #expect(
            html.contains(
                #"<a class="url" href="https://example.org/a?x=1&amp;y=2">https://example.org/a?x=1&amp;y=2</a>"#))
    }

    @Test func textIsEscaped() throws {
        let html = try Self.html()
        #expect(html.contains("Alpha &lt;chat&gt; &amp; &quot;co&quot;"))
        #expect(!html.contains("Alpha <chat>"))
        #expect(html.contains("Replacement &lt;soon&gt;, &quot;promised&quot;"))
    }

    /// One heat-map cell per network × purpose, each with its status in words.
    @Test func theHeatMapHasACellPerNetworkAndPurpose() throws {
        let report = try ReportFixtures.sample()
        let html = ReportRenderer(format: .html).render(report)
        let cells = try FormatParsers.matches(
            #"<td class="cell st-([a-z-]+)" data-network="([^"]+)" data-purpose="([^"]+)" data-status="([a-z-]+)"[^>]*>(.*?)</td>"#,
            in: html)
        #expect(cells.count == report.coverage.networks.count * report.coverage.purposes.count)
        #expect(cells.count == 3 * 4)
        for cell in cells {
            #expect(cell[0] == cell[3])
            let words = FormatParsers.htmlText(cell[4])
            #expect(words.hasPrefix(cell[3]) || (cell[3] == "not-used" && words == "–"), "\(cell)")
        }
        let byPosition = Dictionary(uniqueKeysWithValues: cells.map { ("\($0[1])/\($0[2])", $0[3]) })
        #expect(byPosition["north/chat"] == "covered")
        #expect(byPosition["west/files"] == "below-target")
        #expect(byPosition["south/chat"] == "single-point")
        #expect(byPosition["south/files"] == "gap")
        #expect(byPosition["west/voice"] == "incomplete")
        #expect(byPosition["north/alerting"] == "not-used")
    }

    /// Gaps and single points come before the rest of the report.
    @Test func gapsComeFirst() throws {
        let html = try Self.html()
        let gaps = try #require(html.range(of: #"<section id="gaps">"#)).lowerBound
        for later in ["coverage", "scenarios", "tool-scores", "policies", "details", "networks", "tools", "sources"] {
            let section = try #require(html.range(of: "<section id=\"\(later)\">"), "\(later)").lowerBound
            #expect(gaps < section, "\(later) before gaps")
        }
        let kinds = try FormatParsers.matches(#"<tr data-kind="([a-z-]+)""#, in: html).map { $0[0] }
        #expect(kinds == ["gap", "single-point", "single-point", "at-risk"])
    }

    @Test func itIsSetUpForA4() throws {
        let html = try Self.html()
        #expect(html.contains("@page { size: A4;"))
        #expect(html.contains("@media print {"))
        #expect(html.contains("print-color-adjust: exact"))
    }
}
