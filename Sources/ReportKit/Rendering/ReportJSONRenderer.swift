import AssessmentKit
import InventoryKit

/// The report as JSON: sorted keys at every level, two-space indents, a top-level
/// `schema` version, and every optional field present (null when absent), as
/// docs/report.schema.json describes.
///
/// Subjects, which make up nearly all of a large report, are one line each, as the
/// results of `assess --format json` are: pretty-printed at their depth they made the
/// report of 10,000 tools 442 MB, most of it indentation, and writing it cost more than
/// assessing (BENCHMARKS.md). They are formatted in parallel batches and emitted in
/// order, so memory holds one batch of text at a time and the bytes are those of a
/// sequential run.
enum ReportJSONRenderer {
    static func render(_ report: Report, emit: (String) -> Void) {
        // The top level is written by hand so that subjects can stream; its keys are in
        // sorted order as everywhere else, and each value is a sorted JSONValue.
        var head: [UInt8] = Array("{".utf8)
        func member(_ key: String, _ value: JSONValue, to out: inout [UInt8], first: Bool = false) {
            out += (first ? "\n  " : ",\n  ").utf8
            JSONValue.writeString(key, to: &out)
            out += ": ".utf8
            value.write(to: &out, indent: 1)
        }
        member("as_of", .string(report.asOf.description), to: &head, first: true)
        member("coverage", coverage(report.coverage), to: &head)
        member("diagnostics", .array(report.diagnostics.map(diagnostic)), to: &head)
        member("gaps", .array(report.gaps.map(gap)), to: &head)
        member("inventory", inventory(report), to: &head)
        member("policies", .array(report.policies.map(policy)), to: &head)
        member("scenarios", .array(report.scenarios.map(scenario)), to: &head)
        member("schema", .string(Report.schemaVersion), to: &head)
        member("sources", .array(report.sources.map(source)), to: &head)
        head += ",\n  \"subjects\": [".utf8
        emit(String(decoding: head, as: UTF8.self))

        let subjects = report.subjects
        JSONValue.emitLines(subjects, batch: 2048, minimumSlice: 64, emit: emit) { subject, out in
            CompactJSONWriter.write(into: &out) { write(subject, to: &$0) }
        }

        var tail: [UInt8] = Array((subjects.isEmpty ? "]" : "\n  ]").utf8)
        member("title", .string(report.title), to: &tail)
        member("tool_scores", .array(report.toolScores.map(toolScores)), to: &tail)
        member("verdicts", verdicts(report.verdictCounts), to: &tail)
        tail += "\n}\n".utf8
        emit(String(decoding: tail, as: UTF8.self))
    }

    private static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    private static func optional(_ date: CalendarDate?) -> JSONValue { optional(date?.description) }

    private static func diagnostic(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("code", .string(diagnostic.code)), ("hint", optional(diagnostic.hint)),
            ("location", optional(diagnostic.location?.description)), ("message", .string(diagnostic.message)),
            ("severity", .string(diagnostic.severity.rawValue)),
        ])
    }

    private static func verdicts(_ counts: VerdictCounts) -> JSONValue {
        .object([
            ("fails", .number(counts.fails)), ("incomplete", .number(counts.incomplete)),
            ("meets", .number(counts.meets)), ("subjects", .number(counts.total)),
        ])
    }

    // MARK: Inventory

    private static func inventory(_ report: Report) -> JSONValue {
        let summary = report.inventory
        let counts = summary.counts
        return .object([
            ("as_of", .string(report.inventoryAsOf.description)),
            (
                "counts",
                .object([
                    ("members", .number(counts.members)), ("networks", .number(counts.networks)),
                    ("properties", .number(counts.properties)), ("purposes", .number(counts.purposes)),
                    ("sources", .number(counts.sources)), ("tools", .number(counts.tools)),
                    ("usages", .number(counts.usages)), ("values_known", .number(counts.valuesKnown)),
                    ("values_known_share", .percentage(counts.knownShare)),
                    ("values_possible", .number(counts.valuesPossible)),
                    ("values_verified", .number(counts.valuesVerified)),
                ])
            ),
            (
                "networks",
                .array(
                    summary.networks.map { row in
                        .object([
                            ("id", .string(row.id)), ("kind", .string(row.kind)),
                            ("legal_basis", optional(row.legalBasis)), ("members", .number(row.members)),
                            ("name", .string(row.name)), ("purposes", .number(row.purposes)),
                            ("source", optional(row.source)), ("usages", .number(row.usages)),
                        ])
                    })
            ),
            (
                "purposes",
                .array(summary.purposes.map { .object([("id", .string($0.id)), ("title", .string($0.title))]) })
            ),
            (
                "tools",
                .array(
                    summary.tools.map { row in
                        .object([
                            ("category", .string(row.category)), ("id", .string(row.id)),
                            ("name", .string(row.name)), ("networks", .number(row.networks)),
                            ("operator", optional(row.operator)),
                            ("properties_known", .number(row.propertiesKnown)),
                            ("properties_known_share", .percentage(row.knownShare)),
                            ("properties_verified", .number(row.propertiesVerified)), ("url", optional(row.url)),
                        ])
                    })
            ),
        ])
    }

    private static func source(_ source: SourceEntry) -> JSONValue {
        .object([
            ("id", .string(source.id)), ("kind", .string(source.kind)), ("published", optional(source.published)),
            ("title", .string(source.title)), ("url", optional(source.url)),
        ])
    }

    // MARK: Coverage

    private static func strings(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }

    private static func optional(_ number: Int?) -> JSONValue { number.map { JSONValue.number($0) } ?? .null }

    private static func statusCounts(_ counts: [CoverageSection.StatusCount]) -> JSONValue {
        .object(counts.map { ($0.status, .number($0.cells)) })
    }

    private static func coverage(_ coverage: CoverageSection) -> JSONValue {
        .object([
            ("cells", .array(coverage.cells.map(cell))),
            (
                "networks",
                .array(
                    coverage.networks.map {
                        .object([("id", .string($0.id)), ("kind", .string($0.kind)), ("name", .string($0.name))])
                    })
            ),
            ("pairs", .array(coverage.pairs.map(pair))),
            (
                "policies",
                .array(
                    coverage.policies.map {
                        .object([
                            ("id", .string($0.id)), ("min_operators", .number($0.minOperators)),
                            ("min_tools", .number($0.minTools)), ("stated", .bool($0.stated)),
                            ("title", .string($0.title)),
                        ])
                    })
            ),
            (
                "purposes",
                .array(coverage.purposes.map { .object([("id", .string($0.id)), ("title", .string($0.title))]) })
            ),
            ("status_counts", statusCounts(coverage.statusCounts)),
        ])
    }

    private static func cell(_ cell: CoverageCellReport) -> JSONValue {
        .object([
            ("best_case", optional(cell.bestCase)),
            ("meeting_operators", strings(cell.meetingOperators)),
            ("meeting_tools", strings(cell.meetingTools)),
            ("min_operators", optional(cell.minOperators)),
            ("min_tools", optional(cell.minTools)),
            ("network", .string(cell.network)),
            ("policies", strings(cell.policies)),
            ("possible_tools", strings(cell.possibleTools)),
            ("purpose", .string(cell.purpose)),
            ("status", .string(cell.status)),
            ("usages", .array(cell.usages.map(usage))),
            ("worst_case", optional(cell.worstCase)),
        ])
    }

    private static func usage(_ usage: CoverageUsageReport) -> JSONValue {
        .object([
            (
                "onboarded",
                .object([
                    ("basis", .string(usage.onboardedBasis)), ("listed", .number(usage.listedMembers)),
                    ("members", optional(usage.onboardedMembers)),
                    ("share", usage.onboardedShare.map(JSONValue.percentage) ?? .null),
                ])
            ),
            ("operator", optional(usage.operator)),
            ("removed", .bool(usage.removed)),
            ("role", .string(usage.role)),
            ("tool", .string(usage.tool)),
            ("tool_name", .string(usage.toolName)),
            ("verdict", optional(usage.verdict?.rawValue)),
            ("verdicts", .array(usage.verdicts.map(CoverageRenderer.json))),
        ])
    }

    private static func pair(_ pair: PairReport) -> JSONValue {
        .object([
            ("first", .string(pair.first)), ("possible_tools", strings(pair.possibleTools)),
            ("purpose", .string(pair.purpose)), ("second", .string(pair.second)), ("state", .string(pair.state)),
            ("tools", strings(pair.tools)),
        ])
    }

    private static func gap(_ gap: GapEntry) -> JSONValue {
        .object([
            ("best_case", optional(gap.bestCase)), ("kind", .string(gap.kind.rawValue)),
            ("meeting_tools", strings(gap.meetingTools)), ("network", .string(gap.network)),
            ("possible_tools", strings(gap.possibleTools)), ("purpose", .string(gap.purpose)),
            ("status", .string(gap.status)), ("used_tools", strings(gap.usedTools)),
            ("worst_case", optional(gap.worstCase)),
        ])
    }

    private static func scenario(_ scenario: ScenarioReport) -> JSONValue {
        .object([
            (
                "breaks",
                .array(
                    scenario.breaks.map {
                        .object([
                            ("after", .string($0.after)), ("before", .string($0.before)),
                            ("dropped_tools", strings($0.droppedTools)), ("network", .string($0.network)),
                            ("purpose", .string($0.purpose)),
                        ])
                    })
            ),
            ("description", optional(scenario.description)),
            ("drop_when", optional(scenario.dropWhen)),
            ("dropped_by_reason", .object(scenario.droppedByReason.map { ($0.reason, .number($0.tools)) })),
            ("dropped_in_use", strings(scenario.droppedInUse)),
            (
                "dropped",
                .array(
                    scenario.dropped.map {
                        .object([
                            ("facts", .array($0.facts.map(fact))), ("in_use", .bool($0.inUse)),
                            ("name", .string($0.name)), ("reason", .string($0.reason)), ("tool", .string($0.tool)),
                        ])
                    })
            ),
            ("id", .string(scenario.id)),
            (
                "lost_pairs",
                .array(
                    scenario.lostPairs.map {
                        .object([
                            ("after", .string($0.after)), ("before", .string($0.before)), ("first", .string($0.first)),
                            ("purpose", .string($0.purpose)), ("second", .string($0.second)),
                        ])
                    })
            ),
            ("status_counts", statusCounts(scenario.statusCounts)),
            ("title", .string(scenario.title)),
        ])
    }

    // MARK: Assessment

    private static func policy(_ policy: PolicyReport) -> JSONValue {
        .object([
            ("applies_when", optional(policy.appliesWhen)),
            (
                "coverage",
                policy.coverage.map {
                    .object([("min_operators", .number($0.minOperators)), ("min_tools", .number($0.minTools))])
                } ?? .null
            ),
            ("criteria", .array(policy.criteria.map(criterion))),
            ("id", .string(policy.id)),
            ("location", optional(policy.location?.description)),
            ("pass_score", .number(policy.passScore)),
            ("scope", .string(policy.scope.rawValue)),
            ("title", .string(policy.title)),
            ("verdicts", verdicts(policy.verdicts)),
        ])
    }

    private static func criterion(_ criterion: CriterionDefinition) -> JSONValue {
        .object([
            ("applies_when", optional(criterion.appliesWhen)), ("id", .string(criterion.id)),
            ("mandatory", .bool(criterion.mandatory)),
            ("min_confidence", optional(criterion.minConfidence?.rawValue)),
            ("rationale", optional(criterion.rationale)), ("rule", .string(criterion.rule)),
            ("source", optional(criterion.source)), ("title", .string(criterion.title)),
            ("weight", .number(criterion.weight)),
        ])
    }

    // MARK: Subjects, written straight into bytes (CompactJSONWriter), keys in sorted order

    static func write(_ subject: SubjectReport, to json: inout CompactJSONWriter) {
        json.object { json in
            json.key("applicability")
            json.string(subject.applicability.rawValue)
            json.key("applicability_facts")
            json.array(subject.applicabilityFacts) { write($1, to: &$0) }
            json.key("best_case_score")
            json.percentage(subject.bestCaseScore)
            json.key("completeness")
            json.percentage(subject.completeness)
            json.key("criteria")
            json.array(subject.criteria) { write($1, to: &$0) }
            json.key("mandatory_met")
            json.object { json in
                json.key("best_case")
                json.bool(subject.mandatoryMetInBestCase)
                json.key("worst_case")
                json.bool(subject.mandatoryMetInWorstCase)
            }
            json.key("network")
            json.string(subject.network)
            json.key("policy")
            json.string(subject.policy)
            json.key("score")
            json.percentage(subject.score)
            json.key("score_without_waivers")
            json.percentage(subject.scoreWithoutWaivers)
            json.key("subject")
            json.string(subject.subject)
            json.key("tool")
            json.string(subject.tool)
            json.key("tool_name")
            json.string(subject.toolName)
            json.key("verdict")
            json.string(subject.verdict.rawValue)
            json.key("weights")
            let weights = subject.weights
            json.object { json in
                json.key("applicable")
                json.number(weights.applicable)
                json.key("failed")
                json.number(weights.failed)
                json.key("known")
                json.number(weights.known)
                json.key("passed")
                json.number(weights.passed)
                json.key("unknown")
                json.number(weights.unknown)
                json.key("waived")
                json.number(weights.waived)
            }
        }
    }

    private static func write(_ criterion: CriterionOutcome, to json: inout CompactJSONWriter) {
        json.object { json in
            json.key("facts")
            json.array(criterion.facts) { write($1, to: &$0) }
            json.key("id")
            json.string(criterion.criterion)
            json.key("mandatory")
            json.bool(criterion.mandatory)
            json.key("outcome")
            json.string(criterion.outcome.rawValue)
            json.key("title")
            json.string(criterion.title)
            json.key("underlying")
            json.string(criterion.underlying.rawValue)
            json.key("waiver")
            if let waiver = criterion.waiver {
                json.object { json in
                    json.key("approved_by")
                    json.string(waiver.approvedBy)
                    json.key("expires")
                    json.string(waiver.expires.description)
                    json.key("justification")
                    json.string(waiver.justification)
                }
            } else {
                json.null()
            }
            json.key("warnings")
            json.array(criterion.warnings) { $0.string($1) }
            json.key("weight")
            json.number(criterion.weight)
        }
    }

    /// The same members as `fact(_:) -> JSONValue`, which the scenarios' trees use; a test
    /// checks that the two give the same bytes.
    static func write(_ fact: FactEntry, to json: inout CompactJSONWriter) {
        json.object { json in
            json.key("assessed")
            json.string(fact.assessed?.description)
            json.key("confidence")
            json.string(fact.confidence?.rawValue)
            json.key("location")
            json.string(fact.location?.description)
            json.key("path")
            json.string(fact.path)
            json.key("source")
            json.string(fact.source)
            json.key("source_url")
            json.string(fact.sourceURL)
            json.key("status")
            json.string(fact.status.rawValue)
            json.key("value")
            if let value = fact.value { json.value(AssessmentRenderer.json(value)) } else { json.null() }
            json.key("value_text")
            json.string(fact.valueText)
        }
    }

    static func fact(_ fact: FactEntry) -> JSONValue {
        .object([
            ("assessed", optional(fact.assessed)),
            ("confidence", optional(fact.confidence?.rawValue)),
            ("location", optional(fact.location?.description)),
            ("path", .string(fact.path)),
            ("source", optional(fact.source)),
            ("source_url", optional(fact.sourceURL)),
            ("status", .string(fact.status.rawValue)),
            ("value", fact.value.map(AssessmentRenderer.json) ?? .null),
            ("value_text", .string(fact.valueText)),
        ])
    }

    private static func toolScores(_ tool: ToolScores) -> JSONValue {
        .object([
            ("name", .string(tool.name)),
            (
                "scores",
                .array(
                    tool.scores.map { entry in
                        .object([
                            ("best_case_score", .percentage(entry.bestCaseScore)),
                            ("network", optional(entry.network)), ("policy", .string(entry.policy)),
                            ("score", .percentage(entry.score)), ("subject", .string(entry.subject)),
                            ("verdict", .string(entry.verdict.rawValue)),
                        ])
                    })
            ),
            ("tool", .string(tool.tool)),
        ])
    }
}
