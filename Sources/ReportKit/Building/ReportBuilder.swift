import AssessmentKit
import InventoryKit

/// Builds a `Report` from an inventory, its prepared policies and their assessment: the
/// one place where the report's numbers are counted, rounded and put in order.
///
/// Pure: the same inputs give the same report, so every output format is deterministic.
public enum ReportBuilder {
    /// The report on `assessment` (an evaluation of `inventory` against `policies`), with
    /// coverage, and each scenario's effect on it, computed from the same evaluation.
    public static func build(
        inventory: Inventory, policies: [PreparedPolicy], assessment: Assessment, scenarios: [PreparedScenario] = []
    ) -> Report {
        let policyByID = Dictionary(policies.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let subjects = assessment.results.map { subject($0, inventory: inventory) }
        var start = 0
        let policyReports = assessment.policies.map { summary in
            var end = start
            while end < subjects.count, subjects[end].policy == summary.id { end += 1 }
            defer { start = end }
            return policy(summary, prepared: policyByID[summary.id], subjects: start..<end)
        }
        let coverageReport = CoverageReport(
            inventory: inventory, assessment: assessment, policies: policies, scenarios: scenarios)
        let coverage = coverageSection(coverageReport.baseline, inventory: inventory)
        return Report(
            title: inventory.title, asOf: assessment.asOf, inventoryAsOf: inventory.asOf,
            inventory: summary(of: inventory), policies: policyReports, subjects: subjects,
            toolScores: toolScores(subjects, inventory: inventory), coverage: coverage, gaps: gaps(coverage.cells),
            scenarios: coverageReport.scenarios.map { scenario($0, inventory: inventory) },
            sources: citedSources(inventory: inventory, policies: policyReports, subjects: subjects),
            diagnostics: (assessment.diagnostics + coverageReport.diagnostics).sorted())
    }

    /// The code of the warning for a named scenario the inventory cannot run.
    public static let scenarioLeftOut = "report.scenario-left-out"

    /// The scenarios every report runs (`Scenario.named`: today `internet-outage`),
    /// prepared against `inventory`, and their diagnostics.
    ///
    /// A named scenario whose rule does not fit the inventory (a catalogue without
    /// `internet_independent`) is left out with a warning, not an error: the report is
    /// still worth having, and says the scenario is missing.
    public static func namedScenarios(for inventory: Inventory) -> ([PreparedScenario], [Diagnostic]) {
        var prepared: [PreparedScenario] = []
        var diagnostics: [Diagnostic] = []
        for scenario in Scenario.named {
            let (ready, found) = PreparedScenario.prepare(scenario, for: inventory)
            if let ready {
                prepared.append(ready)
                diagnostics += found
                continue
            }
            for diagnostic in found {
                guard diagnostic.severity == .error else {
                    diagnostics.append(diagnostic)
                    continue
                }
                let reason = diagnostic.message.split(separator: "\n").first.map(String.init) ?? diagnostic.message
                diagnostics.append(
                    Diagnostic(
                        .warning, code: scenarioLeftOut,
                        "the scenario '\(scenario.id)' is left out of the report: \(reason) [\(diagnostic.code)]",
                        hint: scenario.dropWhen.map {
                            "it drops every tool for which \($0.text) is true or unknown; catalogue the properties it reads in inventory.yaml"
                        }, at: nil))
            }
        }
        return (prepared, diagnostics)
    }

    // MARK: Inventory

    static func summary(of inventory: Inventory) -> InventorySummary {
        let catalogueSize = inventory.catalogue.count
        var networksUsing: [String: Set<String>] = [:]
        for (network, usage) in inventory.usages { networksUsing[usage.tool, default: []].insert(network.id) }

        let tools = inventory.tools.sorted { $0.id < $1.id }.map { tool in
            let known = tool.properties.count
            let verified = tool.properties.values.count { $0.confidence == .verified }
            return InventorySummary.ToolRow(
                id: tool.id, name: tool.name, category: tool.category, operator: tool.operator, url: tool.url,
                propertiesKnown: known, propertiesVerified: verified,
                knownShare: Percentage(part: Double(known), of: Double(catalogueSize)),
                networks: networksUsing[tool.id]?.count ?? 0)
        }
        let networks = inventory.networks.sorted { $0.id < $1.id }.map { network in
            InventorySummary.NetworkRow(
                id: network.id, name: network.name, kind: network.kind.rawValue, members: network.members.count,
                usages: network.uses.count, purposes: Set(network.uses.flatMap(\.purposes)).count,
                legalBasis: network.legalBasis, source: network.source)
        }
        let known = tools.reduce(0) { $0 + $1.propertiesKnown }
        let possible = tools.count * catalogueSize
        let counts = InventorySummary.Counts(
            networks: networks.count, members: networks.reduce(0) { $0 + $1.members }, tools: tools.count,
            usages: networks.reduce(0) { $0 + $1.usages }, purposes: inventory.purposes.count,
            properties: catalogueSize, sources: inventory.sources.count, valuesKnown: known,
            valuesPossible: possible, valuesVerified: tools.reduce(0) { $0 + $1.propertiesVerified },
            knownShare: Percentage(part: Double(known), of: Double(possible)))
        return InventorySummary(
            counts: counts, networks: networks, tools: tools,
            purposes: inventory.purposes.map { PurposeEntry(id: $0.id, title: $0.title) })
    }

    // MARK: Coverage

    static func coverageSection(_ matrix: CoverageMatrix, inventory: Inventory) -> CoverageSection {
        let cells = matrix.cells.map(cell)
        return CoverageSection(
            networks: inventory.networks.sorted { $0.id < $1.id }.map {
                CoverageSection.NetworkEntry(id: $0.id, name: $0.name, kind: $0.kind.rawValue)
            },
            purposes: inventory.purposes.map { PurposeEntry(id: $0.id, title: $0.title) }, cells: cells,
            statusCounts: statusCounts(cells.map(\.status)),
            policies: matrix.policies.map {
                CoveragePolicyEntry(
                    id: $0.id, title: $0.title, minTools: $0.target.minTools, minOperators: $0.target.minOperators,
                    stated: $0.targetStated)
            },
            pairs: matrix.pairs.filter { $0.state != .none }.map {
                PairReport(
                    purpose: $0.purpose, first: $0.first, second: $0.second, state: $0.state.rawValue, tools: $0.tools,
                    possibleTools: $0.possibleTools)
            })
    }

    static func scenario(_ outcome: ScenarioOutcome, inventory: Inventory) -> ScenarioReport {
        let inUse = Set(outcome.droppedInUse)
        let cells = Dictionary(outcome.coverage.cells.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ScenarioReport(
            id: outcome.scenario.id, title: outcome.scenario.title, description: outcome.scenario.description,
            dropWhen: outcome.scenario.dropWhen?.text,
            dropped: outcome.dropped.map { tool in
                DroppedToolEntry(
                    tool: tool.tool, name: inventory.tool(tool.tool)?.name ?? tool.tool, reason: tool.reason.rawValue,
                    inUse: inUse.contains(tool.tool), facts: tool.facts.map { fact($0, inventory: inventory) })
            },
            droppedInUse: outcome.droppedInUse,
            droppedByReason: DropReason.allCases.map { ReasonCount(reason: $0.rawValue, tools: outcome.count($0)) },
            breaks: outcome.breaks.map { change in
                ScenarioBreak(
                    network: change.network, purpose: change.purpose, before: change.before?.label ?? "not-used",
                    beforeText: change.before?.description ?? "not used", after: change.after?.label ?? "not-used",
                    afterText: change.after?.description ?? "not used",
                    droppedTools: (cells[change.id]?.usages ?? []).filter(\.removed).map(\.tool))
            },
            lostPairs: outcome.lostPairs.map {
                PairChange(
                    purpose: $0.purpose, first: $0.first, second: $0.second, before: $0.before.rawValue,
                    after: $0.after.rawValue)
            },
            statusCounts: statusCounts(outcome.coverage.cells.map(\.status.label)))
    }

    static func statusCounts(_ statuses: [String]) -> [CoverageSection.StatusCount] {
        var counts: [String: Int] = [:]
        for status in statuses { counts[status, default: 0] += 1 }
        return CoverageSection.statusOrder.map { CoverageSection.StatusCount(status: $0, cells: counts[$0] ?? 0) }
    }

    static func cell(_ cell: CoverageCell) -> CoverageCellReport {
        let meeting = Set(cell.worst.tools)
        return CoverageCellReport(
            network: cell.network, purpose: cell.purpose, status: cell.status.label,
            worstCase: cell.status.worst?.rawValue, bestCase: cell.status.best?.rawValue, policies: cell.policies,
            minTools: cell.target?.minTools, minOperators: cell.target?.minOperators, meetingTools: cell.worst.tools,
            meetingOperators: cell.worst.operators, possibleTools: cell.best.tools.filter { !meeting.contains($0) },
            usages: cell.usages.map { usage in
                CoverageUsageReport(
                    tool: usage.tool, toolName: usage.toolName, operator: usage.operator, role: usage.role.rawValue,
                    verdict: usage.verdict, verdicts: usage.verdicts, onboardedBasis: usage.onboarding.basis.rawValue,
                    onboardedMembers: usage.onboarding.members, listedMembers: usage.onboarding.listed,
                    onboardedShare: usage.onboarding.share, onboardedText: usage.onboarding.summary,
                    removed: usage.removed)
            })
    }

    /// Gaps, then single points of failure, then cells that are one of those in the
    /// worst case; network then purpose order within each kind.
    static func gaps(_ cells: [CoverageCellReport]) -> [GapEntry] {
        var entries: [GapEntry] = []
        for cell in cells {
            let kind: GapEntry.Kind
            switch (cell.status, cell.worstCase) {
            case ("gap", _): kind = .gap
            case ("single-point", _): kind = .singlePoint
            case ("incomplete", "gap"?), ("incomplete", "single-point"?): kind = .atRisk
            default: continue
            }
            entries.append(
                GapEntry(
                    kind: kind, network: cell.network, purpose: cell.purpose, status: cell.status,
                    worstCase: cell.worstCase, bestCase: cell.bestCase, meetingTools: cell.meetingTools,
                    possibleTools: cell.possibleTools, usedTools: cell.usages.map(\.tool)))
        }
        let order = Dictionary(uniqueKeysWithValues: GapEntry.Kind.allCases.enumerated().map { ($1, $0) })
        return entries.enumerated().sorted { a, b in
            let (ka, kb) = (order[a.element.kind] ?? 0, order[b.element.kind] ?? 0)
            return ka != kb ? ka < kb : a.offset < b.offset
        }.map(\.element)
    }

    // MARK: Assessment

    static func policy(
        _ summary: Assessment.PolicySummary, prepared: PreparedPolicy?, subjects: Range<Int>
    ) -> PolicyReport {
        let criteria = (prepared?.criteria ?? []).map { prepared in
            let criterion = prepared.criterion
            return CriterionDefinition(
                id: criterion.id, title: criterion.title, weight: criterion.weight, mandatory: criterion.mandatory,
                minConfidence: criterion.minConfidence, rule: criterion.rule.text,
                appliesWhen: criterion.appliesWhen?.text, rationale: criterion.rationale, source: criterion.source)
        }
        return PolicyReport(
            id: summary.id, title: summary.title, scope: summary.scope, appliesWhen: prepared?.policy.appliesWhen?.text,
            passScore: summary.passScore, coverage: prepared?.policy.coverage,
            verdicts: VerdictCounts(meets: summary.meets, incomplete: summary.incomplete, fails: summary.fails),
            subjectRange: subjects, criteria: criteria, location: summary.location)
    }

    static func subject(_ result: SubjectAssessment, inventory: Inventory) -> SubjectReport {
        let scores = result.scores
        return SubjectReport(
            policy: result.policy, subject: result.subject.id, tool: result.subject.tool,
            toolName: inventory.tool(result.subject.tool)?.name ?? result.subject.tool,
            network: result.subject.network, verdict: result.verdict, score: scores.score,
            scoreWithoutWaivers: scores.scoreWithoutWaivers, completeness: scores.completeness,
            bestCaseScore: scores.bestCaseScore,
            weights: SubjectReport.Weights(
                applicable: scores.applicableWeight, passed: scores.passedWeight, waived: scores.waivedWeight,
                failed: scores.failedWeight, unknown: scores.unknownWeight, known: scores.knownWeight),
            mandatoryMetInWorstCase: scores.mandatoryMetInWorstCase,
            mandatoryMetInBestCase: scores.mandatoryMetInBestCase, applicability: result.applicability,
            applicabilityFacts: result.applicabilityFacts.map { fact($0, inventory: inventory) },
            criteria: result.criteria.map { criterion in
                CriterionOutcome(
                    criterion: criterion.criterion, title: criterion.title, weight: criterion.weight,
                    mandatory: criterion.mandatory, outcome: criterion.outcome, underlying: criterion.underlying,
                    waiver: criterion.waiver.map {
                        WaiverEntry(expires: $0.expires, approvedBy: $0.approvedBy, justification: $0.justification)
                    },
                    facts: criterion.facts.map { fact($0, inventory: inventory) }, warnings: criterion.warnings)
            })
    }

    static func fact(_ fact: Fact, inventory: Inventory) -> FactEntry {
        let text: String
        switch (fact.status, fact.value) {
        case (.missing, _): text = "no value"
        case (_, nil): text = "none (unclassified)"
        case (_, let value?): text = value.description
        }
        return FactEntry(
            path: fact.path, value: fact.value, valueText: text, status: fact.status, source: fact.source,
            sourceURL: fact.source.flatMap { inventory.source($0)?.url }, confidence: fact.confidence,
            assessed: fact.assessed, location: fact.location)
    }

    static func toolScores(_ subjects: [SubjectReport], inventory: Inventory) -> [ToolScores] {
        var byTool: [String: [ToolScores.Entry]] = [:]
        for subject in subjects {
            byTool[subject.tool, default: []].append(
                ToolScores.Entry(
                    policy: subject.policy, subject: subject.subject, network: subject.network, score: subject.score,
                    bestCaseScore: subject.bestCaseScore, verdict: subject.verdict))
        }
        return byTool.keys.sorted().map { tool in
            ToolScores(
                tool: tool, name: inventory.tool(tool)?.name ?? tool,
                scores: (byTool[tool] ?? []).sorted { ($0.policy, $0.subject) < ($1.policy, $1.subject) })
        }
    }

    /// The sources of the values and criteria shown, and of the networks.
    static func citedSources(
        inventory: Inventory, policies: [PolicyReport], subjects: [SubjectReport]
    ) -> [SourceEntry] {
        var cited = Set<String>()
        for policy in policies { cited.formUnion(policy.criteria.compactMap(\.source)) }
        for subject in subjects {
            cited.formUnion(subject.applicabilityFacts.compactMap(\.source))
            for criterion in subject.criteria { cited.formUnion(criterion.facts.compactMap(\.source)) }
        }
        cited.formUnion(inventory.networks.compactMap(\.source))
        return cited.sorted().compactMap { id in
            inventory.source(id).map {
                SourceEntry(id: $0.id, title: $0.title, url: $0.url, kind: $0.kind.rawValue, published: $0.published)
            }
        }
    }
}
