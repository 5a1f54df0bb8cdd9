import InventoryKit

/// What coverage needs from one evaluation, indexed once: every network's usages grouped
/// by purpose, each with the verdicts of the usage-scope policies that judged it.
///
/// `matrix(removing:)` then gives the coverage of the whole inventory, or with some tools
/// removed (a scenario), without judging anything again: removing a tool does not change
/// how the other usages fare, only which of them remain. Building the basis is linear in
/// the usages and the assessment's results; each matrix is linear in the usages, plus,
/// for the interoperability pairs, the square of the number of networks that share one
/// tool for one purpose. No pass looks at pairs of tools.
public struct CoverageBasis: Sendable {
    public let asOf: CalendarDate
    /// The usage-scope policies, by id.
    public let policies: [CoveragePolicy]
    let networks: [CoverageNetwork]
    let purposes: [CoveragePurpose]
    let cells: [CellBasis]

    /// One network × purpose before any tool is removed.
    struct CellBasis: Sendable {
        var network: String
        var purpose: String
        var usages: [CoverageUsage]
        var policies: [String]
        var target: CoverageTarget?
    }

    /// Indexes `assessment` (an evaluation of `inventory` against `policies`).
    ///
    /// Only usage-scope policies count: a tool policy judges a tool on its own, not how
    /// a network serves a purpose. Results of policies not in `policies` are ignored. A
    /// usage that serves several purposes carries, in each purpose's cell, the verdicts of
    /// the policies whose `applies_when` holds (or is unknown) for that purpose alone.
    public init(inventory: Inventory, assessment: Assessment, policies: [PreparedPolicy]) {
        asOf = assessment.asOf
        let usagePolicies = policies.filter { $0.scope == .usage }.sorted { $0.id < $1.id }.map {
            CoveragePolicy(
                id: $0.id, title: $0.title, target: $0.policy.coverage ?? CoverageTarget(),
                targetStated: $0.policy.coverage != nil)
        }
        self.policies = usagePolicies
        var targets: [String: CoverageTarget] = [:]
        for policy in usagePolicies { targets[policy.id] = policy.target }
        var conditions: [String: CompiledRule] = [:]
        for policy in policies where policy.scope == .usage {
            if let rule = policy.appliesWhen { conditions[policy.id] = rule }
        }

        // Subject id (`network/tool`) → verdicts, in policy order (results are sorted so).
        var verdicts: [String: [PolicyVerdict]] = [:]
        for result in assessment.results where result.subject.scope == .usage && targets[result.policy] != nil {
            verdicts[result.subject.id, default: []].append(
                PolicyVerdict(policy: result.policy, verdict: result.verdict, score: result.scores.score))
        }

        var networks: [CoverageNetwork] = []
        var purposeIDs = Set<String>()
        var cells: [CellBasis] = []
        for network in inventory.networks.sorted(by: { $0.id < $1.id }) {
            var byPurpose: [String: [CoverageUsage]] = [:]
            var seenTools = Set<String>()
            // A network uses a tool once; should a tool be listed twice, the first usage
            // is the one the assessment judged under `network/tool`.
            for usage in network.uses where seenTools.insert(usage.tool).inserted {
                let tool = inventory.tool(usage.tool)
                let judged = verdicts["\(network.id)/\(usage.tool)"] ?? []
                let purposes = Set(usage.purposes)
                for purpose in purposes {
                    // A policy's verdict counts for this purpose when its applies_when
                    // holds, or is unknown, for the usage seen as serving this purpose
                    // alone: `usage.purposes contains 'crisis-coordination'` puts a crisis
                    // policy on the crisis cell only, while a condition on the network or
                    // the markings holds for every purpose of the usage.
                    var counted = judged
                    if purposes.count > 1 {
                        var single = usage
                        single.purposes = [purpose]
                        let context = RuleContext(tool: tool, usage: single, network: network, asOf: assessment.asOf)
                        counted = judged.filter {
                            conditions[$0.policy].map { $0.evaluate(in: context).truth != .false } ?? true
                        }
                    }
                    byPurpose[purpose, default: []].append(
                        CoverageUsage(
                            tool: usage.tool, toolName: tool?.name ?? usage.tool, operator: tool?.operator,
                            role: usage.role, verdicts: counted,
                            onboarding: Onboarding(usage.onboarded, listed: network.members.count)))
                }
            }
            guard !byPurpose.isEmpty else { continue }
            networks.append(
                CoverageNetwork(id: network.id, name: network.name, kind: network.kind, members: network.members.count))
            for (purpose, usages) in byPurpose.sorted(by: { $0.key < $1.key }) {
                purposeIDs.insert(purpose)
                let policyIDs = Set(usages.flatMap { $0.verdicts.map(\.policy) }).sorted()
                var target: CoverageTarget?
                for id in policyIDs {
                    guard let policyTarget = targets[id] else { continue }
                    let current = target ?? CoverageTarget(minTools: 0, minOperators: 0)
                    target = CoverageTarget(
                        minTools: max(current.minTools, policyTarget.minTools),
                        minOperators: max(current.minOperators, policyTarget.minOperators))
                }
                cells.append(
                    CellBasis(
                        network: network.id, purpose: purpose, usages: usages.sorted { $0.tool < $1.tool },
                        policies: policyIDs, target: target))
            }
        }
        self.networks = networks
        self.purposes = purposeIDs.sorted().map { CoveragePurpose(id: $0, title: inventory.purpose($0)?.title ?? $0) }
        self.cells = cells
    }

    /// The coverage with the tools in `removed` taken out (none: the baseline).
    ///
    /// A removed tool's usages stay listed, marked removed, and stop counting. The
    /// policies and targets of a cell are those of all its usages, removed or not, so a
    /// purpose whose every judged tool is removed becomes a `gap`, not `no-policy`.
    public func matrix(removing removed: Set<String> = []) -> CoverageMatrix {
        var cells: [CoverageCell] = []
        cells.reserveCapacity(self.cells.count)
        // Purpose → tool → the networks whose usage of it meets in the best case, and
        // whether it also meets in the worst; networks come in id order.
        var sharing: [String: [String: [(network: String, sure: Bool)]]] = [:]
        for base in self.cells {
            var usages = base.usages
            if !removed.isEmpty {
                for index in usages.indices where removed.contains(usages[index].tool) { usages[index].removed = true }
            }
            let worst = CoverageBasis.count(usages.filter(\.meetsInWorstCase))
            let best = CoverageBasis.count(usages.filter(\.meetsInBestCase))
            let status: CoverageStatus
            if let target = base.target {
                // Worst case: tools without a stated operator may all be run by one of the
                // stated operators (or, if none is stated, by one and the same). Best
                // case: each is run by an operator of its own.
                let worstOperators =
                    worst.operators.isEmpty ? min(1, worst.toolsWithoutOperator.count) : worst.operators.count
                let bestOperators = best.operators.count + best.toolsWithoutOperator.count
                status = CoverageStatus(
                    worst: .reached(tools: worst.tools.count, operators: worstOperators, target: target),
                    best: .reached(tools: best.tools.count, operators: bestOperators, target: target))
            } else {
                status = .noPolicy
            }
            for usage in usages where usage.meetsInBestCase {
                sharing[base.purpose, default: [:]][usage.tool, default: []].append(
                    (base.network, usage.meetsInWorstCase))
            }
            cells.append(
                CoverageCell(
                    network: base.network, purpose: base.purpose, policies: base.policies, target: base.target,
                    usages: usages, worst: worst, best: best, status: status))
        }
        return CoverageMatrix(
            asOf: asOf, policies: policies, networks: networks, purposes: purposes, cells: cells,
            pairs: CoverageBasis.pairs(sharing), removedTools: removed.sorted())
    }

    /// Distinct tools and operators of `usages`.
    static func count(_ usages: [CoverageUsage]) -> CoverageCount {
        var tools = Set<String>()
        var operators = Set<String>()
        var withoutOperator = Set<String>()
        for usage in usages {
            tools.insert(usage.tool)
            if let name = usage.operator { operators.insert(name) } else { withoutOperator.insert(usage.tool) }
        }
        return CoverageCount(
            tools: tools.sorted(), operators: operators.sorted(), toolsWithoutOperator: withoutOperator.sorted())
    }

    /// The pairs of networks that share a meeting tool, from each purpose's tool → networks
    /// lists.
    static func pairs(_ sharing: [String: [String: [(network: String, sure: Bool)]]]) -> [InteroperabilityPair] {
        var pairs: [InteroperabilityPair] = []
        var index: [String: Int] = [:]
        for (purpose, tools) in sharing {
            for (tool, networks) in tools where networks.count > 1 {
                for i in networks.indices {
                    for j in networks.indices where j > i {
                        let (a, b) = (networks[i], networks[j])
                        let key = "\(purpose)\u{0}\(a.network)\u{0}\(b.network)"
                        let position: Int
                        if let found = index[key] {
                            position = found
                        } else {
                            position = pairs.count
                            index[key] = position
                            pairs.append(
                                InteroperabilityPair(
                                    purpose: purpose, first: a.network, second: b.network, tools: [],
                                    possibleTools: []))
                        }
                        if a.sure && b.sure {
                            pairs[position].tools.append(tool)
                        } else {
                            pairs[position].possibleTools.append(tool)
                        }
                    }
                }
            }
        }
        for position in pairs.indices {
            pairs[position].tools.sort()
            pairs[position].possibleTools.sort()
        }
        return pairs.sorted()
    }
}

extension CoverageMatrix {
    /// The baseline coverage of an evaluation; for scenarios build a `CoverageBasis` once
    /// and call `matrix(removing:)` on it.
    public init(inventory: Inventory, assessment: Assessment, policies: [PreparedPolicy]) {
        self = CoverageBasis(inventory: inventory, assessment: assessment, policies: policies).matrix()
    }
}
