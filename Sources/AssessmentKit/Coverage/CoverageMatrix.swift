import InventoryKit

/// A usage-scope policy as coverage uses it: its id, title and coverage targets.
public struct CoveragePolicy: Sendable, Hashable {
    public var id: String
    public var title: String
    /// The policy's `coverage:`, or one tool and one operator when it has none.
    public var target: CoverageTarget
    /// Whether `target` was written in the policy (false: the default).
    public var targetStated: Bool

    public init(id: String, title: String, target: CoverageTarget, targetStated: Bool) {
        self.id = id
        self.title = title
        self.target = target
        self.targetStated = targetStated
    }
}

/// A network as the coverage matrix shows it.
public struct CoverageNetwork: Sendable, Hashable {
    public var id: String
    public var name: String
    public var kind: Network.Kind
    /// Members the network lists.
    public var members: Int

    public init(id: String, name: String, kind: Network.Kind, members: Int) {
        self.id = id
        self.name = name
        self.kind = kind
        self.members = members
    }
}

/// A purpose as the coverage matrix shows it.
public struct CoveragePurpose: Sendable, Hashable {
    public var id: String
    public var title: String

    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}

/// One policy's verdict on a usage.
public struct PolicyVerdict: Sendable, Hashable {
    public var policy: String
    public var verdict: Verdict
    public var score: Percentage

    public init(policy: String, verdict: Verdict, score: Percentage) {
        self.policy = policy
        self.verdict = verdict
        self.score = score
    }
}

/// A network's usage of a tool, as it stands for coverage.
public struct CoverageUsage: Sendable, Hashable {
    public var tool: String
    public var toolName: String
    /// The tool's operator; nil when the inventory does not say.
    public var `operator`: String?
    public var role: Usage.Role
    /// The verdict of every usage-scope policy that judged the usage, by policy id.
    public var verdicts: [PolicyVerdict]
    /// The usage meets only if it meets every policy that judged it; it fails if any
    /// policy fails it; otherwise it is incomplete. Nil when no policy judged it.
    public var verdict: Verdict?
    public var onboarding: Onboarding
    /// Removed by a scenario: listed, but not counted.
    public var removed: Bool

    public init(
        tool: String, toolName: String, operator: String?, role: Usage.Role, verdicts: [PolicyVerdict],
        onboarding: Onboarding, removed: Bool = false
    ) {
        self.tool = tool
        self.toolName = toolName
        self.operator = `operator`
        self.role = role
        self.verdicts = verdicts
        self.verdict = CoverageUsage.combine(verdicts.map(\.verdict))
        self.onboarding = onboarding
        self.removed = removed
    }

    /// Counts for sure: judged, meets, and not removed.
    public var meetsInWorstCase: Bool { !removed && verdict == .meets }
    /// Counts if every unknown passed: judged, meets or incomplete, and not removed.
    public var meetsInBestCase: Bool { !removed && (verdict == .meets || verdict == .incomplete) }

    /// Every policy must be met: one failing policy fails the usage, one incomplete one
    /// (and none failing) leaves it incomplete. Nil for no verdicts.
    static func combine(_ verdicts: [Verdict]) -> Verdict? {
        guard !verdicts.isEmpty else { return nil }
        if verdicts.contains(.fails) { return .fails }
        if verdicts.contains(.incomplete) { return .incomplete }
        return .meets
    }
}

/// The usages that count in one case (worst or best): how many, which tools, which
/// operators.
public struct CoverageCount: Sendable, Hashable {
    /// Distinct tool ids, sorted.
    public var tools: [String]
    /// Distinct stated operators of those tools, sorted.
    public var operators: [String]
    /// Tools among `tools` whose operator the inventory does not state, sorted.
    public var toolsWithoutOperator: [String]

    public init(tools: [String] = [], operators: [String] = [], toolsWithoutOperator: [String] = []) {
        self.tools = tools
        self.operators = operators
        self.toolsWithoutOperator = toolsWithoutOperator
    }
}

/// One network × purpose: the usages that serve it and how well they cover it.
public struct CoverageCell: Sendable, Hashable {
    public var network: String
    public var purpose: String
    /// The usage-scope policies that judged at least one of the cell's usages, by id.
    public var policies: [String]
    /// The strictest targets of those policies (the largest `min_tools` and the largest
    /// `min_operators`); nil when no policy applies.
    public var target: CoverageTarget?
    /// Every usage serving the purpose, removed ones included, by tool id.
    public var usages: [CoverageUsage]
    /// Usages that meet for sure (worst case). Their operators are the stated ones only.
    public var worst: CoverageCount
    /// Usages that meet if every unknown passes (best case). A tool without a stated
    /// operator counts as an operator of its own here.
    public var best: CoverageCount
    public var status: CoverageStatus

    public init(
        network: String, purpose: String, policies: [String], target: CoverageTarget?, usages: [CoverageUsage],
        worst: CoverageCount, best: CoverageCount, status: CoverageStatus
    ) {
        self.network = network
        self.purpose = purpose
        self.policies = policies
        self.target = target
        self.usages = usages
        self.worst = worst
        self.best = best
        self.status = status
    }

    /// `network/purpose`, the name changes and messages use.
    public var id: String { "\(network)/\(purpose)" }
}

/// Two networks that share a tool meeting the policy for a purpose: they can exchange
/// over it (civil–military interoperability and the like).
public struct InteroperabilityPair: Sendable, Hashable, Comparable {
    public var purpose: String
    /// The two network ids, `first < second`.
    public var first: String
    public var second: String
    /// Tools whose usage meets in both networks, sorted.
    public var tools: [String]
    /// Tools whose usage would meet in both if every unknown passed, but not for sure,
    /// sorted.
    public var possibleTools: [String]

    public init(purpose: String, first: String, second: String, tools: [String], possibleTools: [String]) {
        self.purpose = purpose
        self.first = first
        self.second = second
        self.tools = tools
        self.possibleTools = possibleTools
    }

    /// Established (a tool meets in both), possible (only if unknowns pass), or none.
    public var state: State {
        if !tools.isEmpty { return .established }
        return possibleTools.isEmpty ? .none : .possible
    }

    /// The strength of a pair's link, from none to established.
    public enum State: String, Sendable, Hashable, Codable, Comparable {
        case none, possible, established

        public static func < (a: State, b: State) -> Bool { a.rank < b.rank }
        private var rank: Int { self == .none ? 0 : self == .possible ? 1 : 2 }
    }

    /// `purpose/first/second`, the key changes use.
    public var id: String { "\(purpose)/\(first)/\(second)" }

    public static func < (a: InteroperabilityPair, b: InteroperabilityPair) -> Bool {
        (a.purpose, a.first, a.second) < (b.purpose, b.first, b.second)
    }
}

/// Coverage of every network × purpose the networks use, with the interoperability pairs:
/// built once per evaluation from an `Assessment` (`CoverageBasis`), rendered by
/// `CoverageRenderer` and the reports.
public struct CoverageMatrix: Sendable, Hashable {
    public var asOf: CalendarDate
    /// The usage-scope policies, by id.
    public var policies: [CoveragePolicy]
    /// Networks with at least one cell, by id.
    public var networks: [CoverageNetwork]
    /// Purposes with at least one cell, by id.
    public var purposes: [CoveragePurpose]
    /// By network id, then purpose id.
    public var cells: [CoverageCell]
    /// Pairs whose state is possible or established, by purpose then network ids.
    public var pairs: [InteroperabilityPair]
    /// Tools a scenario removed, by id (empty for the baseline).
    public var removedTools: [String]

    private var cellIndex: [String: Int]

    public init(
        asOf: CalendarDate, policies: [CoveragePolicy], networks: [CoverageNetwork], purposes: [CoveragePurpose],
        cells: [CoverageCell], pairs: [InteroperabilityPair], removedTools: [String] = []
    ) {
        self.asOf = asOf
        self.policies = policies
        self.networks = networks
        self.purposes = purposes
        self.cells = cells
        self.pairs = pairs
        self.removedTools = removedTools
        var index: [String: Int] = [:]
        for (position, cell) in cells.enumerated() { index[cell.id] = position }
        cellIndex = index
    }

    /// The cell of `network` × `purpose`, or nil when the network uses no tool for it.
    public func cell(network: String, purpose: String) -> CoverageCell? {
        cellIndex["\(network)/\(purpose)"].map { cells[$0] }
    }

    /// The number of cells per status label (`covered`, `gap`, …), for summaries.
    public var statusCounts: [String: Int] {
        var counts: [String: Int] = [:]
        for cell in cells { counts[cell.status.label, default: 0] += 1 }
        return counts
    }

    /// Only the given networks and purposes (nil or empty: all). A pair is kept when its
    /// purpose is kept and at least one of its networks is.
    public func filtered(networks networkIDs: Set<String>?, purposes purposeIDs: Set<String>?) -> CoverageMatrix {
        let networkIDs = networkIDs?.isEmpty == true ? nil : networkIDs
        let purposeIDs = purposeIDs?.isEmpty == true ? nil : purposeIDs
        guard networkIDs != nil || purposeIDs != nil else { return self }
        func keepNetwork(_ id: String) -> Bool { networkIDs?.contains(id) ?? true }
        func keepPurpose(_ id: String) -> Bool { purposeIDs?.contains(id) ?? true }
        let cells = self.cells.filter { keepNetwork($0.network) && keepPurpose($0.purpose) }
        let usedNetworks = Set(cells.map(\.network))
        let usedPurposes = Set(cells.map(\.purpose))
        return CoverageMatrix(
            asOf: asOf, policies: policies, networks: networks.filter { usedNetworks.contains($0.id) },
            purposes: purposes.filter { usedPurposes.contains($0.id) }, cells: cells,
            pairs: pairs.filter { keepPurpose($0.purpose) && (keepNetwork($0.first) || keepNetwork($0.second)) },
            removedTools: removedTools)
    }

    public static func == (a: CoverageMatrix, b: CoverageMatrix) -> Bool {
        a.asOf == b.asOf && a.policies == b.policies && a.networks == b.networks && a.purposes == b.purposes
            && a.cells == b.cells && a.pairs == b.pairs && a.removedTools == b.removedTools
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(asOf)
        hasher.combine(cells)
        hasher.combine(pairs)
        hasher.combine(removedTools)
    }
}
