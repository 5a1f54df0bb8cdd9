import InventoryKit

/// A rule that has been parsed and type-checked against a `RuleSchema`: paths are
/// resolved to accessors and every operator knows the kinds of its operands, so
/// evaluation does no look-ups by name and cannot meet a type error.
public struct CompiledRule: Sendable, Hashable {
    indirect enum Node: Sendable, Hashable {
        case constant(RuleValue)
        case read(PathAccessor, path: String)
        case not(Node)
        case and(Node, Node)
        case or(Node, Node)
        case compare(ComparisonOperator, Node, Node)
        /// A list of markings against one marking, the list on the left: holds when some
        /// element of the marking's scale satisfies the operator (for `>=`, a lowest level
        /// is covered by any list).
        case cover(ComparisonOperator, list: Node, marking: Node)
        /// `value in [items]`.
        case oneOf(Node, [Node])
        /// `list contains value`, also `value in list`.
        case contains(list: Node, value: Node)
        case within(Node, amount: Int, unit: DurationUnit)
        case exists(PathAccessor, path: String)
    }

    /// The rule as written.
    public var text: String
    var root: Node
    /// The paths the rule reads, in order of first appearance.
    public var paths: [String]

    init(text: String, root: Node) {
        self.text = text
        self.root = root
        var paths: [String] = []
        CompiledRule.collectPaths(root, into: &paths)
        self.paths = paths
    }

    /// Parses and type-checks `text` in `schema`; the rule must be a condition.
    public static func compile(_ text: String, schema: RuleSchema) throws(RuleError) -> CompiledRule {
        let expression = try RuleParser.parse(text)
        let root = try RuleTypeChecker(schema: schema).condition(expression)
        return CompiledRule(text: text, root: root)
    }

    private static func collectPaths(_ node: Node, into paths: inout [String]) {
        func add(_ path: String) { if !paths.contains(path) { paths.append(path) } }
        switch node {
        case .constant: break
        case .read(_, let path), .exists(_, let path): add(path)
        case .not(let a), .within(let a, _, _): collectPaths(a, into: &paths)
        case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b), .cover(_, let a, let b),
            .contains(let a, let b):
            collectPaths(a, into: &paths)
            collectPaths(b, into: &paths)
        case .oneOf(let a, let items):
            collectPaths(a, into: &paths)
            for item in items { collectPaths(item, into: &paths) }
        }
    }
}
