import Foundation

/// A deterministic pseudo-random generator (SplitMix64): the same seed gives the same
/// files on every machine, so benchmark inputs can be re-created instead of stored.
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

/// Sizes and seed of a synthetic data set.
struct SynthOptions {
    var tools = 100
    var networks = 5
    var criteria = 20
    var policies = 4
    var exercises = 3
    var seed: UInt64 = 1
    var output = "synthetic"
}

/// Writes a synthetic inventory (`Inventory/`) and policy set (`Policies/`) in the
/// formats of DESIGN §2–3: every file valid, values drawn from the seed.
struct SyntheticData {
    let options: SynthOptions
    private var random: SplitMix64

    init(options: SynthOptions) {
        self.options = options
        random = SplitMix64(seed: options.seed)
    }

    static let asOf = "2026-11-01"
    static let purposes = [
        "incident-notification", "incident-coordination", "threat-intel-sharing", "situational-awareness",
        "crisis-coordination", "voice", "video-conference", "file-exchange", "out-of-band-alerting",
    ]
    static let categories = [
        "chat", "email", "threat-intel-platform", "video-conference", "portal", "voice", "file-exchange",
    ]
    static let hosting = ["on-premises", "eu-institution", "member-state", "eu-cloud", "non-eu-cloud"]
    static let platforms = ["web", "android", "ios", "desktop"]
    static let confidences = ["verified", "secondary", "claimed", "unverified"]
    static let tlp = ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"]
    static let eu = ["EU:RESTRICTED", "EU:CONFIDENTIAL", "EU:SECRET"]
    static let nato = ["NATO:RESTRICTED", "NATO:CONFIDENTIAL", "NATO:SECRET"]
    static let bools = ["end_to_end_encryption", "open_source", "internet_independent", "federated", "mfa_required"]
    static let sourceCount = 20

    private mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &random) < p }
    private mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
    private mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    private func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    private func toolID(_ i: Int) -> String { "tool-\(pad(i, 6))" }
    private func networkID(_ i: Int) -> String { "network-\(pad(i, 4))" }

    private mutating func date(fromYear: Int, toYear: Int) -> String {
        "\(int(fromYear...toYear))-\(pad(int(1...12), 2))-\(pad(int(1...28), 2))"
    }

    /// Every file to write, as (relative path, text).
    mutating func files() -> [(String, String)] {
        var files: [(String, String)] = []
        files.append(("Inventory/inventory.yaml", inventoryFile()))
        files.append(("Inventory/sources.yaml", sourcesFile()))
        let operators = (0..<max(1, options.tools / 20)).map { "operator-\(pad($0, 4))" }
        var toolIDs: [String] = []
        for i in 0..<options.tools {
            let id = toolID(i)
            toolIDs.append(id)
            files.append(("Inventory/tools/\(id).yaml", toolFile(id: id, operators: operators)))
        }
        for i in 0..<options.networks {
            files.append(("Inventory/networks/\(networkID(i)).yaml", networkFile(index: i, tools: toolIDs)))
        }
        for e in 0..<options.exercises where !toolIDs.isEmpty {
            files.append(("Inventory/evidence/exercise-\(e).yaml", evidenceFile(index: e, tools: toolIDs)))
        }
        let counts = (0..<options.policies).map { p in
            options.criteria / options.policies + (p < options.criteria % options.policies ? 1 : 0)
        }
        for (p, count) in counts.enumerated() where count > 0 {
            let id = "policy-\(pad(p, 3))"
            files.append(("Policies/\(id).yaml", policyFile(id: id, index: p, criteria: count, tools: toolIDs)))
        }
        return files
    }

    private func inventoryFile() -> String {
        var lines = [
            "title: Synthetic inventory (seed \(options.seed))", "as_of: \(SyntheticData.asOf)", "schema: 1",
            "purposes:",
        ]
        for purpose in SyntheticData.purposes {
            lines += [
                "  - id: \(purpose)", "    title: \(purpose.replacingOccurrences(of: "-", with: " ").capitalized)",
            ]
        }
        lines.append("properties:")
        func property(_ id: String, _ type: String, _ extra: [String] = []) {
            lines +=
                ["  - id: \(id)", "    type: \(type)"] + extra.map { "    \($0)" } + [
                    "    description: Synthetic \(id)"
                ]
        }
        for id in SyntheticData.bools { property(id, "bool") }
        property("max_participants", "int")
        property("availability_sla", "number")
        property("independent_audit", "date")
        property("last_pentest", "date")
        property("jurisdiction", "text")
        property("hosting", "enum", ["values: [\(SyntheticData.hosting.joined(separator: ", "))]"])
        property("default_tlp", "marking")
        property("accreditations", "list", ["of: marking"])
        property("platforms", "list", ["of: enum", "values: [\(SyntheticData.platforms.joined(separator: ", "))]"])
        return lines.joined(separator: "\n") + "\n"
    }

    private mutating func sourcesFile() -> String {
        var lines = ["sources:"]
        for i in 0..<SyntheticData.sourceCount {
            lines += [
                "  - id: source-\(pad(i, 3))", "    title: Synthetic source \(i)",
                "    url: https://example.org/source/\(i)", "    published: \(date(fromYear: 2019, toYear: 2025))",
                "    kind: \(pick(["official", "vendor", "press", "secondary"]))",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A property value in the long form, with a source most of the time; without one
    /// it says `confidence: unverified`, as the inventory asks of unsourced values.
    private mutating func value(_ key: String, _ text: String) -> [String] {
        var lines = ["  \(key):", "    value: \(text)"]
        if chance(0.85) {
            lines.append("    source: source-\(pad(int(0...SyntheticData.sourceCount - 1), 3))")
            lines.append("    confidence: \(pick(SyntheticData.confidences))")
        } else {
            lines.append("    confidence: unverified")
        }
        if chance(0.5) { lines.append("    assessed: \(date(fromYear: 2024, toYear: 2025))") }
        return lines
    }

    private mutating func toolFile(id: String, operators: [String]) -> String {
        var lines = ["id: \(id)", "name: Tool \(id)", "category: \(pick(SyntheticData.categories))"]
        if chance(0.95) { lines.append("operator: \(pick(operators))") }
        lines.append("properties:")
        let present = 0.8
        for key in SyntheticData.bools where chance(present) { lines += value(key, chance(0.6) ? "true" : "false") }
        if chance(present) { lines += value("max_participants", String(int(2...50_000))) }
        if chance(present) { lines += value("availability_sla", "0.\(int(900...999))") }
        if chance(present) { lines += value("independent_audit", date(fromYear: 2019, toYear: 2025)) }
        if chance(present) { lines += value("last_pentest", date(fromYear: 2022, toYear: 2025)) }
        if chance(present) { lines += value("jurisdiction", pick(["EU", "FR", "DE", "US", "CH"])) }
        if chance(present) { lines += value("hosting", pick(SyntheticData.hosting)) }
        if chance(present) { lines += value("default_tlp", pick(SyntheticData.tlp)) }
        if chance(present) {
            var accreditations: [String] = []
            if chance(0.4) { accreditations.append(pick(SyntheticData.eu)) }
            if chance(0.3) { accreditations.append(pick(SyntheticData.nato)) }
            lines += value("accreditations", "[\(accreditations.joined(separator: ", "))]")
        }
        if chance(present) {
            let chosen = SyntheticData.platforms.filter { _ in chance(0.5) }
            lines += value("platforms", "[\(chosen.joined(separator: ", "))]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private mutating func networkFile(index: Int, tools: [String]) -> String {
        let id = networkID(index)
        let members = (0..<int(5...30)).map { "member-\(pad($0, 3))" }
        var lines = [
            "id: \(id)", "name: Network \(index)",
            "kind: \(pick(["civilian", "crisis-liaison", "military", "eu-body", "other"]))",
            "legal_basis: Synthetic basis \(index)", "members:",
        ]
        for member in members {
            lines += [
                "  - id: \(member)", "    name: Member \(member)",
                "    country: \(pick(["EU", "FR", "DE", "IT", "PL", "EE"]))",
            ]
        }
        lines.append("uses:")
        var used = Set<String>()
        let count = min(tools.count, int(20...60))
        while used.count < count { used.insert(pick(tools)) }
        for tool in used.sorted() {
            let purposes = SyntheticData.purposes.filter { _ in chance(0.25) }
            lines += [
                "  - tool: \(tool)",
                "    purposes: [\((purposes.isEmpty ? [pick(SyntheticData.purposes)] : purposes).joined(separator: ", "))]",
            ]
            if chance(0.8) { lines.append("    highest_tlp: \(pick(SyntheticData.tlp))") }
            if chance(0.4) {
                lines.append("    highest_classification: \(pick(chance(0.6) ? SyntheticData.eu : SyntheticData.nato))")
            }
            lines.append("    role: \(pick(["primary", "backup", "ad-hoc"]))")
            switch int(0...2) {
            case 0: lines.append("    onboarded: all")
            case 1: lines.append("    onboarded: \(int(1...members.count))")
            default:
                lines.append(
                    "    onboarded: [\(members.filter { _ in chance(0.5) }.prefix(5).joined(separator: ", "))]")
            }
            lines.append("    source: source-\(pad(int(0...SyntheticData.sourceCount - 1), 3))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private mutating func evidenceFile(index: Int, tools: [String]) -> String {
        let id = "exercise-\(index)"
        var lines = [
            "exercise: \(id)", "title: Synthetic exercise \(index)", "from: 2026-0\(index % 9 + 1)-01",
            "until: 2026-0\(index % 9 + 1)-03", "control: exercise-control", "tools:",
        ]
        let covered = tools.filter { _ in chance(0.1) }
        for tool in covered {
            let sent = int(5...50)
            let delivered = int(0...sent)
            let rate = Double(delivered) / Double(sent)
            lines += [
                "  - tool: \(tool)", "    last_tested: 2026-0\(index % 9 + 1)-02", "    sent: \(sent)",
                "    delivered: \(delivered)", "    delivery_rate: \(String(format: "%.3f", rate))",
                "    median_latency_minutes: \(int(1...30)).5", "    p95_latency_minutes: \(int(31...120)).0",
            ]
        }
        if covered.isEmpty { lines[lines.count - 1] = "tools: []" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A random rule in the policy's scope, from templates that cover every operator.
    private mutating func rule(scope: String) -> String {
        let bool = pick(SyntheticData.bools)
        let other = pick(SyntheticData.bools)
        let months = int(6...36)
        let participants = int(10...1000)
        var templates = [
            "tool.\(bool)",
            "tool.\(bool) and not tool.\(other)",
            "tool.max_participants >= \(participants)",
            "tool.availability_sla > 0.95",
            "tool.independent_audit within \(months) months",
            "tool.last_pentest within 365 days or tool.\(bool)",
            "tool.hosting in ['on-premises', 'eu-institution', 'member-state']",
            "tool.jurisdiction != 'US'",
            "tool.accreditations >= EU:RESTRICTED",
            "tool.platforms contains 'android' and tool.platforms contains 'ios'",
            "tool.default_tlp <= TLP:AMBER",
            "exists(tool.independent_audit)",
            "tool.evidence.delivery_rate >= 0.9 and tool.evidence.last_tested within 12 months",
            "(tool.\(bool) or tool.\(other)) and tool.hosting != 'non-eu-cloud'",
        ]
        if scope == "usage" {
            templates += [
                "tool.accreditations >= usage.highest_classification",
                "usage.role == 'primary' or tool.\(bool)",
                "usage.highest_tlp <= TLP:AMBER or tool.end_to_end_encryption",
                "usage.onboarded >= 3 and network.kind != 'other'",
            ]
        }
        return pick(templates)
    }

    private mutating func policyFile(id: String, index: Int, criteria: Int, tools: [String]) -> String {
        let scope = index % 2 == 0 ? "tool" : "usage"
        var lines = ["id: \(id)", "title: Synthetic policy \(index)", "scope: \(scope)"]
        if scope == "usage" {
            lines.append(
                "applies_when: \"usage.purposes contains '\(SyntheticData.purposes[index % SyntheticData.purposes.count])'\""
            )
        } else if chance(0.5) {
            lines.append("applies_when: \"tool.category != 'email'\"")
        }
        lines += [
            "pass_score: \(pick([60, 70, 75, 80, 90]))", "coverage:", "  min_tools: 2", "  min_operators: 2",
            "criteria:",
        ]
        for c in 0..<criteria {
            lines += [
                "  - id: criterion-\(pad(c, 3))", "    title: Synthetic criterion \(c)", "    weight: \(int(1...5))",
            ]
            if chance(0.1) { lines.append("    mandatory: true") }
            if chance(0.3) { lines.append("    min_confidence: \(pick(["secondary", "claimed"]))") }
            if chance(0.5) { lines.append("    source: source-\(pad(int(0...SyntheticData.sourceCount - 1), 3))") }
            let text = rule(scope: scope)
            lines.append("    rule: \"\(text)\"")
        }
        if scope == "tool", criteria > 0, !tools.isEmpty {
            lines.append("waivers:")
            for w in 0..<min(3, tools.count) {
                let expires = w == 0 ? "2026-06-30" : "2027-0\(w + 1)-15"
                lines += [
                    "  - criterion: criterion-\(pad(int(0...criteria - 1), 3))",
                    "    subject: \(tools[(w * 7919) % tools.count])",
                    "    justification: Synthetic waiver \(w)", "    approved_by: Synthetic chair",
                    "    expires: \(expires)",
                ]
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
