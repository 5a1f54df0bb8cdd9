import InventoryKit

/// A policy whose rules are compiled and type-checked against an inventory's catalogue:
/// prepared once, evaluated for every subject.
public struct PreparedPolicy: Sendable {
    public let policy: Policy
    public let appliesWhen: CompiledRule?
    public let criteria: [PreparedCriterion]
    /// Waivers by criterion id, then subject id.
    let waivers: [String: [String: Waiver]]

    public var id: String { policy.id }
    public var title: String { policy.title }
    public var scope: PolicyScope { policy.scope }
    public var passScore: Double { policy.passScore }

    /// The waiver for `criterion` on `subject`, expired or not.
    public func waiver(criterion: String, subject: String) -> Waiver? { waivers[criterion]?[subject] }

    /// Compiles every rule of `policy` against `inventory`'s catalogue and purposes, and
    /// checks what refers to the inventory (criterion sources, waiver subjects). Returns
    /// the prepared policy when there is no error, and every diagnostic either way.
    public static func prepare(_ policy: Policy, for inventory: Inventory) -> (PreparedPolicy?, [Diagnostic]) {
        let schema = RuleSchema(scope: policy.scope, inventory: inventory)
        let knownSources = Set(inventory.sources.map(\.id))
        let knownSubjects: Set<String>
        switch policy.scope {
        case .tool: knownSubjects = Set(inventory.tools.map(\.id))
        case .usage: knownSubjects = Set(inventory.networks.flatMap { n in n.uses.map { "\(n.id)/\($0.tool)" } })
        }
        return prepare(policy, schema: schema, sources: knownSources, subjects: knownSubjects)
    }

    /// Compiles against a schema. `sources` and `subjects`, when given, are checked.
    public static func prepare(
        _ policy: Policy, schema: RuleSchema, sources: Set<String>? = nil, subjects: Set<String>? = nil
    ) -> (PreparedPolicy?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func compile(_ rule: RuleText, _ context: String) -> CompiledRule? {
            do {
                return try CompiledRule.compile(rule.text, schema: schema)
            } catch {
                diagnostics.append(rule.diagnostic(for: error, context: context))
                return nil
            }
        }
        var failed = false
        var appliesWhen: CompiledRule?
        if let rule = policy.appliesWhen {
            appliesWhen = compile(rule, "in applies_when of policy '\(policy.id)'")
            failed = failed || appliesWhen == nil
        }
        var criteria: [PreparedCriterion] = []
        for criterion in policy.criteria {
            let rule = compile(criterion.rule, "in the rule of criterion '\(criterion.id)'")
            var condition: CompiledRule?
            if let text = criterion.appliesWhen {
                condition = compile(text, "in applies_when of criterion '\(criterion.id)'")
                failed = failed || condition == nil
            }
            if let source = criterion.source, let sources, !sources.contains(source) {
                diagnostics.append(
                    Diagnostic(
                        .error, code: PolicyDiagnosticCode.unknownSource,
                        "criterion '\(criterion.id)' cites the source '\(source)', which is not in sources.yaml",
                        hint: Suggestion.hint(for: source, among: sources.sorted()) ?? "add it to sources.yaml",
                        at: criterion.location))
            }
            guard let rule else {
                failed = true
                continue
            }
            criteria.append(PreparedCriterion(criterion: criterion, appliesWhen: condition, rule: rule))
        }
        var waivers: [String: [String: Waiver]] = [:]
        for waiver in policy.waivers {
            if let subjects, !subjects.contains(waiver.subject) {
                diagnostics.append(
                    Diagnostic(
                        .warning, code: PolicyDiagnosticCode.unknownSubject,
                        "the waiver for '\(waiver.criterion)' names '\(waiver.subject)', which is not a \(policy.scope == .usage ? "usage" : "tool") in the inventory",
                        hint: Suggestion.hint(for: waiver.subject, among: subjects.sorted()), at: waiver.location))
            }
            waivers[waiver.criterion, default: [:]][waiver.subject] = waiver
        }
        if diagnostics.hasErrors || failed { return (nil, diagnostics.sorted()) }
        let prepared = PreparedPolicy(policy: policy, appliesWhen: appliesWhen, criteria: criteria, waivers: waivers)
        return (prepared, diagnostics.sorted())
    }

    /// Prepares several policies; only those without errors are returned.
    public static func prepare(_ policies: [Policy], for inventory: Inventory) -> ([PreparedPolicy], [Diagnostic]) {
        var prepared: [PreparedPolicy] = []
        var diagnostics: [Diagnostic] = []
        for policy in policies {
            let (result, found) = prepare(policy, for: inventory)
            diagnostics += found
            if let result { prepared.append(result) }
        }
        return (prepared, diagnostics.sorted())
    }
}

/// A criterion with its rules compiled.
public struct PreparedCriterion: Sendable {
    public let criterion: Criterion
    public let appliesWhen: CompiledRule?
    public let rule: CompiledRule

    public var id: String { criterion.id }
}
