/// What loading an inventory gave: the model, and every diagnostic sorted by location.
public struct InventoryLoadResult: Sendable, Hashable {
    /// The inventory, or nil when `inventory.yaml` is missing, cannot be parsed, or has no
    /// valid `as_of` or a `schema` other than 1: without those nothing else can be judged.
    ///
    /// When there are errors but the inventory is not nil, it is a best effort for
    /// display: everything that failed validation is left out (a tool missing its name, a
    /// usage of an unknown tool, a property value of the wrong type). Never assess it;
    /// check `isValid` first.
    public var inventory: Inventory?
    /// Errors and warnings from every file, sorted by file, line and column.
    public var diagnostics: [Diagnostic]

    public init(inventory: Inventory?, diagnostics: [Diagnostic]) {
        self.inventory = inventory
        self.diagnostics = diagnostics
    }

    /// An inventory with no errors (warnings allowed).
    public var isValid: Bool { inventory != nil && !diagnostics.hasErrors }
}

/// Loads and validates an inventory directory (DESIGN.md §2): `inventory.yaml`,
/// `sources.yaml`, `networks/*.yaml`, `tools/*.yaml` and `evidence/*.yaml`.
///
/// Loading never stops at the first problem: every file is parsed and checked, and all
/// diagnostics come back together. Time is linear in the size of the inventory (ids are
/// checked through dictionaries); files are parsed in parallel batches, the rest runs in
/// file order, so the result does not depend on scheduling.
public enum InventoryLoader {
    /// Reads the directory (the only disk access) and loads it.
    /// Throws only when the directory cannot be read at all.
    ///
    /// `progress`, when given, is told (files done, files in all) every few hundred files,
    /// so a terminal can show how far a large inventory has got.
    public static func load(
        directory: String, limits: YAMLLimits = .standard, progress: ((Int, Int) -> Void)? = nil
    ) throws(InventoryLoadError) -> InventoryLoadResult {
        let files = try InventoryDirectory.read(directory, limits: limits)
        return load(files: files, limits: limits, progress: progress)
    }

    /// Loads files already read. Pure: the same files give the same result.
    ///
    /// `relativePath` says what each file is (`inventory.yaml`, `sources.yaml`,
    /// `networks/<id>.yaml`, `tools/<id>.yaml`, `evidence/<id>.yaml`); files are taken in
    /// sorted order of that path whatever order they come in.
    public static func load(
        files: [InventoryFile], limits: YAMLLimits = .standard, progress: ((Int, Int) -> Void)? = nil
    ) -> InventoryLoadResult {
        let decoder = InventoryDecoder(limits: limits, progress: progress)
        return decoder.load(files.sorted { $0.relativePath < $1.relativePath })
    }
}
