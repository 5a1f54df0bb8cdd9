import InventoryKit

/// One value a rule read while judging a subject, with where it came from: what makes
/// every outcome traceable to a property value and its source.
public struct Fact: Sendable, Hashable {
    /// Whether the value counted.
    public enum Status: String, Sendable, Hashable, Codable {
        /// The value was read and used.
        case used
        /// No value is stated: unknown.
        case missing
        /// A value is stated but its confidence is below the criterion's `min_confidence`:
        /// unknown.
        case belowConfidence = "below-confidence"
    }

    /// The path as written in the rule, e.g. `tool.end_to_end_encryption`.
    public var path: String
    /// The value stated in the inventory, also when it did not count; nil when absent.
    public var value: RuleValue?
    public var status: Status
    /// The id in `sources.yaml` the value cites.
    public var source: String?
    public var confidence: Confidence?
    public var assessed: CalendarDate?
    /// Where the value is written in the inventory.
    public var location: SourceLocation?

    public init(
        path: String, value: RuleValue?, status: Status, source: String? = nil, confidence: Confidence? = nil,
        assessed: CalendarDate? = nil, location: SourceLocation? = nil
    ) {
        self.path = path
        self.value = value
        self.status = status
        self.source = source
        self.confidence = confidence
        self.assessed = assessed
        self.location = location
    }
}
