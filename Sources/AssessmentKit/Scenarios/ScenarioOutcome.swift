import InventoryKit

/// What one scenario does to coverage: the tools it dropped, the coverage without them,
/// and what changed from the baseline.
public struct ScenarioOutcome: Sendable, Equatable {
    public var scenario: Scenario
    /// By tool id.
    public var dropped: [DroppedTool]
    public var coverage: CoverageMatrix
    /// Against the baseline. Removing tools can only lower a status or weaken a link.
    public var comparison: CoverageComparison
    /// Warnings from evaluating `drop_when`.
    public var diagnostics: [Diagnostic]

    public init(
        scenario: Scenario, dropped: [DroppedTool], coverage: CoverageMatrix, baseline: CoverageMatrix,
        diagnostics: [Diagnostic] = []
    ) {
        self.scenario = scenario
        self.dropped = dropped
        self.coverage = coverage
        self.comparison = CoverageComparison.compare(before: baseline, after: coverage)
        self.diagnostics = diagnostics
    }

    /// Cells whose status got worse: what the scenario breaks.
    public var breaks: [CoverageChange] { comparison.cells.filter(\.isWorse) }

    /// Pairs of networks whose link got weaker.
    public var lostPairs: [InteroperabilityChange] { comparison.pairs.filter(\.isLoss) }

    /// The dropped tools some network (in the shown cells) uses, by id.
    public var droppedInUse: [String] {
        var used = Set<String>()
        for cell in coverage.cells {
            for usage in cell.usages where usage.removed { used.insert(usage.tool) }
        }
        return used.sorted()
    }

    /// The number of dropped tools per reason.
    public func count(_ reason: DropReason) -> Int { dropped.count { $0.reason == reason } }
}

/// The coverage of an evaluation and of every scenario run against it: what
/// `commsmap coverage` prints and reports show.
public struct CoverageReport: Sendable, Equatable {
    public var baseline: CoverageMatrix
    /// In the order the scenarios were given.
    public var scenarios: [ScenarioOutcome]

    public init(baseline: CoverageMatrix, scenarios: [ScenarioOutcome] = []) {
        self.baseline = baseline
        self.scenarios = scenarios
    }

    /// Builds the coverage basis once from `assessment` (an evaluation of `inventory`
    /// against `policies`), then the baseline and each scenario from it.
    public init(
        inventory: Inventory, assessment: Assessment, policies: [PreparedPolicy], scenarios: [PreparedScenario] = []
    ) {
        let basis = CoverageBasis(inventory: inventory, assessment: assessment, policies: policies)
        let baseline = basis.matrix()
        self.baseline = baseline
        self.scenarios = scenarios.map { scenario in
            let (dropped, diagnostics) = scenario.dropped(from: inventory, asOf: assessment.asOf)
            return ScenarioOutcome(
                scenario: scenario.scenario, dropped: dropped,
                coverage: basis.matrix(removing: Set(dropped.map(\.tool))), baseline: baseline,
                diagnostics: diagnostics)
        }
    }

    /// Every diagnostic of the scenarios, sorted.
    public var diagnostics: [Diagnostic] { scenarios.flatMap(\.diagnostics).sorted() }

    /// Only the given networks and purposes (empty: all), in the baseline, in each
    /// scenario's coverage and in its changes. Dropped tools are kept whole.
    public func filtered(networks: [String], purposes: [String]) -> CoverageReport {
        guard !networks.isEmpty || !purposes.isEmpty else { return self }
        let networkIDs = networks.isEmpty ? nil : Set(networks)
        let purposeIDs = purposes.isEmpty ? nil : Set(purposes)
        func keepNetwork(_ id: String) -> Bool { networkIDs?.contains(id) ?? true }
        func keepPurpose(_ id: String) -> Bool { purposeIDs?.contains(id) ?? true }
        var report = self
        report.baseline = baseline.filtered(networks: networkIDs, purposes: purposeIDs)
        for index in report.scenarios.indices {
            var outcome = report.scenarios[index]
            outcome.coverage = outcome.coverage.filtered(networks: networkIDs, purposes: purposeIDs)
            outcome.comparison = CoverageComparison(
                cells: outcome.comparison.cells.filter { keepNetwork($0.network) && keepPurpose($0.purpose) },
                pairs: outcome.comparison.pairs.filter {
                    keepPurpose($0.purpose) && (keepNetwork($0.first) || keepNetwork($0.second))
                })
            report.scenarios[index] = outcome
        }
        return report
    }
}
