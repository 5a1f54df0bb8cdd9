import InventoryKit

/// A policy as read from `Policies/<id>.yaml`, before its rules are compiled.
///
/// Loading checks the file's shape; `PreparedPolicy.prepare` then checks the rules
/// against the inventory's catalogue.
public struct Policy: Sendable, Equatable {
    public var id: String
    public var title: String
    public var description: String?
    public var scope: PolicyScope
    /// Which subjects the policy judges; nil judges every subject in scope.
    public var appliesWhen: RuleText?
    /// The score (percent) a subject needs to meet the policy.
    public var passScore: Double
    public var coverage: CoverageTarget?
    public var criteria: [Criterion]
    public var waivers: [Waiver]
    /// The file the policy was read from, and where it starts.
    public var location: SourceLocation?

    public init(
        id: String, title: String, description: String? = nil, scope: PolicyScope, appliesWhen: RuleText? = nil,
        passScore: Double, coverage: CoverageTarget? = nil, criteria: [Criterion], waivers: [Waiver] = [],
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.scope = scope
        self.appliesWhen = appliesWhen
        self.passScore = passScore
        self.coverage = coverage
        self.criteria = criteria
        self.waivers = waivers
        self.location = location
    }
}

/// What "covered" means for the purposes a policy applies to (DESIGN §4).
public struct CoverageTarget: Sendable, Hashable {
    /// At least this many usages that meet the policy.
    public var minTools: Int
    /// Run by at least this many different operators.
    public var minOperators: Int

    public init(minTools: Int = 1, minOperators: Int = 1) {
        self.minTools = minTools
        self.minOperators = minOperators
    }
}

/// One criterion of a policy: a weighted rule.
public struct Criterion: Sendable, Equatable {
    public var id: String
    public var title: String
    /// Why the criterion matters, for readers of reports.
    public var rationale: String?
    /// The id in `sources.yaml` of the requirement the criterion comes from.
    public var source: String?
    public var weight: Double
    /// A mandatory criterion must pass (or be waived) whatever the score.
    public var mandatory: Bool
    /// Values less sure than this are unknown for this criterion; nil accepts any.
    public var minConfidence: Confidence?
    /// When the criterion applies to a subject; false makes it `not-applicable`. An
    /// extension of DESIGN §3's criterion fields: it is what gives that outcome a meaning.
    public var appliesWhen: RuleText?
    public var rule: RuleText
    public var location: SourceLocation?

    public init(
        id: String, title: String, rationale: String? = nil, source: String? = nil, weight: Double = 1,
        mandatory: Bool = false, minConfidence: Confidence? = nil, appliesWhen: RuleText? = nil, rule: RuleText,
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.title = title
        self.rationale = rationale
        self.source = source
        self.weight = weight
        self.mandatory = mandatory
        self.minConfidence = minConfidence
        self.appliesWhen = appliesWhen
        self.rule = rule
        self.location = location
    }
}

/// An accepted exception: a criterion that a subject need not pass until `expires`.
public struct Waiver: Sendable, Hashable {
    public var criterion: String
    /// `tool-id` in a tool policy, `network-id/tool-id` in a usage policy.
    public var subject: String
    public var justification: String
    public var approvedBy: String
    /// The last day on which the waiver holds; from the next day it is expired.
    public var expires: CalendarDate
    public var location: SourceLocation?

    public init(
        criterion: String, subject: String, justification: String, approvedBy: String, expires: CalendarDate,
        location: SourceLocation? = nil
    ) {
        self.criterion = criterion
        self.subject = subject
        self.justification = justification
        self.approvedBy = approvedBy
        self.expires = expires
        self.location = location
    }

    /// Whether the waiver still holds on `date` (it holds through its `expires` day).
    public func isActive(on date: CalendarDate) -> Bool { date <= expires }
}
