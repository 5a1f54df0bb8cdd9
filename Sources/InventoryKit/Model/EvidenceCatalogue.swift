/// The keys an exercise evidence file (`evidence/<exercise>.yaml`) sets on a tool, read by
/// rules as `tool.evidence.<key>`.
///
/// Fixed in code rather than in `inventory.yaml` because `commsmap exercise report`
/// writes them: their names and types are an interface between the two halves of the
/// project, not a data choice.
public enum EvidenceCatalogue {
    /// Every evidence key with its type, in the order of the evidence file format.
    public static let definitions: [PropertyDefinition] = [
        PropertyDefinition(
            id: "last_tested", type: .date,
            description: "Day of the last message delivered on this channel in an exercise"),
        PropertyDefinition(id: "sent", type: .int, description: "Messages sent on this channel in the exercise"),
        PropertyDefinition(
            id: "delivered", type: .int, description: "Messages whose signed receipt control verified"),
        PropertyDefinition(
            id: "delivery_rate", type: .number, description: "delivered / sent, from 0 to 1"),
        PropertyDefinition(
            id: "median_latency_minutes", type: .number,
            description: "Median minutes from sending to the receipt"),
        PropertyDefinition(
            id: "p95_latency_minutes", type: .number,
            description: "95th percentile of minutes from sending to the receipt"),
    ]

    /// The definition of an evidence key, or nil.
    public static func definition(_ id: String) -> PropertyDefinition? { byID[id] }

    private static let byID: [String: PropertyDefinition] = Dictionary(
        uniqueKeysWithValues: definitions.map { ($0.id, $0) })

    /// The source id given to values from the exercise `exercise`: `exercise:<id>`.
    public static func sourceID(exercise: String) -> String { "exercise:\(exercise)" }
}
