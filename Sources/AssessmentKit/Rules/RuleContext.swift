import InventoryKit

/// What a rule is evaluated against: the subject (a tool, or a network's usage of a
/// tool), the as-of date for `within`, and the confidence a value needs to count.
public struct RuleContext: Sendable {
    public var tool: Tool?
    public var usage: Usage?
    public var network: Network?
    public var asOf: CalendarDate
    /// Sourced values below this are unknown; nil accepts every confidence.
    public var minConfidence: Confidence?

    public init(
        tool: Tool?, usage: Usage? = nil, network: Network? = nil, asOf: CalendarDate,
        minConfidence: Confidence? = nil
    ) {
        self.tool = tool
        self.usage = usage
        self.network = network
        self.asOf = asOf
        self.minConfidence = minConfidence
    }
}

/// The outcome of evaluating one rule: its truth, the values it read and any warnings
/// (markings of two scales that met only in the data).
public struct RuleEvaluation: Sendable, Hashable {
    public var truth: Truth
    public var facts: [Fact]
    public var warnings: [String]
}
