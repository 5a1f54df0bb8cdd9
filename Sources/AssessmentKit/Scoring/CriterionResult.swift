import InventoryKit

/// How one criterion came out for one subject, with the values behind it.
public struct CriterionResult: Sendable, Hashable {
    /// The criterion's id.
    public var criterion: String
    public var title: String
    public var weight: Double
    public var mandatory: Bool
    public var outcome: Outcome
    /// The outcome before any waiver: pass, fail, unknown or not-applicable. Equal to
    /// `outcome` unless that is `waived`.
    public var underlying: Outcome
    /// The criterion's `applies_when` (true when it has none).
    public var applicability: Truth
    /// The active waiver that turned a fail or unknown into `waived`.
    public var waiver: Waiver?
    /// Every value the criterion's rules read, with its source and confidence.
    public var facts: [Fact]
    /// Problems met while evaluating (markings of two scales put in order).
    public var warnings: [String]

    public init(
        criterion: String, title: String, weight: Double, mandatory: Bool, outcome: Outcome, underlying: Outcome,
        applicability: Truth = .true, waiver: Waiver? = nil, facts: [Fact] = [], warnings: [String] = []
    ) {
        self.criterion = criterion
        self.title = title
        self.weight = weight
        self.mandatory = mandatory
        self.outcome = outcome
        self.underlying = underlying
        self.applicability = applicability
        self.waiver = waiver
        self.facts = facts
        self.warnings = warnings
    }
}

/// What a policy judges: a tool, or a network's usage of a tool.
public struct Subject: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var scope: PolicyScope
    /// `tool-id`, or `network-id/tool-id`: the form waivers name.
    public var id: String
    public var tool: String
    public var network: String?

    public init(tool: String) {
        scope = .tool
        id = tool
        self.tool = tool
        network = nil
    }

    public init(network: String, tool: String) {
        scope = .usage
        id = "\(network)/\(tool)"
        self.tool = tool
        self.network = network
    }

    public var description: String { id }

    public static func < (a: Subject, b: Subject) -> Bool { a.id < b.id }
}

/// One subject judged against one policy.
public struct SubjectAssessment: Sendable, Hashable {
    public var policy: String
    public var subject: Subject
    /// Whether the policy's `applies_when` holds: true, or unknown (then the subject is
    /// judged as if it applied, so that missing data cannot hide a subject).
    public var applicability: Truth
    /// The values the policy's `applies_when` read.
    public var applicabilityFacts: [Fact]
    public var criteria: [CriterionResult]
    public var scores: ScoreCard

    public var verdict: Verdict { scores.verdict }
}

/// The assessment of an inventory against a set of policies on one date: the value every
/// renderer works from.
public struct Assessment: Sendable, Hashable {
    /// The policies, in id order.
    public struct PolicySummary: Sendable, Hashable {
        public var id: String
        public var title: String
        public var scope: PolicyScope
        public var passScore: Double
        public var location: SourceLocation?
        /// Subjects judged (those the policy applies to, or might).
        public var subjects: Int
        public var meets: Int
        public var incomplete: Int
        public var fails: Int
    }

    public var asOf: CalendarDate
    public var policies: [PolicySummary]
    /// Sorted by policy id, then subject id.
    public var results: [SubjectAssessment]
    /// Warnings from evaluation (expired waivers, markings of two scales), sorted.
    public var diagnostics: [Diagnostic]
}
