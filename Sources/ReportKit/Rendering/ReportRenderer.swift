/// The output formats of `commsmap report`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case html, md, json, csv, text

    /// The usual file extension: `report.html`, `report.md`, `report.txt`.
    public var fileExtension: String { self == .text ? "txt" : rawValue }
}

/// Formats a `Report` in one of the report formats.
///
/// Renderers only format: every number, rounding and order comes from the `Report`, so
/// all formats carry the same figures.
public struct ReportRenderer: Sendable {
    public let format: ReportFormat

    public init(format: ReportFormat) {
        self.format = format
    }

    public func render(_ report: Report) -> String {
        switch format {
        case .html: return ReportHTMLRenderer.render(report)
        case .md: return ReportMarkdownRenderer.render(report)
        case .json: return ReportJSONRenderer.render(report)
        case .csv: return ReportCSVRenderer.render(report)
        case .text: return ReportTextRenderer.render(report)
        }
    }
}
