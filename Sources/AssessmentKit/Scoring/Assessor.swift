import InventoryKit

/// Evaluates prepared policies against an inventory: a pure function from (inventory,
/// policies, as-of date) to an `Assessment`.
public enum Assessor {
    /// Judges every subject of every policy.
    ///
    /// Subjects: for a tool policy every tool, for a usage policy every (network, usage),
    /// whose policy `applies_when` is true or unknown (unknown is judged as applicable and
    /// marked so). Linear in subjects × criteria: tools are looked up through an index.
    /// Subjects are judged in parallel slices on every core and put back in order, so the
    /// result is the same as a sequential run's.
    public static func evaluate(_ inventory: Inventory, policies: [PreparedPolicy], asOf: CalendarDate) -> Assessment {
        var toolsByID: [String: Tool] = [:]
        toolsByID.reserveCapacity(inventory.tools.count)
        for tool in inventory.tools where toolsByID[tool.id] == nil { toolsByID[tool.id] = tool }
        let tools = inventory.tools.sorted { $0.id < $1.id }
        let networks = inventory.networks.sorted { $0.id < $1.id }

        var results: [SubjectAssessment] = []
        var summaries: [Assessment.PolicySummary] = []
        var diagnostics: [Diagnostic] = []
        for policy in policies.sorted(by: { $0.id < $1.id }) {
            // The subjects in output order, then judged in parallel slices.
            let subjects: [(Subject, RuleContext)]
            switch policy.scope {
            case .tool:
                subjects = tools.map { (Subject(tool: $0.id), RuleContext(tool: $0, asOf: asOf)) }
            case .usage:
                subjects = networks.flatMap { network in
                    network.uses.sorted { $0.tool < $1.tool }.map { usage in
                        let context = RuleContext(
                            tool: toolsByID[usage.tool], usage: usage, network: network, asOf: asOf)
                        return (Subject(network: network.id, tool: usage.tool), context)
                    }
                }
            }
            let slices = Parallel.map(subjects.count) { range in
                var judged: [SubjectAssessment] = []
                var found: [Diagnostic] = []
                for index in range {
                    let (subject, context) = subjects[index]
                    if let result = judge(subject, context: context, policy: policy, diagnostics: &found) {
                        judged.append(result)
                    }
                }
                return (judged, found)
            }
            let judged = slices.flatMap(\.0)
            diagnostics += slices.flatMap(\.1)
            for waiver in policy.policy.waivers where !waiver.isActive(on: asOf) {
                diagnostics.append(
                    Diagnostic(
                        .warning, code: PolicyDiagnosticCode.waiverExpired,
                        "the waiver for '\(waiver.criterion)' on '\(waiver.subject)' expired on \(waiver.expires) (as of \(asOf)); it is ignored",
                        hint: "renew it with a new expires date, or remove it", at: waiver.location))
            }
            summaries.append(
                Assessment.PolicySummary(
                    id: policy.id, title: policy.title, scope: policy.scope, passScore: policy.passScore,
                    location: policy.policy.location, subjects: judged.count,
                    meets: judged.count { $0.verdict == .meets },
                    incomplete: judged.count { $0.verdict == .incomplete },
                    fails: judged.count { $0.verdict == .fails }))
            results += judged
        }
        return Assessment(asOf: asOf, policies: summaries, results: results, diagnostics: diagnostics.sorted())
    }

    /// One subject against one policy; nil when the policy's `applies_when` is false.
    static func judge(
        _ subject: Subject, context: RuleContext, policy: PreparedPolicy, diagnostics: inout [Diagnostic]
    ) -> SubjectAssessment? {
        var applicability = Truth.true
        var applicabilityFacts: [Fact] = []
        if let condition = policy.appliesWhen {
            let evaluation = condition.evaluate(in: context)
            applicability = evaluation.truth
            applicabilityFacts = evaluation.facts
            for warning in evaluation.warnings {
                diagnostics.append(
                    crossScale(
                        warning, subject: subject, where: "applies_when of policy '\(policy.id)'",
                        at: policy.policy.appliesWhen?.location))
            }
            if applicability == .false { return nil }
        }
        var criteria: [CriterionResult] = []
        criteria.reserveCapacity(policy.criteria.count)
        for prepared in policy.criteria {
            let result = judge(prepared, subject: subject, context: context, policy: policy)
            for warning in result.warnings {
                diagnostics.append(
                    crossScale(
                        warning, subject: subject, where: "criterion '\(prepared.id)' of policy '\(policy.id)'",
                        at: prepared.criterion.rule.location))
            }
            criteria.append(result)
        }
        return SubjectAssessment(
            policy: policy.id, subject: subject, applicability: applicability, applicabilityFacts: applicabilityFacts,
            criteria: criteria, scores: ScoreCard(criteria, passScore: policy.passScore))
    }

    /// One criterion for one subject: its applicability, its rule, then any waiver.
    static func judge(
        _ prepared: PreparedCriterion, subject: Subject, context: RuleContext, policy: PreparedPolicy
    ) -> CriterionResult {
        let criterion = prepared.criterion
        var context = context
        context.minConfidence = criterion.minConfidence
        var facts: [Fact] = []
        var warnings: [String] = []
        var applicability = Truth.true
        if let condition = prepared.appliesWhen {
            let evaluation = condition.evaluate(in: context)
            applicability = evaluation.truth
            facts = evaluation.facts
            warnings = evaluation.warnings
        }
        let underlying: Outcome
        if applicability == .false {
            underlying = .notApplicable
        } else {
            let evaluation = prepared.rule.evaluate(in: context)
            for fact in evaluation.facts where !facts.contains(where: { $0.path == fact.path }) { facts.append(fact) }
            warnings += evaluation.warnings
            // Unknown applicability: the criterion may apply, and then its rule decides;
            // it stays in the denominator as unknown, so missing data cannot raise the
            // score by removing a criterion, nor by passing one that may not apply.
            switch (applicability, evaluation.truth) {
            case (.true, .true): underlying = .pass
            case (.true, .false): underlying = .fail
            default: underlying = .unknown
            }
        }
        var outcome = underlying
        var waiver: Waiver?
        if underlying == .fail || underlying == .unknown,
            let found = policy.waiver(criterion: criterion.id, subject: subject.id), found.isActive(on: context.asOf)
        {
            outcome = .waived
            waiver = found
        }
        return CriterionResult(
            criterion: criterion.id, title: criterion.title, weight: criterion.weight, mandatory: criterion.mandatory,
            outcome: outcome, underlying: underlying, applicability: applicability, waiver: waiver, facts: facts,
            warnings: warnings)
    }

    private static func crossScale(
        _ warning: String, subject: Subject, where place: String, at location: SourceLocation?
    ) -> Diagnostic {
        Diagnostic(
            .warning, code: PolicyDiagnosticCode.crossScale, "\(place), for \(subject): \(warning)",
            hint: "compare markings of one scale, e.g. TLP with TLP, EU with EU", at: location)
    }
}
