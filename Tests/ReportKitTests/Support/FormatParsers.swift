import Foundation

/// Readers for the report formats, written independently of the renderers, so a test
/// can read each output back and compare what it says.
enum FormatParsers {
    /// RFC 4180: fields separated by commas, records by CRLF, quoted fields may hold
    /// commas, CRLF and doubled quotes.
    static func csv(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text.unicodeScalars)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" {
                        characters.removeFirst()
                        field.unicodeScalars.append("\"")
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                guard field.isEmpty else { throw ParseError("a quote inside an unquoted field: \(field)") }
                quoted = true
            } else if c == "," {
                record.append(field)
                field = ""
            } else if c == "\r" {
                guard characters.popFirst() == "\n" else { throw ParseError("CR without LF") }
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else if c == "\n" {
                throw ParseError("LF without CR")
            } else {
                field.unicodeScalars.append(c)
            }
        }
        guard !quoted else { throw ParseError("unterminated quoted field") }
        guard record.isEmpty && field.isEmpty else { throw ParseError("the last record has no CRLF") }
        return records
    }

    /// The CSV as dictionaries keyed by the header's column names.
    static func csvRecords(_ text: String) throws -> [[String: String]] {
        let rows = try csv(text)
        guard let header = rows.first else { throw ParseError("no header") }
        return try rows.dropFirst().map { row in
            guard row.count == header.count else { throw ParseError("a row of \(row.count) fields: \(row)") }
            return Dictionary(uniqueKeysWithValues: zip(header, row))
        }
    }

    /// A Markdown table: the heading above it and its rows (header first), cells trimmed,
    /// `\|` read as `|`.
    struct MarkdownTable {
        var heading: String
        var rows: [[String]]

        var header: [String] { rows.first ?? [] }
        var body: ArraySlice<[String]> { rows.dropFirst() }

        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
    }

    /// Every table of a Markdown document, with the nearest heading above it.
    static func markdownTables(_ text: String) -> [MarkdownTable] {
        var tables: [MarkdownTable] = []
        var heading = ""
        var current: MarkdownTable?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("|") {
                if current == nil { current = MarkdownTable(heading: heading, rows: []) }
                let cells = cells(String(line))
                if cells.allSatisfy({ $0.allSatisfy { $0 == "-" || $0 == ":" } && !$0.isEmpty }) { continue }
                current?.rows.append(cells)
                continue
            }
            if let table = current {
                tables.append(table)
                current = nil
            }
            if line.hasPrefix("#") { heading = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces) }
        }
        if let current { tables.append(current) }
        return tables
    }

    private static func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var escaped = false
        for character in line.dropFirst() {
            if escaped {
                if character != "|" { cell.append("\\") }
                cell.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(cell.trimmingCharacters(in: .whitespaces))
                cell = ""
            } else {
                cell.append(character)
            }
        }
        return cells
    }

    /// `` `id` `` → `id`.
    static func unquoteCode(_ cell: String) -> String {
        cell.hasPrefix("`") && cell.hasSuffix("`") ? String(cell.dropFirst().dropLast()) : cell
    }

    /// Every match of `pattern` in `text`, as its capture groups.
    static func matches(_ pattern: String, in text: String) throws -> [[String]] {
        let regex = try NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).map { match in
            (1..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }

    /// The text of an HTML fragment: tags dropped, the five entities decoded.
    static func htmlText(_ fragment: String) -> String {
        var text = fragment.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct ParseError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
