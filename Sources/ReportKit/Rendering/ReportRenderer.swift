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

    /// Renders the whole report, calling `emit` with consecutive pieces of the output, so
    /// that a large report can be written as it is formatted.
    public func render(_ report: Report, emit: (String) -> Void) {
        switch format {
        case .html: emit(ReportHTMLRenderer.render(report))
        case .md: emit(ReportMarkdownRenderer.render(report))
        case .json: ReportJSONRenderer.render(report, emit: emit)
        case .csv: ReportCSVRenderer.render(report, emit: emit)
        case .text: emit(ReportTextRenderer.render(report))
        }
    }

    /// Renders to one string.
    public func render(_ report: Report) -> String {
        var out = ""
        render(report) { out += $0 }
        return out
    }
}
