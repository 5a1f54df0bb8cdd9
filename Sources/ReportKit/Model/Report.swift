import AssessmentKit
import InventoryKit

/// Everything `commsmap report` shows, computed once: the inventory summary, the
/// assessment, coverage, scenarios and gaps.
///
/// Every renderer formats this value and nothing else. Sorting, rounding and every count
/// happen in `ReportBuilder`, so the text, Markdown, HTML, JSON and CSV outputs cannot
/// disagree on a number.
public struct Report: Sendable, Hashable {
    /// The `schema` field of the JSON output; see docs/report-format.md for when it
    /// changes.
    public static let schemaVersion = "commsmap.report/1"

    public var title: String
    /// The assessment date: `--as-of`, or the inventory's `as_of`.
    public var asOf: CalendarDate
    /// The inventory's own `as_of`.
    public var inventoryAsOf: CalendarDate
    public var inventory: InventorySummary
    /// In policy id order.
    public var policies: [PolicyReport]
    /// Every judged subject, in policy id then subject id order.
    public var subjects: [SubjectReport]
    /// Per tool (in id order), its score under each policy that judged it.
    public var toolScores: [ToolScores]
    public var coverage: CoverageSection
    /// Gaps first, then single points of failure, then cells at risk; each by network
    /// then purpose.
    public var gaps: [GapEntry]
    /// What each scenario breaks, in the order they were run.
    public var scenarios: [ScenarioReport]
    /// Every source the report cites, in id order.
    public var sources: [SourceEntry]
    /// Warnings from the assessment (expired waivers, markings of two scales), sorted.
    public var diagnostics: [Diagnostic]

    public init(
        title: String, asOf: CalendarDate, inventoryAsOf: CalendarDate, inventory: InventorySummary,
        policies: [PolicyReport], subjects: [SubjectReport], toolScores: [ToolScores], coverage: CoverageSection,
        gaps: [GapEntry], scenarios: [ScenarioReport], sources: [SourceEntry], diagnostics: [Diagnostic]
    ) {
        self.title = title
        self.asOf = asOf
        self.inventoryAsOf = inventoryAsOf
        self.inventory = inventory
        self.policies = policies
        self.subjects = subjects
        self.toolScores = toolScores
        self.coverage = coverage
        self.gaps = gaps
        self.scenarios = scenarios
        self.sources = sources
        self.diagnostics = diagnostics
    }

    /// The sources the report cites (the inventory may hold more).
    public var sourcesCited: Int { sources.count }

    /// The verdict counts over every policy.
    public var verdictCounts: VerdictCounts {
        policies.reduce(VerdictCounts()) { total, policy in total + policy.verdicts }
    }
}

/// How many subjects met, were incomplete for, or failed a policy.
public struct VerdictCounts: Sendable, Hashable {
    public var meets: Int
    public var incomplete: Int
    public var fails: Int

    public init(meets: Int = 0, incomplete: Int = 0, fails: Int = 0) {
        self.meets = meets
        self.incomplete = incomplete
        self.fails = fails
    }

    public var total: Int { meets + incomplete + fails }

    public static func + (a: VerdictCounts, b: VerdictCounts) -> VerdictCounts {
        VerdictCounts(meets: a.meets + b.meets, incomplete: a.incomplete + b.incomplete, fails: a.fails + b.fails)
    }
}

// MARK: Inventory summary

/// What the inventory holds, in counts and one row per network and per tool.
public struct InventorySummary: Sendable, Hashable {
    public struct Counts: Sendable, Hashable {
        public var networks: Int
        public var members: Int
        public var tools: Int
        public var usages: Int
        public var purposes: Int
        public var properties: Int
        public var sources: Int
        /// Property values stated, over all tools.
        public var valuesKnown: Int
        /// Property values a tool could state: tools × catalogued properties.
        public var valuesPossible: Int
        /// Stated values whose confidence is `verified`.
        public var valuesVerified: Int
        /// `valuesKnown / valuesPossible`.
        public var knownShare: Percentage
    }

    public struct NetworkRow: Sendable, Hashable {
        public var id: String
        public var name: String
        public var kind: String
        public var members: Int
        public var usages: Int
        /// Distinct purposes its usages serve.
        public var purposes: Int
        public var legalBasis: String?
        public var source: String?
    }

    public struct ToolRow: Sendable, Hashable {
        public var id: String
        public var name: String
        public var category: String
        public var `operator`: String?
        public var url: String?
        /// Catalogued properties with a stated value.
        public var propertiesKnown: Int
        /// Of those, the ones whose confidence is `verified`.
        public var propertiesVerified: Int
        /// `propertiesKnown` over the catalogue's size.
        public var knownShare: Percentage
        /// Networks with a usage of the tool.
        public var networks: Int
    }

    public var counts: Counts
    /// In id order.
    public var networks: [NetworkRow]
    /// In id order.
    public var tools: [ToolRow]
    /// The purposes, in id order.
    public var purposes: [PurposeEntry]
}

/// A purpose: its id and title.
public struct PurposeEntry: Sendable, Hashable {
    public var id: String
    public var title: String
}

/// A cited source, as listed in `sources.yaml`.
public struct SourceEntry: Sendable, Hashable {
    public var id: String
    public var title: String
    public var url: String?
    public var kind: String
    public var published: CalendarDate?
}

// MARK: Assessment

/// A policy: what it asks and how the subjects it judged came out.
public struct PolicyReport: Sendable, Hashable {
    public var id: String
    public var title: String
    public var scope: PolicyScope
    /// The `applies_when` rule, as written.
    public var appliesWhen: String?
    public var passScore: Double
    /// The coverage targets, if the policy sets them.
    public var coverage: CoverageTarget?
    public var verdicts: VerdictCounts
    /// The positions of the policy's subjects in `Report.subjects`.
    public var subjectRange: Range<Int>
    /// In the policy file's order.
    public var criteria: [CriterionDefinition]
    /// Where the policy is defined.
    public var location: SourceLocation?
}

/// A criterion as its policy defines it: the target of every number's link.
public struct CriterionDefinition: Sendable, Hashable {
    public var id: String
    public var title: String
    public var weight: Double
    public var mandatory: Bool
    public var minConfidence: Confidence?
    public var rule: String
    public var appliesWhen: String?
    public var rationale: String?
    /// The id in `sources.yaml` of the requirement it comes from.
    public var source: String?
}

/// One subject judged against one policy, with every criterion's outcome.
public struct SubjectReport: Sendable, Hashable {
    public var policy: String
    /// `tool-id`, or `network-id/tool-id`.
    public var subject: String
    public var tool: String
    public var toolName: String
    public var network: String?
    public var verdict: Verdict
    public var score: Percentage
    public var scoreWithoutWaivers: Percentage
    public var completeness: Percentage
    public var bestCaseScore: Percentage
    public var weights: Weights
    public var mandatoryMetInWorstCase: Bool
    public var mandatoryMetInBestCase: Bool
    /// Whether the policy's `applies_when` holds (true) or is unknown.
    public var applicability: Truth
    public var applicabilityFacts: [FactEntry]
    /// Every criterion of the policy, in the policy's order.
    public var criteria: [CriterionOutcome]

    /// The criterion weights behind the scores.
    public struct Weights: Sendable, Hashable {
        public var applicable: Double
        public var passed: Double
        public var waived: Double
        public var failed: Double
        public var unknown: Double
        public var known: Double
    }
}

/// How one criterion came out for one subject.
public struct CriterionOutcome: Sendable, Hashable {
    public var criterion: String
    public var title: String
    public var weight: Double
    public var mandatory: Bool
    public var outcome: Outcome
    /// The outcome before any waiver.
    public var underlying: Outcome
    public var waiver: WaiverEntry?
    /// The values the rule read, with their sources.
    public var facts: [FactEntry]
    public var warnings: [String]
}

/// An active waiver that turned a fail or unknown into `waived`.
public struct WaiverEntry: Sendable, Hashable {
    public var expires: CalendarDate
    public var approvedBy: String
    public var justification: String
}

/// One value a rule read, ready to show: its text, whether it counted, and where it
/// comes from.
public struct FactEntry: Sendable, Hashable {
    /// `tool.end_to_end_encryption`.
    public var path: String
    /// The value as stated, nil when absent.
    public var value: RuleValue?
    /// `true`, `[EU:RESTRICTED]`, `none (unclassified)`, `no value`.
    public var valueText: String
    public var status: Fact.Status
    public var source: String?
    /// The source's URL, when the source has one.
    public var sourceURL: String?
    public var confidence: Confidence?
    public var assessed: CalendarDate?
    /// Where the value is written in the inventory.
    public var location: SourceLocation?
}

/// A tool's scores under every policy that judged it: the report's score bars.
public struct ToolScores: Sendable, Hashable {
    public var tool: String
    public var name: String
    /// In policy id then subject id order.
    public var scores: [Entry]

    public struct Entry: Sendable, Hashable {
        public var policy: String
        /// The subject id (`tool`, or `network/tool`), which names the subject's details.
        public var subject: String
        public var network: String?
        public var score: Percentage
        public var bestCaseScore: Percentage
        public var verdict: Verdict
    }
}

// MARK: Coverage

/// Coverage of every network × purpose, the interoperability pairs, and the gaps.
public struct CoverageSection: Sendable, Hashable {
    /// Every network of the inventory, in id order: the heat map's rows.
    public var networks: [NetworkEntry]
    /// Every purpose of the inventory, in id order: the heat map's columns.
    public var purposes: [PurposeEntry]
    /// The cells where a network uses some tool for a purpose, by network then purpose
    /// id. A heat-map position without a cell is "not used".
    public var cells: [CoverageCellReport]
    /// Cells per status, in `CoverageSection.statusOrder`, zero counts included.
    public var statusCounts: [StatusCount]
    /// The usage-scope policies whose targets define "covered".
    public var policies: [CoveragePolicyEntry]
    /// Network pairs that share a meeting (or possibly meeting) tool for a purpose.
    public var pairs: [PairReport]

    /// Worst first: the order of the summary and of the gaps.
    public static let statusOrder = ["gap", "single-point", "below-target", "incomplete", "covered", "no-policy"]

    public struct NetworkEntry: Sendable, Hashable {
        public var id: String
        public var name: String
        public var kind: String
    }

    public struct StatusCount: Sendable, Hashable {
        public var status: String
        public var cells: Int
    }
}

/// A usage-scope policy and the coverage targets it sets.
public struct CoveragePolicyEntry: Sendable, Hashable {
    public var id: String
    public var title: String
    public var minTools: Int
    public var minOperators: Int
    /// False when the policy sets no `coverage:` and the default (1 and 1) applies.
    public var stated: Bool
}

/// One network × purpose.
public struct CoverageCellReport: Sendable, Hashable {
    public var network: String
    public var purpose: String
    /// `covered`, `single-point`, `below-target`, `gap`, `incomplete` or `no-policy`.
    public var status: String
    /// The level if every unknown fails, and if every unknown passes; nil without a
    /// policy.
    public var worstCase: String?
    public var bestCase: String?
    /// The policies that judged the cell's usages.
    public var policies: [String]
    /// The strictest targets of those policies.
    public var minTools: Int?
    public var minOperators: Int?
    /// Tools that meet for sure, and their stated operators.
    public var meetingTools: [String]
    public var meetingOperators: [String]
    /// Tools that would meet if every unknown passed, besides `meetingTools`.
    public var possibleTools: [String]
    /// Every usage serving the purpose, by tool id.
    public var usages: [CoverageUsageReport]

    public var meetingCount: Int { meetingTools.count }
    public var possibleCount: Int { possibleTools.count }
    public var usageCount: Int { usages.count }
}

/// A usage in a coverage cell.
public struct CoverageUsageReport: Sendable, Hashable {
    public var tool: String
    public var toolName: String
    public var `operator`: String?
    public var role: String
    /// Every policy must be met: the combined verdict; nil when no policy judged it.
    public var verdict: Verdict?
    /// The verdict and score of each policy that judged it (the subject `network/tool`).
    public var verdicts: [PolicyVerdict]
    /// `all`, `count`, `list` or `unknown`.
    public var onboardedBasis: String
    /// Members onboarded, and of how many listed; the share in percent.
    public var onboardedMembers: Int?
    public var listedMembers: Int
    public var onboardedShare: Percentage?
    /// `all (30 of 30, 100.0%)`, `unknown`.
    public var onboardedText: String
    /// Removed by a scenario (only in scenario cells).
    public var removed: Bool
}

/// Two networks that can exchange over a shared tool for a purpose.
public struct PairReport: Sendable, Hashable {
    public var purpose: String
    public var first: String
    public var second: String
    /// `established` (a tool meets in both) or `possible` (only if unknowns pass).
    public var state: String
    public var tools: [String]
    public var possibleTools: [String]
}

/// A network × purpose to act on: a gap, a single point of failure, or a cell that may
/// be one of them once unknown values are known.
public struct GapEntry: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// No usage meets the policy.
        case gap
        /// Exactly one usage meets it, and the targets ask for more: that tool is a single
        /// point of failure.
        case singlePoint = "single-point"
        /// Depends on unknowns, and is a gap or a single point in the worst case.
        case atRisk = "at-risk"
    }

    public var kind: Kind
    public var network: String
    public var purpose: String
    /// The cell's status and its worst and best case.
    public var status: String
    public var worstCase: String?
    public var bestCase: String?
    /// The tools that meet for sure (the single point), and those that might.
    public var meetingTools: [String]
    public var possibleTools: [String]
    /// Every tool the network uses for the purpose.
    public var usedTools: [String]
}

// MARK: Scenarios

/// What a scenario (tools going down) does to coverage.
public struct ScenarioReport: Sendable, Hashable {
    public var id: String
    public var title: String
    public var description: String?
    /// The rule that picks the tools to drop, as written, if any.
    public var dropWhen: String?
    /// By tool id.
    public var dropped: [DroppedToolEntry]
    /// The dropped tools some network uses, by id.
    public var droppedInUse: [String]
    /// Dropped tools per reason (`listed`, `rule`, `unknown`), zero counts included.
    public var droppedByReason: [ReasonCount]
    /// Cells whose status got worse, by network then purpose.
    public var breaks: [ScenarioBreak]
    /// Network pairs whose link got weaker.
    public var lostPairs: [PairChange]
    /// The cells per status with the tools dropped, in `CoverageSection.statusOrder`.
    public var statusCounts: [CoverageSection.StatusCount]
}

/// How many tools a scenario dropped for one reason.
public struct ReasonCount: Sendable, Hashable {
    public var reason: String
    public var tools: Int
}

/// A tool a scenario drops, and why.
public struct DroppedToolEntry: Sendable, Hashable {
    public var tool: String
    public var name: String
    /// `listed`, `rule`, or `unknown` (the rule could not be decided: counted as dropped).
    public var reason: String
    /// Whether some network uses the tool.
    public var inUse: Bool
    /// The values the rule read.
    public var facts: [FactEntry]
}

/// A network × purpose whose coverage a scenario lowers.
public struct ScenarioBreak: Sendable, Hashable {
    public var network: String
    public var purpose: String
    /// The status labels before and after (`not-used` when the cell is gone).
    public var before: String
    /// `incomplete (gap to single-point)`: the label with an incomplete status's range.
    public var beforeText: String
    public var after: String
    public var afterText: String
    /// The cell's tools the scenario drops.
    public var droppedTools: [String]
}

/// A network pair whose link for a purpose a scenario weakens.
public struct PairChange: Sendable, Hashable {
    public var purpose: String
    public var first: String
    public var second: String
    public var before: String
    public var after: String
}
