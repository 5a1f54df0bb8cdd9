/// What control proved about an exercise: per channel and per team pair, how many
/// deliveries were attempted and how many came back with a verified receipt, how fast, and
/// what failed.
///
/// The unit of counting is a *delivery*: one message to one recipient. A message to three
/// teams is three deliveries, each proved by its own receipt. Every figure is computed
/// (and rounded) here, before rendering, so the text, JSON and evidence outputs agree.
public struct ExerciseReport: Sendable {
    public let exercise: String
    public let from: Timestamp
    public let until: Timestamp
    public let control: String
    /// Files read, and how many of them verified as messages and receipts.
    public let files: FileCounts
    /// One row per channel, sorted by channel id.
    public let channels: [DeliveryFigures]
    /// The figures over all channels (`key` is `all`).
    public let total: DeliveryFigures
    /// One row per sender → recipient pair over all channels, sorted.
    public let pairs: [DeliveryFigures]
    /// Every problem, sorted by file (then message and recipient).
    public let problems: [ReportProblem]

    /// Whether some file failed a check or some receipt does not match a message (exit 1).
    /// Deliveries without a receipt are figures, not failures of the report.
    public var hasFailedChecks: Bool { problems.contains { $0.kind != ReportProblem.noReceipt } }
}

public struct FileCounts: Sendable, Hashable, Codable {
    public var read: Int
    public var messages: Int
    public var receipts: Int
    public var failed: Int
}

/// Delivery figures for one channel, one team pair, or all of them.
public struct DeliveryFigures: Sendable, Hashable {
    /// The channel id, `from → to` pair, or `all`.
    public let key: String
    public let channel: String?
    public let from: String?
    public let to: String?
    public let sent: Int
    public let delivered: Int
    /// delivered / sent rounded to four decimals; nil when nothing was sent.
    public let deliveryRate: Double?
    public let latency: LatencyStatistics?
    /// UTC date of the latest verified receipt.
    public let lastDelivered: Timestamp?
    /// Failure kind → count (`no-receipt`, `receipt-mismatch`, `tampered`, …).
    public let failures: [String: Int]
}

/// One thing that went wrong, attributed to a file, and to a channel when it is known.
public struct ReportProblem: Sendable, Hashable {
    public static let noReceipt = "no-receipt"
    public static let duplicate = "duplicate"

    /// `no-receipt`, `duplicate`, or an `ExerciseError` code without its `exercise.` prefix
    /// (`tampered`, `unknown-signer`, `wrong-exercise`, `not-addressed`, `malformed`,
    /// `receipt-mismatch`).
    public let kind: String
    /// The file it was found in; nil for a missing receipt.
    public let file: String?
    public let channel: String?
    public let message: String?
    public let detail: String

    public static func kind(of error: ExerciseError) -> String {
        String(error.code.dropFirst("exercise.".count))
    }
}
