import Foundation
import InventoryKit

/// The policies read from files, and every problem found on the way.
public struct PolicyLoadResult: Sendable {
    /// The policies that could be read, sorted by id. A policy is here as soon as its id,
    /// title, scope and pass_score could be read, even when other parts have errors (a
    /// criterion without a rule is left out), so that preparation can still check its
    /// rules and every problem is reported at once. Evaluate only when `diagnostics` has
    /// no error.
    public var policies: [Policy]
    /// Sorted by location.
    public var diagnostics: [Diagnostic]
}

/// Reads policy files (`Policies/<id>.yaml`, DESIGN §3) through the located YAML layer,
/// checking their shape and collecting every problem with its `file:line:column`.
///
/// The rules themselves are checked later, by `PreparedPolicy.prepare`, because their
/// types come from the inventory's catalogue.
public enum PolicyLoader {
    static let policyKeys = [
        "id", "title", "description", "scope", "applies_when", "pass_score", "coverage", "criteria", "waivers",
    ]
    static let criterionKeys = [
        "id", "title", "rationale", "source", "weight", "mandatory", "min_confidence", "applies_when", "rule",
    ]
    static let waiverKeys = ["criterion", "subject", "justification", "approved_by", "expires"]
    static let coverageKeys = ["min_tools", "min_operators"]

    /// Every `*.yaml` / `*.yml` file directly in `directory`, in name order. Each file's
    /// `id` must be its base name. Unreadable files are diagnostics (`policy.unreadable`).
    public static func load(directory: URL, displayPath: String? = nil) -> PolicyLoadResult {
        let shown = displayPath ?? directory.path
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
                .filter { !$0.hasPrefix(".") }
                .sorted()
        } catch {
            return PolicyLoadResult(
                policies: [],
                diagnostics: [
                    Diagnostic(
                        .error, code: PolicyDiagnosticCode.unreadable,
                        "cannot read the policy folder \(shown): \(error.localizedDescription)",
                        hint: "give the folder of policy files with --policies", at: nil)
                ])
        }
        var files: [(file: String, data: Data)] = []
        var diagnostics: [Diagnostic] = []
        for name in names {
            let path = shown.hasSuffix("/") ? shown + name : shown + "/" + name
            let url = directory.appendingPathComponent(name)
            if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int,
                size > YAMLLimits.standard.maxBytes
            {
                diagnostics.append(YAMLDocument.tooLarge(file: path, size: size))
                continue
            }
            do {
                files.append((path, try Data(contentsOf: url)))
            } catch {
                diagnostics.append(
                    Diagnostic(
                        .error, code: PolicyDiagnosticCode.unreadable,
                        "cannot read \(path): \(error.localizedDescription)",
                        at: SourceLocation(file: path, line: 1, column: 1)))
            }
        }
        var result = load(files: files, checkFileNames: true)
        result.diagnostics = (result.diagnostics + diagnostics).sorted()
        return result
    }

    /// Parses several policy files given as bytes (pure). With `checkFileNames`, each
    /// policy's id must equal its file's base name.
    public static func load(files: [(file: String, data: Data)], checkFileNames: Bool = false) -> PolicyLoadResult {
        var policies: [Policy] = []
        var diagnostics: [Diagnostic] = []
        var seen: [String: SourceLocation] = [:]
        for (file, data) in files {
            let (policy, found) = parse(data, file: file)
            diagnostics += found
            guard let policy else { continue }
            if checkFileNames {
                let base = (file as NSString).lastPathComponent
                let stem = base.hasSuffix(".yml") ? String(base.dropLast(4)) : String(base.dropLast(5))
                if stem != policy.id {
                    diagnostics.append(
                        Diagnostic(
                            .error, code: PolicyDiagnosticCode.idMismatch,
                            "the policy's id is '\(policy.id)' but its file is \(base)",
                            hint: "name the file \(policy.id).yaml, or change the id to '\(stem)'", at: policy.location)
                    )
                }
            }
            if let first = seen[policy.id] {
                diagnostics.append(
                    Diagnostic(
                        .error, code: PolicyDiagnosticCode.duplicateID, "the policy id '\(policy.id)' is used twice",
                        hint: "first used at \(first)", at: policy.location))
                continue
            }
            seen[policy.id] = policy.location
            policies.append(policy)
        }
        return PolicyLoadResult(policies: policies.sorted { $0.id < $1.id }, diagnostics: diagnostics.sorted())
    }

    /// Parses one policy file. The policy is nil when not even its id, title, scope and
    /// pass_score could be read; it may be incomplete when there are errors.
    public static func parse(_ data: Data, file: String) -> (Policy?, [Diagnostic]) {
        let parsed = YAMLDocument.parse(data, file: file)
        guard let root = parsed.root else { return (nil, parsed.diagnostics.sorted()) }
        let source = String(decoding: data, as: UTF8.self)
        let reader = YAMLReader(codePrefix: "policy")
        reader.append(parsed.diagnostics)
        let policy = PolicyParser(reader: reader, source: source).policy(root)
        return (policy, reader.diagnostics.sorted())
    }

    /// Parses one policy from text (tests).
    public static func parse(_ text: String, file: String) -> (Policy?, [Diagnostic]) {
        parse(Data(text.utf8), file: file)
    }
}

/// The stable codes of policy diagnostics (besides the YAML layer's `yaml.*`, the shape
/// codes `policy.unknown-key`, `policy.missing-key`, `policy.wrong-type`,
/// `policy.bad-date`, `policy.bad-enum-value` of `YAMLReader`, and the rule codes of
/// `RuleError.Code`).
public enum PolicyDiagnosticCode {
    /// A policy file or folder could not be read.
    public static let unreadable = "policy.unreadable"
    /// A policy's id is not its file's base name.
    public static let idMismatch = "policy.id-mismatch"
    /// Two policies with one id.
    public static let duplicateID = "policy.duplicate-id"
    /// Two criteria with one id in a policy.
    public static let duplicateCriterion = "policy.duplicate-criterion"
    /// An id that is not lower-case letters, digits, `-` and `_`.
    public static let badID = "policy.bad-id"
    /// A number outside its range (pass_score 0–100, weight ≥ 0, counts ≥ 0).
    public static let outOfRange = "policy.out-of-range"
    /// A policy without criteria.
    public static let noCriteria = "policy.no-criteria"
    /// A waiver for a criterion the policy does not have.
    public static let unknownCriterion = "policy.unknown-criterion"
    /// A waiver subject not written as the scope wants (`tool` or `network/tool`).
    public static let badSubject = "policy.bad-subject"
    /// A waiver subject that is not in the inventory (a warning).
    public static let unknownSubject = "policy.unknown-subject"
    /// Two waivers for one criterion and subject.
    public static let duplicateWaiver = "policy.duplicate-waiver"
    /// A criterion citing a source that is not in `sources.yaml`.
    public static let unknownSource = "policy.unknown-source"
    /// A waiver whose `expires` is before the as-of date: ignored (a warning).
    public static let waiverExpired = "policy.waiver-expired"
    /// `--policy ID` names no loaded policy.
    public static let unknownPolicy = "policy.unknown-policy"
    /// Markings of two scales met during evaluation: that comparison is unknown (a warning).
    public static let crossScale = "rule.cross-scale"
}

/// Reads one policy document with a `YAMLReader`.
private struct PolicyParser {
    let reader: YAMLReader
    let source: String

    func policy(_ root: YAMLNode) -> Policy? {
        guard let map = reader.mapping(root, "a policy") else { return nil }
        reader.checkKeys(map, allowed: PolicyLoader.policyKeys, in: "a policy")
        let what = "the policy"
        let id = identifier("id", in: map, of: what)
        let title = reader.text("title", in: map, of: what, required: true)
        let description = reader.text("description", in: map, of: what)
        let scope = reader.choice("scope", in: map, of: what, as: PolicyScope.self, required: true)
        let appliesWhen = rule("applies_when", in: map, of: what, required: false)
        var passScore = reader.number("pass_score", in: map, of: what, required: true)
        if let score = passScore, !(0...100).contains(score) {
            reader.error(
                "out-of-range", "'pass_score' must be a percentage from 0 to 100, not \(RuleValue.format(score))",
                at: map["pass_score"]?.location)
            passScore = nil
        }
        var coverage: CoverageTarget?
        if let node = reader.field("coverage", in: map, of: what), let coverageMap = reader.mapping(node, "'coverage'")
        {
            reader.checkKeys(coverageMap, allowed: PolicyLoader.coverageKeys, in: "'coverage'")
            let minTools = count("min_tools", in: coverageMap) ?? 1
            let minOperators = count("min_operators", in: coverageMap) ?? 1
            coverage = CoverageTarget(minTools: minTools, minOperators: minOperators)
        }

        var criteria: [Criterion] = []
        if let node = reader.field("criteria", in: map, of: what, required: true),
            let items = reader.sequence(node, "'criteria'")
        {
            if items.isEmpty {
                reader.error(
                    "no-criteria", "the policy has no criteria",
                    hint: "add at least one criterion with an id, a title and a rule",
                    at: node.location)
            }
            var seen: [String: SourceLocation] = [:]
            for item in items {
                let criterion = self.criterion(item)
                // Repeats are found by the written id, also for criteria with other errors.
                guard let id = item.mapping?["id"]?.scalar?.text else { continue }
                if let first = seen[id] {
                    reader.error(
                        "duplicate-criterion", "the criterion id '\(id)' is used twice in this policy",
                        hint: "first used at \(first)", at: item.location)
                    continue
                }
                seen[id] = item.location
                if let criterion { criteria.append(criterion) }
            }
        }

        var waivers: [Waiver] = []
        if let node = reader.field("waivers", in: map, of: what), let items = reader.sequence(node, "'waivers'") {
            var seen: [String: SourceLocation] = [:]
            for item in items {
                guard let waiver = self.waiver(item, scope: scope) else { continue }
                if !criteria.contains(where: { $0.id == waiver.criterion }) {
                    reader.error(
                        "unknown-criterion",
                        "the waiver is for the criterion '\(waiver.criterion)', which this policy does not have",
                        hint: Suggestion.hint(for: waiver.criterion, among: criteria.map(\.id)),
                        at: item.mapping?.entry("criterion")?.value.location ?? item.location)
                    continue
                }
                let key = waiver.criterion + "\u{0}" + waiver.subject
                if let first = seen[key] {
                    reader.error(
                        "duplicate-waiver", "a second waiver for '\(waiver.criterion)' on '\(waiver.subject)'",
                        hint: "keep one waiver per criterion and subject (first at \(first))", at: waiver.location)
                    continue
                }
                seen[key] = waiver.location
                waivers.append(waiver)
            }
        }

        guard let id, let title, let scope, let passScore else { return nil }
        return Policy(
            id: id, title: title, description: description, scope: scope, appliesWhen: appliesWhen,
            passScore: passScore, coverage: coverage, criteria: criteria, waivers: waivers, location: root.location)
    }

    private func criterion(_ node: YAMLNode) -> Criterion? {
        guard let map = reader.mapping(node, "a criterion") else { return nil }
        reader.checkKeys(map, allowed: PolicyLoader.criterionKeys, in: "a criterion")
        let id = identifier("id", in: map, of: "a criterion")
        let what = id.map { "criterion '\($0)'" } ?? "a criterion"
        let title = reader.text("title", in: map, of: what, required: true)
        let rationale = reader.text("rationale", in: map, of: what)
        let source = reader.text("source", in: map, of: what)
        var weight = reader.number("weight", in: map, of: what) ?? 1
        if weight < 0 {
            reader.error(
                "out-of-range", "the weight of \(what) is negative (\(RuleValue.format(weight)))",
                hint: "weights are 0 or more; 0 reports the criterion without scoring it", at: map["weight"]?.location)
            weight = 0
        }
        let mandatory = reader.bool("mandatory", in: map, of: what) ?? false
        let minConfidence = reader.choice("min_confidence", in: map, of: what, as: Confidence.self)
        let appliesWhen = rule("applies_when", in: map, of: what, required: false)
        let rule = rule("rule", in: map, of: what, required: true)
        guard let id, let title, let rule else { return nil }
        return Criterion(
            id: id, title: title, rationale: rationale, source: source, weight: weight, mandatory: mandatory,
            minConfidence: minConfidence, appliesWhen: appliesWhen, rule: rule, location: node.location)
    }

    private func waiver(_ node: YAMLNode, scope: PolicyScope?) -> Waiver? {
        guard let map = reader.mapping(node, "a waiver") else { return nil }
        reader.checkKeys(map, allowed: PolicyLoader.waiverKeys, in: "a waiver")
        let what = "a waiver"
        let criterion = reader.text("criterion", in: map, of: what, required: true)
        var subject = reader.text("subject", in: map, of: what, required: true)
        let justification = reader.text("justification", in: map, of: what, required: true)
        let approvedBy = reader.text("approved_by", in: map, of: what, required: true)
        let expires = reader.date("expires", in: map, of: what, required: true)
        if let text = subject, let scope {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            let wanted = scope == .usage ? 2 : 1
            if parts.count != wanted || parts.contains(where: \.isEmpty) {
                reader.error(
                    "bad-subject", "the waiver subject '\(text)' does not name a \(scope == .usage ? "usage" : "tool")",
                    hint: scope == .usage
                        ? "in a usage policy the subject is network-id/tool-id, e.g. csirts-network/misp"
                        : "in a tool policy the subject is a tool id, e.g. misp",
                    at: map["subject"]?.location)
                subject = nil
            }
        }
        guard let criterion, let subject, let justification, let approvedBy, let expires else { return nil }
        return Waiver(
            criterion: criterion, subject: subject, justification: justification, approvedBy: approvedBy,
            expires: expires, location: node.location)
    }

    /// A rule: a text scalar, kept with its place in the file.
    private func rule(_ key: String, in map: YAMLMapping, of what: String, required: Bool) -> RuleText? {
        guard let node = reader.field(key, in: map, of: what, required: required) else { return nil }
        guard node.scalar != nil else {
            reader.wrongType(
                node, "'\(key)' of \(what)", expected: "a rule (text)",
                hint: "quote the rule: \(key): \"tool.x and tool.y\"")
            return nil
        }
        // A plain `rule: true` is text "true" here, which is also a valid (constant) rule.
        return RuleText(scalar: node, source: source)
    }

    /// An id: lower-case letters, digits, `-`, `_` and `.`, starting with a letter or digit.
    private func identifier(_ key: String, in map: YAMLMapping, of what: String) -> String? {
        guard let text = reader.text(key, in: map, of: what, required: true) else { return nil }
        let allowed = text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        }
        guard allowed, let first = text.unicodeScalars.first, first != "-", first != "_", first != "." else {
            reader.error(
                "bad-id", "'\(text)' is not a valid id",
                hint: "use lower-case letters, digits, '-' and '_', e.g. e2ee-required",
                at: map[key]?.location)
            return nil
        }
        return text
    }

    private func count(_ key: String, in map: YAMLMapping) -> Int? {
        guard let value = reader.int(key, in: map, of: "'coverage'") else { return nil }
        guard value >= 0 else {
            reader.error("out-of-range", "'\(key)' must be 0 or more, not \(value)", at: map[key]?.location)
            return nil
        }
        return value
    }
}
