import AssessmentKit
import InventoryKit
import Testing

/// Missing data can never help: over many random inventories and policies, removing one
/// property value (making it unknown) never raises a subject's score, never turns its
/// verdict into `meets`, and never removes a subject from judgement.
@Suite struct MonotonicityTests {
    /// What went wrong between an assessment and the one after a value was removed.
    static func violations(before: Assessment, after: Assessment) -> [String] {
        var problems: [String] = []
        var afterByKey: [String: SubjectAssessment] = [:]
        for result in after.results { afterByKey[result.policy + " " + result.subject.id] = result }
        for old in before.results {
            let key = old.policy + " " + old.subject.id
            guard let new = afterByKey[key] else {
                problems.append("\(key) is no longer judged")
                continue
            }
            if new.scores.score.value > old.scores.score.value + 1e-9 {
                problems.append("\(key): score rose from \(old.scores.score) to \(new.scores.score)")
            }
            if new.verdict == .meets && old.verdict != .meets {
                problems.append("\(key): verdict rose from \(old.verdict) to meets")
            }
        }
        return problems
    }

    @Test func removingAValueNeverHelps() throws {
        var random = SplitMix64(seed: 20_261_101)
        var iterations = 0
        var removals = 0
        var changedOutcomes = 0
        while iterations < 1500 {
            iterations += 1
            var world = RandomWorld(random: random)
            let inventory = world.inventory()
            let policies = world.policies()
            random = world.random
            var prepared: [PreparedPolicy] = []
            for policy in policies {
                let (result, diagnostics) = PreparedPolicy.prepare(policy, for: inventory)
                let compiled = try #require(result, "generated policy does not compile: \(diagnostics)")
                prepared.append(compiled)
            }
            let before = Assessor.evaluate(inventory, policies: prepared, asOf: RandomWorld.asOf)
            #expect(
                before == Assessor.evaluate(inventory, policies: prepared, asOf: RandomWorld.asOf), "not deterministic")

            // Remove one stated value (a property or an evidence value) of one tool.
            var candidates: [(tool: Int, key: String, evidence: Bool)] = []
            for (index, tool) in inventory.tools.enumerated() {
                candidates += tool.properties.keys.sorted().map { (index, $0, false) }
                candidates += tool.evidence.keys.sorted().map { (index, $0, true) }
            }
            guard !candidates.isEmpty else { continue }
            let pick = candidates[Int.random(in: 0..<candidates.count, using: &random)]
            var tools = inventory.tools
            if pick.evidence {
                tools[pick.tool].evidence[pick.key] = nil
            } else {
                tools[pick.tool].properties[pick.key] = nil
            }
            var reduced = inventory
            reduced.tools = tools
            removals += 1
            let after = Assessor.evaluate(reduced, policies: prepared, asOf: RandomWorld.asOf)
            if before != after { changedOutcomes += 1 }
            let problems = Self.violations(before: before, after: after)
            #expect(
                problems.isEmpty,
                "iteration \(iterations), removed \(inventory.tools[pick.tool].id).\(pick.key): \(problems)")
            if !problems.isEmpty { break }
        }
        // The test only means something if removals actually change assessments.
        #expect(removals > 1000)
        #expect(changedOutcomes > removals / 4, "only \(changedOutcomes) of \(removals) removals changed anything")
    }

    /// The check itself can fail: a pair where the second assessment scores higher and
    /// meets is reported.
    @Test func violationsAreDetected() throws {
        let inventory = Inventory(
            title: "t", asOf: RandomWorld.asOf,
            catalogue: [PropertyDefinition(id: "b0", type: .bool, description: "")],
            tools: [Tool(id: "x", name: "x", category: "c", properties: [:])])
        let policy = Policy(
            id: "p", title: "p", scope: .tool, passScore: 100,
            criteria: [Criterion(id: "c", title: "c", rule: RuleText("tool.b0"))])
        let prepared = try #require(PreparedPolicy.prepare(policy, for: inventory).0)
        let unknown = Assessor.evaluate(inventory, policies: [prepared], asOf: RandomWorld.asOf)
        var known = inventory
        known.tools[0].properties["b0"] = SourcedValue(.bool(true))
        let passing = Assessor.evaluate(known, policies: [prepared], asOf: RandomWorld.asOf)
        // Adding a value may raise the score; read backwards, that is a violation.
        let problems = Self.violations(before: unknown, after: passing)
        #expect(problems.count == 2, "\(problems)")
        var empty = passing
        empty.results = []
        #expect(Self.violations(before: passing, after: empty) == ["p x is no longer judged"])
    }
}

/// Random inventories and well-typed random policies over a fixed catalogue that has a
/// property of every type.
struct RandomWorld {
    var random: SplitMix64
    static let asOf = CalendarDate(year: 2026, month: 11, day: 1)!
    static let purposes = ["p1", "p2", "p3"]
    static let enumValues = ["a", "b", "c"]
    static let listValues = ["p", "q", "r"]
    static let catalogue: [PropertyDefinition] = [
        PropertyDefinition(id: "b0", type: .bool, description: ""),
        PropertyDefinition(id: "b1", type: .bool, description: ""),
        PropertyDefinition(id: "b2", type: .bool, description: ""),
        PropertyDefinition(id: "n0", type: .int, description: ""),
        PropertyDefinition(id: "x0", type: .number, description: ""),
        PropertyDefinition(id: "d0", type: .date, description: ""),
        PropertyDefinition(id: "e0", type: .enumeration(enumValues), description: ""),
        PropertyDefinition(id: "m0", type: .marking, description: ""),
        PropertyDefinition(id: "l0", type: .list(.marking), description: ""),
        PropertyDefinition(id: "t0", type: .list(.enumeration(listValues)), description: ""),
    ]

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &random) < p }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    mutating func marking() -> Marking {
        let scheme = pick(MarkingScheme.allCases)
        return Marking(scheme: scheme, rank: int(0...scheme.levels.count - 1))!
    }

    mutating func date() -> CalendarDate {
        RandomWorld.asOf.adding(days: -int(-30...1500))!
    }

    mutating func value(for definition: PropertyDefinition) -> PropertyValue {
        switch definition.id {
        case "b0", "b1", "b2": return .bool(chance(0.5))
        case "n0": return .int(int(0...10))
        case "x0": return .number(Double(int(0...100)) / 100)
        case "d0": return .date(date())
        case "e0": return .text(pick(RandomWorld.enumValues))
        case "m0": return .marking(marking())
        case "l0": return .list((0..<int(0...3)).map { _ in .marking(marking()) })
        default: return .list(RandomWorld.listValues.filter { _ in chance(0.5) }.map(PropertyValue.text))
        }
    }

    mutating func inventory() -> Inventory {
        var tools: [Tool] = []
        for index in 0..<int(2...6) {
            var properties: [String: SourcedValue] = [:]
            for definition in RandomWorld.catalogue where chance(0.7) {
                properties[definition.id] = SourcedValue(
                    value(for: definition), source: chance(0.5) ? "s" : nil, confidence: pick(Confidence.allCases))
            }
            var evidence: [String: SourcedValue] = [:]
            if chance(0.5) {
                evidence["delivery_rate"] = SourcedValue(.number(Double(int(50...100)) / 100), confidence: .verified)
                evidence["last_tested"] = SourcedValue(.date(date()), confidence: .verified)
            }
            tools.append(
                Tool(
                    id: "tool\(index)", name: "Tool \(index)", category: pick(["chat", "mail"]),
                    operator: chance(0.8) ? pick(["op1", "op2"]) : nil, properties: properties, evidence: evidence))
        }
        var networks: [Network] = []
        for index in 0..<int(1...3) {
            var uses: [Usage] = []
            for tool in tools where chance(0.6) {
                uses.append(
                    Usage(
                        tool: tool.id, purposes: RandomWorld.purposes.filter { _ in chance(0.5) },
                        highestTLP: chance(0.7) ? Marking(scheme: .tlp, rank: int(0...4)) : nil,
                        highestClassification: chance(0.5)
                            ? Marking(scheme: chance(0.5) ? .eu : .nato, rank: int(0...4)) : nil,
                        role: pick(Usage.Role.allCases), onboarded: chance(0.5) ? .all : .count(int(0...5))))
            }
            networks.append(
                Network(
                    id: "net\(index)", name: "Network \(index)", kind: pick(Network.Kind.allCases),
                    members: (0..<int(0...4)).map { Member(id: "m\($0)", name: "M", country: "EU") }, uses: uses))
        }
        return Inventory(
            title: "random", asOf: RandomWorld.asOf, purposes: RandomWorld.purposes.map { Purpose(id: $0, title: $0) },
            catalogue: RandomWorld.catalogue, sources: [Source(id: "s", title: "s", kind: .official)],
            networks: networks, tools: tools)
    }

    /// A random condition, well-typed by construction.
    mutating func condition(scope: PolicyScope, depth: Int) -> String {
        if depth > 0, chance(0.45) {
            switch int(0...3) {
            case 0: return "not \(condition(scope: scope, depth: depth - 1))"
            case 1:
                return "(\(condition(scope: scope, depth: depth - 1)) and \(condition(scope: scope, depth: depth - 1)))"
            case 2:
                return "(\(condition(scope: scope, depth: depth - 1)) or \(condition(scope: scope, depth: depth - 1)))"
            default: return "(\(condition(scope: scope, depth: depth - 1)))"
            }
        }
        let op = pick(["==", "!=", "<", "<=", ">", ">="])
        var atoms = [
            "tool.\(pick(["b0", "b1", "b2"]))",
            "tool.n0 \(op) \(int(0...10))",
            "tool.x0 \(op) 0.\(int(0...99))",
            "tool.d0 \(op) \(date())",
            "tool.d0 within \(int(0...36)) months",
            "tool.d0 within \(int(0...400)) days",
            "tool.e0 == '\(pick(RandomWorld.enumValues))'",
            "tool.e0 in ['\(pick(RandomWorld.enumValues))', '\(pick(RandomWorld.enumValues))']",
            "tool.m0 \(op) \(marking())",
            "tool.m0 in [\(marking()), \(marking())]",
            "tool.l0 \(op == "==" || op == "!=" ? ">=" : op) \(marking())",
            "tool.l0 contains \(marking())",
            "tool.t0 contains '\(pick(RandomWorld.listValues))'",
            "'\(pick(RandomWorld.listValues))' in tool.t0",
            "exists(tool.\(pick(RandomWorld.catalogue.map(\.id))))",
            "tool.evidence.delivery_rate >= 0.9",
            "tool.evidence.last_tested within 12 months",
            "tool.operator == 'op1'",
        ]
        if scope == .usage {
            atoms += [
                "tool.l0 >= usage.highest_classification",
                "usage.highest_classification <= tool.l0",
                "tool.m0 \(op) usage.highest_classification",
                "usage.highest_tlp \(op) \(Marking(scheme: .tlp, rank: int(0...4))!)",
                "usage.purposes contains '\(pick(RandomWorld.purposes))'",
                "usage.role == 'primary'",
                "usage.onboarded >= \(int(0...4))",
                "network.kind != 'military'",
                "exists(usage.highest_classification)",
            ]
        }
        return pick(atoms)
    }

    mutating func policies() -> [Policy] {
        (0..<int(1...3)).map { index in
            let scope: PolicyScope = chance(0.5) ? .tool : .usage
            var criteria: [Criterion] = []
            for c in 0..<int(1...6) {
                criteria.append(
                    Criterion(
                        id: "c\(c)", title: "C\(c)", weight: Double(int(0...5)), mandatory: chance(0.3),
                        minConfidence: chance(0.4) ? pick(Confidence.allCases) : nil,
                        appliesWhen: chance(0.25) ? RuleText(condition(scope: scope, depth: 1)) : nil,
                        rule: RuleText(condition(scope: scope, depth: 2))))
            }
            let waivers = criteria.compactMap { criterion -> Waiver? in
                guard chance(0.2) else { return nil }
                let subject = scope == .tool ? "tool\(int(0...3))" : "net\(int(0...2))/tool\(int(0...3))"
                return Waiver(
                    criterion: criterion.id, subject: subject, justification: "j", approvedBy: "a",
                    expires: RandomWorld.asOf.adding(days: int(-10...10))!)
            }
            return Policy(
                id: "policy\(index)", title: "P\(index)", scope: scope,
                appliesWhen: chance(0.4) ? RuleText(condition(scope: scope, depth: 1)) : nil,
                passScore: Double(pick([0, 50, 60, 75, 80, 100])), criteria: criteria, waivers: waivers)
        }
    }
}

/// SplitMix64, so every run draws the same worlds.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
