import Foundation

/// The report as text for people and as JSON for scripts. Both only format the figures
/// `ReportBuilder` computed; neither computes anything.
extension ExerciseReport {
    /// The JSON schema version of `json`.
    public static let jsonSchemaVersion = 1

    public var text: String {
        var out = "Exercise \(exercise), \(from) to \(until), control \(control)\n"
        out +=
            "Files: \(files.read) read, \(files.messages) messages and \(files.receipts) receipts verified, \(files.failed) failed\n\n"
        out += "Per channel (a delivery is one message to one recipient):\n"
        out += table(header: "channel", rows: channels + [total])
        if !pairs.isEmpty {
            out += "\nPer team pair:\n"
            out += table(header: "from → to", rows: pairs)
        }
        if !problems.isEmpty {
            out += "\nProblems:\n"
            for problem in problems {
                let place = problem.file.map { "\($0): " } ?? ""
                out += "  \(place)\(problem.kind): \(problem.detail)\n"
            }
        }
        return out
    }

    private func table(header: String, rows: [DeliveryFigures]) -> String {
        let cells =
            [[header, "sent", "delivered", "rate", "median", "p95", "failures"]]
            + rows.map { row in
                [
                    row.key, String(row.sent), String(row.delivered),
                    row.deliveryRate.map { Self.percent($0) } ?? "-",
                    row.latency.map { Self.minutes($0.medianMinutes) } ?? "-",
                    row.latency.map { Self.minutes($0.p95Minutes) } ?? "-",
                    row.failures.isEmpty
                        ? "-"
                        : row.failures.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
                            separator: ", "),
                ]
            }
        let widths = (0..<7).map { column in cells.map { $0[column].count }.max() ?? 0 }
        return cells.map { row in
            var line = "  "
            for (column, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                if column == row.count - 1 {
                    line += cell
                } else if column == 0 {
                    line += cell + padding + "  "
                } else {
                    line += padding + cell + "  "
                }
            }
            return line + "\n"
        }.joined()
    }

    static func percent(_ rate: Double) -> String {
        String(format: "%.1f%%", rate * 100)
    }

    static func minutes(_ value: Double) -> String {
        String(format: "%.2f min", value)
    }

    /// Sorted keys, a `schema` version, no slashes escaped.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(JSONReport(self))
        data.append(UInt8(ascii: "\n"))
        return data
    }
}

private struct JSONReport: Encodable {
    struct Figures: Encodable {
        var channel: String?
        var from: String?
        var to: String?
        var sent: Int
        var delivered: Int
        var deliveryRate: Double?
        var medianLatencyMinutes: Double?
        var p95LatencyMinutes: Double?
        var lastDelivered: String?
        var failures: [String: Int]

        enum CodingKeys: String, CodingKey {
            case channel, from, to, sent, delivered, failures
            case deliveryRate = "delivery_rate"
            case medianLatencyMinutes = "median_latency_minutes"
            case p95LatencyMinutes = "p95_latency_minutes"
            case lastDelivered = "last_delivered"
        }

        init(_ figures: DeliveryFigures) {
            channel = figures.channel
            from = figures.from
            to = figures.to
            sent = figures.sent
            delivered = figures.delivered
            deliveryRate = figures.deliveryRate
            medianLatencyMinutes = figures.latency?.medianMinutes
            p95LatencyMinutes = figures.latency?.p95Minutes
            lastDelivered = figures.lastDelivered?.description
            failures = figures.failures
        }
    }

    struct Problem: Encodable {
        var kind: String
        var file: String?
        var channel: String?
        var message: String?
        var detail: String
    }

    var schema = ExerciseReport.jsonSchemaVersion
    var exercise: String
    var from: String
    var until: String
    var control: String
    var files: FileCounts
    var channels: [Figures]
    var total: Figures
    var pairs: [Figures]
    var problems: [Problem]

    init(_ report: ExerciseReport) {
        exercise = report.exercise
        from = report.from.description
        until = report.until.description
        control = report.control
        files = report.files
        channels = report.channels.map(Figures.init)
        total = Figures(report.total)
        pairs = report.pairs.map(Figures.init)
        problems = report.problems.map {
            Problem(kind: $0.kind, file: $0.file, channel: $0.channel, message: $0.message, detail: $0.detail)
        }
    }
}
