import InventoryKit

/// A what-if: which tools go down. Coverage is recomputed without them and compared with
/// the baseline (DESIGN §4).
///
/// A tool is dropped when it is listed in `without`, or when `drop_when` (a rule over the
/// tool, as in a tool-scope policy) is true **or unknown**: a scenario asks what breaks,
/// so a tool that cannot be shown to survive is counted as lost. The output says which
/// tools were dropped only because of an unknown value.
public struct Scenario: Sendable, Equatable {
    public var id: String
    public var title: String
    public var description: String?
    /// Tool ids dropped by name.
    public var without: [String]
    /// Tools for which this rule is true or unknown are dropped.
    public var dropWhen: RuleText?
    /// Where the scenario was read from; nil for named and command-line scenarios.
    public var location: SourceLocation?
    /// Where each `without` id is written, for diagnostics.
    var toolLocations: [String: SourceLocation]

    public init(
        id: String, title: String, description: String? = nil, without: [String] = [], dropWhen: RuleText? = nil,
        location: SourceLocation? = nil, toolLocations: [String: SourceLocation] = [:]
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.without = without
        self.dropWhen = dropWhen
        self.location = location
        self.toolLocations = toolLocations
    }

    /// `internet-outage`: every tool whose `internet_independent` is not `true` goes down.
    /// A tool without the value is dropped too (unknown counts as dropped).
    public static let internetOutage = Scenario(
        id: "internet-outage", title: "Internet outage",
        description:
            "Every tool whose internet_independent is not true is dropped; a tool with no value for it is unknown and counted as dropped.",
        dropWhen: RuleText("not tool.internet_independent", file: "internet-outage"))

    /// The scenarios known by name, for `--scenario NAME`.
    public static let named: [Scenario] = [internetOutage]

    /// The named scenario `id`, or nil.
    public static func named(_ id: String) -> Scenario? { named.first { $0.id == id } }

    /// The scenario of `--without a --without b`: id `without`, title `Without a, b`.
    public static func without(_ tools: [String]) -> Scenario {
        Scenario(id: "without", title: "Without " + tools.joined(separator: ", "), without: tools)
    }
}

/// Why a scenario dropped a tool.
public enum DropReason: String, Sendable, Hashable, CaseIterable, Codable {
    /// Listed in `without` (or `--without`).
    case listed
    /// `drop_when` is true for the tool.
    case rule
    /// `drop_when` is unknown for the tool: counted as dropped.
    case unknown
}

/// A tool a scenario takes down, and why.
public struct DroppedTool: Sendable, Hashable {
    public var tool: String
    public var reason: DropReason
    /// The values `drop_when` read (empty for `listed`).
    public var facts: [Fact]

    public init(tool: String, reason: DropReason, facts: [Fact] = []) {
        self.tool = tool
        self.reason = reason
        self.facts = facts
    }
}
