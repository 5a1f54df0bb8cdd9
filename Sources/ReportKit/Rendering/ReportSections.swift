/// The sections of the human-readable reports (HTML, Markdown, text), each rendered on its
/// own, so that the order of the sections is written once, here: the three formats cannot
/// drift apart in what comes after what.
protocol ReportSections {
    static func keyFigures(_ report: Report) -> String
    static func gaps(_ report: Report) -> String
    static func coverage(_ report: Report) -> String
    static func scenarios(_ report: Report) -> String
    static func toolScores(_ report: Report) -> String
    static func policies(_ report: Report) -> String
    static func details(_ report: Report) -> String
    static func inventory(_ report: Report) -> String
    static func sources(_ report: Report) -> String
    static func diagnostics(_ report: Report) -> String
}

extension ReportSections {
    /// Every section, in the report's order; the title block and any frame around the
    /// sections are each format's own.
    static func sections(_ report: Report) -> String {
        var out = keyFigures(report)
        out += gaps(report)
        out += coverage(report)
        out += scenarios(report)
        out += toolScores(report)
        out += policies(report)
        out += details(report)
        out += inventory(report)
        out += sources(report)
        out += diagnostics(report)
        return out
    }
}
