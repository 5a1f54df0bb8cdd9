/// Median and 95th percentile of delivery latencies, computed one documented way so that
/// every report and evidence file agrees.
///
/// Median: the middle value, or the mean of the two middle values for an even count.
/// 95th percentile: nearest rank, the value at rank ⌈0.95 · n⌉ of the sorted values (so
/// with fewer than 20 values it is the largest one). Minutes are rounded to two decimals.
public struct LatencyStatistics: Sendable, Hashable {
    public let medianMinutes: Double
    public let p95Minutes: Double

    /// nil for no values.
    public init?(seconds values: [Int64]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let n = sorted.count
        let median =
            n % 2 == 1 ? Double(sorted[n / 2]) : (Double(sorted[n / 2 - 1]) + Double(sorted[n / 2])) / 2
        let rank = (95 * n + 99) / 100
        medianMinutes = Self.minutes(median)
        p95Minutes = Self.minutes(Double(sorted[rank - 1]))
    }

    static func minutes(_ seconds: Double) -> Double {
        (seconds / 60 * 100).rounded() / 100
    }
}
