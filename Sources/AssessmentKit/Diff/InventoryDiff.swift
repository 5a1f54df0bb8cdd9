import InventoryKit

/// An inventory evaluated against a set of policies on one date: what `InventoryDiff`
/// compares besides the inventory itself.
public struct EvaluatedInventory: Sendable {
    public let inventory: Inventory
    public let assessment: Assessment
    public let coverage: CoverageMatrix

    /// Evaluates `inventory` against `policies` (prepared for it) as of `asOf`.
    public init(_ inventory: Inventory, policies: [PreparedPolicy], asOf: CalendarDate) {
        self.inventory = inventory
        assessment = Assessor.evaluate(inventory, policies: policies, asOf: asOf)
        coverage = CoverageMatrix(inventory: inventory, assessment: assessment, policies: policies)
    }
}

/// What changed between two inventories (DESIGN §4): entities added or removed, fields
/// and property values changed, and, when both were evaluated, verdict and coverage
/// changes.
///
/// Compared by id through dictionaries, so linear in the size of the inventories. Notes
/// and the places values are written in are not compared: they are prose and layout, not
/// data. A network added or removed is one entry; its usages and members are not listed
/// again.
public struct InventoryDiff: Sendable, Hashable {
    /// The kinds of things an inventory holds, in the order changes are listed.
    public enum EntityKind: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
        case inventory, purpose, property, source, network, member, tool, usage

        public static func < (a: EntityKind, b: EntityKind) -> Bool {
            let order = EntityKind.allCases
            return order.firstIndex(of: a) ?? 0 < order.firstIndex(of: b) ?? 0
        }
    }

    /// Something added or removed: `tool signal`, `usage csirts-network/misp`, `member
    /// csirts-network/cert-fr`.
    public struct Entity: Sendable, Hashable, Comparable {
        public var kind: EntityKind
        public var id: String

        public init(_ kind: EntityKind, _ id: String) {
            self.kind = kind
            self.id = id
        }

        public static func < (a: Entity, b: Entity) -> Bool { (a.kind, a.id) < (b.kind, b.id) }
    }

    /// A field of an entity that both inventories have, with its old and new value as
    /// written (nil: absent).
    public struct FieldChange: Sendable, Hashable {
        public var kind: EntityKind
        public var id: String
        public var field: String
        public var before: String?
        public var after: String?

        public init(_ kind: EntityKind, _ id: String, field: String, before: String?, after: String?) {
            self.kind = kind
            self.id = id
            self.field = field
            self.before = before
            self.after = after
        }
    }

    /// A property (or evidence) value of a tool that both inventories have, with its
    /// provenance on each side (nil: not stated, unknown).
    public struct PropertyChange: Sendable, Hashable {
        public var tool: String
        /// The property id, or `evidence.<key>` for exercise evidence.
        public var property: String
        public var before: SourcedValue?
        public var after: SourcedValue?

        public init(tool: String, property: String, before: SourcedValue?, after: SourcedValue?) {
            self.tool = tool
            self.property = property
            self.before = before
            self.after = after
        }
    }

    /// A policy's verdict on a subject that differs (nil: the subject was not judged).
    public struct VerdictChange: Sendable, Hashable {
        public var policy: String
        public var subject: String
        public var before: Verdict?
        public var after: Verdict?
        public var beforeScore: Percentage?
        public var afterScore: Percentage?

        public init(
            policy: String, subject: String, before: Verdict?, after: Verdict?, beforeScore: Percentage?,
            afterScore: Percentage?
        ) {
            self.policy = policy
            self.subject = subject
            self.before = before
            self.after = after
            self.beforeScore = beforeScore
            self.afterScore = afterScore
        }
    }

    /// One side's title and dates.
    public struct Side: Sendable, Hashable {
        public var title: String
        public var asOf: CalendarDate
        /// The date the policies were evaluated on; nil when they were not.
        public var evaluatedOn: CalendarDate?
    }

    public var before: Side
    public var after: Side
    /// By kind, then id.
    public var added: [Entity]
    public var removed: [Entity]
    /// By kind, id, then field.
    public var fieldChanges: [FieldChange]
    /// By tool, then property.
    public var propertyChanges: [PropertyChange]
    /// The usage and tool policies evaluated on both sides, by id; empty when none was.
    public var policies: [String]
    /// By policy, then subject.
    public var verdictChanges: [VerdictChange]
    public var coverage: CoverageComparison

    /// No difference at all.
    public var isEmpty: Bool { changeCount == 0 }

    /// Every listed difference.
    public var changeCount: Int {
        added.count + removed.count + fieldChanges.count + propertyChanges.count + verdictChanges.count
            + coverage.cells.count + coverage.pairs.count
    }

    /// Compares the inventories only.
    public static func compare(before: Inventory, after: Inventory) -> InventoryDiff {
        var differ = Differ()
        differ.compare(before, after)
        return InventoryDiff(
            before: Side(title: before.title, asOf: before.asOf), after: Side(title: after.title, asOf: after.asOf),
            added: differ.added.sorted(), removed: differ.removed.sorted(),
            fieldChanges: differ.fields.sorted { ($0.kind, $0.id, $0.field) < ($1.kind, $1.id, $1.field) },
            propertyChanges: differ.properties.sorted { ($0.tool, $0.property) < ($1.tool, $1.property) },
            policies: [], verdictChanges: [], coverage: CoverageComparison())
    }

    /// Compares the inventories, then their verdicts and coverage. Both sides should be
    /// evaluated against the same policies (prepared for each).
    public static func compare(before: EvaluatedInventory, after: EvaluatedInventory) -> InventoryDiff {
        var diff = compare(before: before.inventory, after: after.inventory)
        diff.before.evaluatedOn = before.assessment.asOf
        diff.after.evaluatedOn = after.assessment.asOf
        diff.policies = Set(before.assessment.policies.map(\.id)).intersection(after.assessment.policies.map(\.id))
            .sorted()
        diff.verdictChanges = verdictChanges(before.assessment, after.assessment, policies: Set(diff.policies))
        diff.coverage = CoverageComparison.compare(before: before.coverage, after: after.coverage)
        return diff
    }

    static func verdictChanges(_ before: Assessment, _ after: Assessment, policies: Set<String>) -> [VerdictChange] {
        var old: [String: SubjectAssessment] = [:]
        for result in before.results where policies.contains(result.policy) {
            old["\(result.policy)\u{0}\(result.subject.id)"] = result
        }
        var changes: [VerdictChange] = []
        var seen = Set<String>()
        for result in after.results where policies.contains(result.policy) {
            let key = "\(result.policy)\u{0}\(result.subject.id)"
            seen.insert(key)
            let previous = old[key]
            if previous?.verdict != result.verdict {
                changes.append(
                    VerdictChange(
                        policy: result.policy, subject: result.subject.id, before: previous?.verdict,
                        after: result.verdict, beforeScore: previous?.scores.score, afterScore: result.scores.score))
            }
        }
        for (key, result) in old where !seen.contains(key) {
            changes.append(
                VerdictChange(
                    policy: result.policy, subject: result.subject.id, before: result.verdict, after: nil,
                    beforeScore: result.scores.score, afterScore: nil))
        }
        return changes.sorted { ($0.policy, $0.subject) < ($1.policy, $1.subject) }
    }
}

/// Collects the differences between two inventories, one kind of entity at a time.
private struct Differ {
    var added: [InventoryDiff.Entity] = []
    var removed: [InventoryDiff.Entity] = []
    var fields: [InventoryDiff.FieldChange] = []
    var properties: [InventoryDiff.PropertyChange] = []

    mutating func compare(_ before: Inventory, _ after: Inventory) {
        field(.inventory, "", "title", before.title, after.title)
        field(.inventory, "", "as_of", before.asOf.description, after.asOf.description)
        field(.inventory, "", "schema", String(before.schema), String(after.schema))
        for (old, new) in match(before.purposes, after.purposes, \.id, .purpose) {
            field(.purpose, new.id, "title", old.title, new.title)
        }
        for (old, new) in match(before.catalogue, after.catalogue, \.id, .property) {
            field(.property, new.id, "type", Differ.text(old.type), Differ.text(new.type))
        }
        for (old, new) in match(before.sources, after.sources, \.id, .source) {
            field(.source, new.id, "title", old.title, new.title)
            field(.source, new.id, "url", old.url, new.url)
            field(.source, new.id, "published", old.published?.description, new.published?.description)
            field(.source, new.id, "kind", old.kind.rawValue, new.kind.rawValue)
        }
        for (old, new) in match(before.networks, after.networks, \.id, .network) { network(old, new) }
        for (old, new) in match(before.tools, after.tools, \.id, .tool) { tool(old, new) }
    }

    private mutating func network(_ old: Network, _ new: Network) {
        let id = new.id
        field(.network, id, "name", old.name, new.name)
        field(.network, id, "kind", old.kind.rawValue, new.kind.rawValue)
        field(.network, id, "legal_basis", old.legalBasis, new.legalBasis)
        field(.network, id, "source", old.source, new.source)
        for (a, b) in match(old.members, new.members, \.id, .member, prefix: "\(id)/") {
            field(.member, "\(id)/\(b.id)", "name", a.name, b.name)
            field(.member, "\(id)/\(b.id)", "country", a.country, b.country)
        }
        for (a, b) in match(old.uses, new.uses, \.tool, .usage, prefix: "\(id)/") {
            let usage = "\(id)/\(b.tool)"
            field(.usage, usage, "purposes", Differ.list(a.purposes), Differ.list(b.purposes))
            field(.usage, usage, "highest_tlp", a.highestTLP?.description, b.highestTLP?.description)
            field(
                .usage, usage, "highest_classification", a.highestClassification?.description,
                b.highestClassification?.description)
            field(.usage, usage, "role", a.role.rawValue, b.role.rawValue)
            field(.usage, usage, "onboarded", a.onboarded.map(Differ.text), b.onboarded.map(Differ.text))
            field(.usage, usage, "source", a.source, b.source)
            field(.usage, usage, "confidence", a.confidence?.rawValue, b.confidence?.rawValue)
        }
    }

    private mutating func tool(_ old: Tool, _ new: Tool) {
        let id = new.id
        field(.tool, id, "name", old.name, new.name)
        field(.tool, id, "category", old.category, new.category)
        field(.tool, id, "operator", old.operator, new.operator)
        field(.tool, id, "url", old.url, new.url)
        values(id, "", old.properties, new.properties)
        values(id, "evidence.", old.evidence, new.evidence)
    }

    private mutating func values(
        _ tool: String, _ prefix: String, _ old: [String: SourcedValue], _ new: [String: SourcedValue]
    ) {
        for key in Set(old.keys).union(new.keys) {
            let a = old[key]
            let b = new[key]
            guard !Differ.same(a, b) else { continue }
            properties.append(InventoryDiff.PropertyChange(tool: tool, property: prefix + key, before: a, after: b))
        }
    }

    /// Value, source, confidence and assessment date: what a reader relies on.
    private static func same(_ a: SourcedValue?, _ b: SourcedValue?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.value == b.value && a.source == b.source && a.confidence == b.confidence && a.assessed == b.assessed
    }

    private mutating func field(
        _ kind: InventoryDiff.EntityKind, _ id: String, _ name: String, _ a: String?, _ b: String?
    ) {
        if a != b { fields.append(InventoryDiff.FieldChange(kind, id, field: name, before: a, after: b)) }
    }

    /// Pairs up two lists by key: the unmatched ones are recorded as added or removed,
    /// the matched ones are returned (in the new list's order). The first element wins
    /// when a key repeats.
    private mutating func match<Element>(
        _ old: [Element], _ new: [Element], _ key: KeyPath<Element, String>, _ kind: InventoryDiff.EntityKind,
        prefix: String = ""
    ) -> [(Element, Element)] {
        var oldByKey: [String: Element] = [:]
        for element in old where oldByKey[element[keyPath: key]] == nil { oldByKey[element[keyPath: key]] = element }
        var matched: [(Element, Element)] = []
        var seen = Set<String>()
        for element in new where seen.insert(element[keyPath: key]).inserted {
            let id = element[keyPath: key]
            if let previous = oldByKey[id] {
                matched.append((previous, element))
            } else {
                added.append(InventoryDiff.Entity(kind, prefix + id))
            }
        }
        for id in oldByKey.keys where !seen.contains(id) { removed.append(InventoryDiff.Entity(kind, prefix + id)) }
        return matched
    }

    static func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }

    static func text(_ onboarded: Onboarded) -> String {
        switch onboarded {
        case .all: return "all"
        case .count(let n): return String(n)
        case .members(let ids): return list(ids)
        }
    }

    static func text(_ type: PropertyType) -> String {
        switch type {
        case .enumeration(let values): return "enum " + list(values)
        case .list(let element): return "list of " + text(element)
        default: return type.description
        }
    }
}
