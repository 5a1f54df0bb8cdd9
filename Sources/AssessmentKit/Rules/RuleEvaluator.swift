import InventoryKit

extension CompiledRule {
    /// Evaluates the rule in three-valued logic. Pure: the same context gives the same
    /// result.
    public func evaluate(in context: RuleContext) -> RuleEvaluation {
        var evaluator = RuleEvaluator(context: context)
        let truth = evaluator.truth(root)
        return RuleEvaluation(truth: truth, facts: evaluator.facts, warnings: evaluator.warnings)
    }
}

/// Walks a compiled rule. Both sides of `and`/`or` are always evaluated, so the facts
/// list every value the rule depends on, not only the ones that decided it.
struct RuleEvaluator {
    let context: RuleContext
    var facts: [Fact] = []
    var warnings: [String] = []

    init(context: RuleContext) {
        self.context = context
    }

    mutating func truth(_ node: CompiledRule.Node) -> Truth {
        switch node {
        case .not(let a):
            return !truth(a)
        case .and(let a, let b):
            let left = truth(a)
            return left && truth(b)
        case .or(let a, let b):
            let left = truth(a)
            return left || truth(b)
        case .compare(let op, let a, let b):
            let left = value(a)
            let right = value(b)
            guard let left, let right else { return .unknown }
            return compare(op, left, right)
        case .cover(let op, let list, let marking):
            let items = value(list)
            let target = value(marking)
            guard case .list(let elements)? = items, let target else { return .unknown }
            return cover(op, elements, target)
        case .oneOf(let a, let items):
            let needle = value(a)
            var result = Truth.false
            for item in items {
                let candidate = value(item)
                guard let needle, let candidate else {
                    result = result || .unknown
                    continue
                }
                result = result || compare(.equal, needle, candidate)
            }
            return needle == nil ? .unknown : result
        case .contains(let list, let a):
            let items = value(list)
            let needle = value(a)
            guard case .list(let elements)? = items, let needle else { return .unknown }
            var result = Truth.false
            for element in elements { result = result || compare(.equal, element, needle) }
            return result
        case .within(let a, let amount, let unit):
            guard case .date(let date)? = value(a) else { return .unknown }
            let earliest: CalendarDate?
            switch unit {
            case .months: earliest = context.asOf.adding(months: -amount)
            case .days: earliest = context.asOf.adding(days: -amount)
            }
            return Truth(date <= context.asOf && earliest.map { $0 <= date } ?? true)
        case .exists(let accessor, let path):
            if accessor == .usageHighestClassification, let usage = context.usage {
                // Absent means "unclassified", which is known, not missing.
                if usage.highestClassification == nil {
                    record(Fact(path: path, value: nil, status: .used, source: usage.source, location: usage.location))
                    return .false
                }
            }
            return value(.read(accessor, path: path)) == nil ? .unknown : .true
        case .constant, .read:
            switch value(node) {
            case .bool(let b)?: return Truth(b)
            default: return .unknown
            }
        }
    }

    mutating func value(_ node: CompiledRule.Node) -> RuleValue? {
        switch node {
        case .constant(let value): return value
        case .read(let accessor, let path): return read(accessor, path: path)
        default:
            return truth(node).known.map(RuleValue.bool)
        }
    }

    private mutating func record(_ fact: Fact) {
        if !facts.contains(where: { $0.path == fact.path }) { facts.append(fact) }
    }

    /// Reads a path; nil (unknown) when the value is absent or not trusted enough.
    private mutating func read(_ accessor: PathAccessor, path: String) -> RuleValue? {
        switch accessor {
        case .toolProperty(let id):
            return sourced(context.tool?.properties[id], path: path)
        case .toolEvidence(let key):
            return sourced(context.tool?.evidence[key], path: path)
        case .toolID: return plain(context.tool.map { .text($0.id) }, path: path, location: context.tool?.location)
        case .toolName: return plain(context.tool.map { .text($0.name) }, path: path, location: context.tool?.location)
        case .toolCategory:
            return plain(context.tool.map { .text($0.category) }, path: path, location: context.tool?.location)
        case .toolOperator:
            return plain(context.tool?.operator.map(RuleValue.text), path: path, location: context.tool?.location)
        case .usageTool: return usageField(path) { .text($0.tool) }
        case .usagePurposes: return usageField(path) { .list($0.purposes.map(RuleValue.text)) }
        case .usageHighestTLP: return usageField(path) { $0.highestTLP.map(RuleValue.marking) }
        case .usageHighestClassification:
            return usageField(path) { $0.highestClassification.map(RuleValue.marking) ?? .unclassified }
        case .usageRole: return usageField(path) { .text($0.role.rawValue) }
        case .usageOnboarded:
            let members = context.network?.members.count ?? 0
            return usageField(path) { usage in
                switch usage.onboarded {
                case .all?: return members > 0 ? .number(Double(members)) : nil
                case .members(let ids)?: return .number(Double(ids.count))
                case .count(let n)?: return .number(Double(n))
                case nil: return nil
                }
            }
        case .networkID:
            return plain(context.network.map { .text($0.id) }, path: path, location: context.network?.location)
        case .networkKind:
            return plain(
                context.network.map { .text($0.kind.rawValue) }, path: path, location: context.network?.location)
        case .networkName:
            return plain(context.network.map { .text($0.name) }, path: path, location: context.network?.location)
        }
    }

    private mutating func sourced(_ stated: SourcedValue?, path: String) -> RuleValue? {
        guard let stated else {
            record(Fact(path: path, value: nil, status: .missing))
            return nil
        }
        let value = RuleValue(stated.value)
        let trusted = context.minConfidence.map { stated.confidence >= $0 } ?? true
        record(
            Fact(
                path: path, value: value, status: trusted ? .used : .belowConfidence, source: stated.source,
                confidence: stated.confidence, assessed: stated.assessed, location: stated.location))
        return trusted ? value : nil
    }

    private mutating func plain(_ value: RuleValue?, path: String, location: SourceLocation?) -> RuleValue? {
        record(Fact(path: path, value: value, status: value == nil ? .missing : .used, location: location))
        return value
    }

    private mutating func usageField(_ path: String, _ get: (Usage) -> RuleValue?) -> RuleValue? {
        let value = context.usage.flatMap(get)
        record(
            Fact(
                path: path, value: value, status: value == nil ? .missing : .used, source: context.usage?.source,
                confidence: context.usage?.confidence, location: context.usage?.location))
        return value
    }

    // MARK: Comparison

    /// `a op b` for two known values; unknown (with a warning) for markings of two scales
    /// put in order.
    mutating func compare(_ op: ComparisonOperator, _ a: RuleValue, _ b: RuleValue) -> Truth {
        switch (a, b) {
        case (.number(let x), .number(let y)): return Truth(op.holds(x < y ? -1 : x > y ? 1 : 0))
        case (.date(let x), .date(let y)): return Truth(op.holds(x < y ? -1 : x > y ? 1 : 0))
        case (.text(let x), .text(let y)): return Truth(op.holds(x == y ? 0 : 1))
        case (.bool(let x), .bool(let y)): return Truth(op.holds(x == y ? 0 : 1))
        case (.marking, .marking), (.unclassified, .marking), (.marking, .unclassified), (.unclassified, .unclassified):
            guard let (x, y) = RuleEvaluator.ranks(a, b) else {
                if !op.isOrdering { return Truth(op == .notEqual) }
                warnings.append(
                    "\(a) and \(b) are on different scales and cannot be put in order; '\(op.rawValue)' is unknown")
                return .unknown
            }
            return Truth(op.holds(x < y ? -1 : x > y ? 1 : 0))
        default:
            // The data does not have the catalogued type (validation reports it).
            return .unknown
        }
    }

    /// The ranks of two markings on a common scale, or nil when the scales differ.
    /// `.unclassified` takes rank 0 on the EU and NATO scales.
    static func ranks(_ a: RuleValue, _ b: RuleValue) -> (Int, Int)? {
        switch (a, b) {
        case (.marking(let x), .marking(let y)): return x.scheme == y.scheme ? (x.rank, y.rank) : nil
        case (.unclassified, .marking(let y)): return y.scheme == .tlp ? nil : (0, y.rank)
        case (.marking(let x), .unclassified): return x.scheme == .tlp ? nil : (x.rank, 0)
        case (.unclassified, .unclassified): return (0, 0)
        default: return nil
        }
    }

    /// A list of markings against a marking: some element on the same scale satisfies
    /// `op`; elements of other scales are ignored (a NATO accreditation says nothing about
    /// EU information). For `>=`, the lowest level of a scale is covered by any list: it
    /// needs no accreditation.
    mutating func cover(_ op: ComparisonOperator, _ elements: [RuleValue], _ target: RuleValue) -> Truth {
        if op == .greaterOrEqual {
            switch target {
            case .unclassified: return .true
            case .marking(let m) where m.rank == 0: return .true
            default: break
            }
        }
        var result = Truth.false
        for element in elements {
            guard let (x, y) = RuleEvaluator.ranks(element, target) else { continue }
            result = result || Truth(op.holds(x < y ? -1 : x > y ? 1 : 0))
        }
        return result
    }
}
