/// Plain-text columns for a terminal: two spaces apart, indented, no trailing spaces.
struct TextTable {
    enum Alignment { case left, right }

    var header: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []

    /// Columns named `header`; those in `right` are right-aligned (numbers).
    init(_ header: [String], right: Set<Int> = []) {
        self.header = header
        alignments = header.indices.map { right.contains($0) ? .right : .left }
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// The table, each line indented by `indent` spaces; `(none)` when it has no rows.
    func render(indent: Int = 2) -> String {
        let pad = String(repeating: " ", count: indent)
        guard !rows.isEmpty else { return pad + "(none)\n" }
        let all = [header] + rows
        var widths = [Int](repeating: 0, count: header.count)
        for row in all {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        var out = ""
        for row in all {
            var line = pad
            for (index, cell) in row.enumerated() where index < widths.count {
                let fill = String(repeating: " ", count: widths[index] - cell.count)
                if index > 0 { line += "  " }
                line += alignments[index] == .right ? fill + cell : cell + fill
            }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
