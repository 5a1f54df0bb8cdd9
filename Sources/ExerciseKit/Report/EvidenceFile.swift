/// The evidence file (`Inventory/evidence/<exercise>.yaml`) that the inventory loads as
/// `tool.evidence.*`: one entry per channel on which something was sent.
///
/// Written by hand rather than by a YAML emitter so that its bytes are fixed: keys in the
/// order of the format, numbers always with a decimal point, the title double-quoted.
public struct EvidenceFile: Sendable {
    public let report: ExerciseReport
    public let title: String?

    public init(report: ExerciseReport, title: String? = nil) {
        self.report = report
        self.title = title
    }

    /// The file name the inventory expects: `<exercise>.yaml`.
    public var fileName: String { "\(report.exercise).yaml" }

    public var yaml: String {
        var lines = [
            "# Exercise evidence written by commsmap exercise report from verified messages and receipts.",
            "exercise: \(report.exercise)",
        ]
        if let title { lines.append("title: \(Self.quoted(title))") }
        lines += [
            "from: \(report.from.dateText)",
            "until: \(report.until.dateText)",
            "control: \(report.control)",
        ]
        let tested = report.channels.filter { $0.sent > 0 }
        if tested.isEmpty {
            lines.append("tools: []")
        } else {
            lines.append("tools:")
        }
        for channel in tested {
            lines.append("  - tool: \(channel.key)")
            if let last = channel.lastDelivered { lines.append("    last_tested: \(last.dateText)") }
            lines.append("    sent: \(channel.sent)")
            lines.append("    delivered: \(channel.delivered)")
            if let rate = channel.deliveryRate { lines.append("    delivery_rate: \(Self.number(rate))") }
            if let latency = channel.latency {
                lines.append("    median_latency_minutes: \(Self.number(latency.medianMinutes))")
                lines.append("    p95_latency_minutes: \(Self.number(latency.p95Minutes))")
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// A number that YAML reads as a float: `0.95`, `3.5`, `9.0`.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return "\(Int64(value)).0" }
        return "\(value)"
    }

    /// A double-quoted scalar (JSON string syntax, which YAML reads the same way).
    static func quoted(_ text: String) -> String {
        let json = CanonicalJSON.encode(["v": .string(text)])
        return String(decoding: json.dropFirst(5).dropLast(), as: UTF8.self)
    }
}
