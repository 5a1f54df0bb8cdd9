import InventoryKit

/// A scenario whose `drop_when` is compiled and type-checked against an inventory's
/// catalogue (tool scope, as a tool policy's rules).
public struct PreparedScenario: Sendable {
    public let scenario: Scenario
    public let dropWhen: CompiledRule?

    public var id: String { scenario.id }

    /// Compiles `drop_when` and checks the `without` ids. Tool ids the inventory does not
    /// have are warnings (`scenario.unknown-tool`): a scenario file may outlive a tool.
    /// Returns the prepared scenario when there is no error, and every diagnostic.
    public static func prepare(_ scenario: Scenario, for inventory: Inventory) -> (PreparedScenario?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var rule: CompiledRule?
        var failed = false
        if let text = scenario.dropWhen {
            do {
                rule = try CompiledRule.compile(text.text, schema: RuleSchema(scope: .tool, inventory: inventory))
            } catch {
                diagnostics.append(text.diagnostic(for: error, context: "in drop_when of scenario '\(scenario.id)'"))
                failed = true
            }
        }
        let known = inventory.tools.map(\.id)
        for tool in scenario.without where inventory.tool(tool) == nil {
            diagnostics.append(
                Diagnostic(
                    .warning, code: ScenarioDiagnosticCode.unknownTool,
                    "scenario '\(scenario.id)' drops the tool '\(tool)', which is not in the inventory",
                    hint: Suggestion.hint(for: tool, among: known),
                    at: scenario.toolLocations[tool] ?? scenario.location
                ))
        }
        guard !failed else { return (nil, diagnostics.sorted()) }
        return (PreparedScenario(scenario: scenario, dropWhen: rule), diagnostics.sorted())
    }

    /// The tools of `inventory` the scenario drops, by id, and any warnings from
    /// evaluating `drop_when` (markings of two scales). Linear in the tools.
    public func dropped(from inventory: Inventory, asOf: CalendarDate) -> (
        tools: [DroppedTool], diagnostics: [Diagnostic]
    ) {
        let listed = Set(scenario.without)
        var dropped: [DroppedTool] = []
        var diagnostics: [Diagnostic] = []
        for tool in inventory.tools.sorted(by: { $0.id < $1.id }) {
            if listed.contains(tool.id) {
                dropped.append(DroppedTool(tool: tool.id, reason: .listed))
                continue
            }
            guard let dropWhen else { continue }
            let evaluation = dropWhen.evaluate(in: RuleContext(tool: tool, asOf: asOf))
            for warning in evaluation.warnings {
                diagnostics.append(
                    Diagnostic(
                        .warning, code: PolicyDiagnosticCode.crossScale,
                        "drop_when of scenario '\(scenario.id)', for \(tool.id): \(warning)",
                        hint: "compare markings of one scale, e.g. TLP with TLP, EU with EU",
                        at: scenario.dropWhen?.location))
            }
            switch evaluation.truth {
            case .true: dropped.append(DroppedTool(tool: tool.id, reason: .rule, facts: evaluation.facts))
            case .unknown: dropped.append(DroppedTool(tool: tool.id, reason: .unknown, facts: evaluation.facts))
            case .false: break
            }
        }
        return (dropped, diagnostics)
    }
}

/// The stable codes of scenario diagnostics (besides the YAML layer's `yaml.*`, the shape
/// codes `scenario.unknown-key`, `scenario.missing-key`, `scenario.wrong-type` of
/// `YAMLReader`, and the rule codes of `RuleError.Code` for `drop_when`).
public enum ScenarioDiagnosticCode {
    /// A scenario file could not be read.
    public static let unreadable = "scenario.unreadable"
    /// An id that is not lower-case letters, digits, `-`, `_` and `.`.
    public static let badID = "scenario.bad-id"
    /// A scenario that drops nothing: neither `without` nor `drop_when`.
    public static let nothingDropped = "scenario.nothing-dropped"
    /// A `without` id that is not a tool of the inventory (a warning in a file; an error
    /// for `--without` on the command line, which the command reports).
    public static let unknownTool = "scenario.unknown-tool"
    /// `--scenario` names neither a named scenario nor a file.
    public static let unknownScenario = "scenario.unknown-scenario"
}
