/// The checks that need every file at once: duplicate ids (within and across files) and
/// references between files (usage → tool, purpose, source; evidence → tool). Then it
/// assembles the model: sorted by id, evidence merged into tools.
///
/// Every check goes through a dictionary of ids, so the whole pass is linear in the size
/// of the inventory.
struct InventoryValidator {
    /// A decoded value with the id it was defined under and where.
    struct Located<Value> {
        var value: Value
        var id: String
        var location: SourceLocation
        /// False for a definition in a file not named after its id: when an id repeats, a
        /// definition in `tools/<id>.yaml` is kept over one in a misnamed file.
        var preferred = true
    }

    /// An id used somewhere that must be defined elsewhere.
    struct Reference {
        enum Kind { case tool, purpose, source }

        var kind: Kind
        var id: String
        var location: SourceLocation
        /// What holds the reference: "the usage of 'misp' in …".
        var context: String
    }

    /// What the decoder gathered from all files.
    struct Collected {
        var title: String?
        var asOf: CalendarDate?
        var purposes: [Located<Purpose>] = []
        var catalogue: [Located<PropertyDefinition>] = []
        var sources: [Located<Source>] = []
        var networks: [Located<Network>] = []
        var tools: [Located<Tool>] = []
        var exercises: [Located<EvidenceExercise>] = []
        var evidence: [EvidenceRecord] = []
        var references: [Reference] = []
        /// Ids whose definition was found but was invalid: references to them are not
        /// reported again, as the definition's own errors say what to fix.
        var invalidIDs: [Reference.Kind: Set<String>] = [:]
    }

    let reader: YAMLReader
    let collected: Collected

    /// The inventory when the header is usable, after reporting every cross-file problem.
    func assemble(usable: Bool) -> Inventory? {
        let purposes = unique(collected.purposes, what: "purpose")
        let catalogue = unique(collected.catalogue, what: "catalogue property")
        var sources = unique(collected.sources, what: "source")
        let networks = unique(collected.networks, what: "network")
        var tools = unique(collected.tools, what: "tool")
        let exercises = unique(collected.exercises, what: "exercise")
        for exercise in exercises {
            sources.append(
                Source(
                    id: EvidenceCatalogue.sourceID(exercise: exercise.id), title: exercise.title ?? "Exercise \(exercise.id)",
                    published: exercise.until, kind: .exercise, location: exercise.location))
        }

        let toolIDs = Set(tools.map(\.id))
        checkReferences(
            toolIDs: toolIDs, purposeIDs: Set(purposes.map(\.id)), sourceIDs: Set(sources.map(\.id)))
        mergeEvidence(into: &tools, known: toolIDs)

        guard usable, let asOf = collected.asOf else { return nil }
        let sortedNetworks = networks.map { network -> Network in
            var network = network
            // A usage of a tool that does not exist cannot be judged; it was reported.
            network.uses = network.uses.filter { toolIDs.contains($0.tool) }
            network.uses = stableSorted(network.uses) { $0.tool < $1.tool }
            return network
        }
        return Inventory(
            title: collected.title ?? "", asOf: asOf, schema: 1,
            purposes: purposes.sorted { $0.id < $1.id },
            catalogue: catalogue.sorted { $0.id < $1.id },
            sources: sources.sorted { $0.id < $1.id },
            networks: sortedNetworks.sorted { $0.id < $1.id },
            tools: tools.sorted { $0.id < $1.id })
    }

    /// The first definition of each id; later ones are reported and dropped.
    private func unique<Value>(_ items: [Located<Value>], what: String) -> [Value] {
        var first: [String: SourceLocation] = [:]
        first.reserveCapacity(items.count)
        var result: [Value] = []
        result.reserveCapacity(items.count)
        for item in items.filter(\.preferred) + items.filter({ !$0.preferred }) {
            if let original = first[item.id] {
                reader.error(
                    "duplicate-id", "the \(what) '\(item.id)' is defined more than once",
                    hint: "first defined at \(original); ids must be unique", at: item.location)
                continue
            }
            first[item.id] = item.location
            result.append(item.value)
        }
        return result
    }

    private func checkReferences(toolIDs: Set<String>, purposeIDs: Set<String>, sourceIDs: Set<String>) {
        // Sorted once, only when some reference dangles, for "did you mean". Each
        // suggestion scans every id, so only the first few hundred dangling references get
        // one: an inventory whose tools are all missing must not take quadratic time.
        var sortedIDs: [Reference.Kind: [String]] = [:]
        var suggestionsLeft = 200
        func candidates(_ kind: Reference.Kind, _ ids: Set<String>) -> [String] {
            guard suggestionsLeft > 0 else { return [] }
            suggestionsLeft -= 1
            if let cached = sortedIDs[kind] { return cached }
            let sorted = ids.sorted()
            sortedIDs[kind] = sorted
            return sorted
        }
        for reference in collected.references where collected.invalidIDs[reference.kind]?.contains(reference.id) != true {
            switch reference.kind {
            case .tool where !toolIDs.contains(reference.id):
                reader.error(
                    "unknown-tool", "'\(reference.id)' is not a tool in the inventory",
                    hint: Suggestion.hint(for: reference.id, among: candidates(.tool, toolIDs))
                        ?? "add tools/\(reference.id).yaml, or check the id", at: reference.location)
            case .purpose where !purposeIDs.contains(reference.id):
                reader.error(
                    "unknown-purpose", "'\(reference.id)' is not a purpose defined in inventory.yaml",
                    hint: Suggestion.hint(for: reference.id, among: candidates(.purpose, purposeIDs))
                        ?? "add it to purposes: in inventory.yaml, or check the id", at: reference.location)
            case .source where !sourceIDs.contains(reference.id):
                reader.error(
                    "unknown-source", "'\(reference.id)' is not a source in sources.yaml",
                    hint: Suggestion.hint(for: reference.id, among: candidates(.source, sourceIDs))
                        ?? "add it to sources.yaml with its title, url, published date and kind", at: reference.location)
            default:
                continue
            }
        }
    }

    /// Gives each tool the evidence of the exercise that tested it last (ties: the greater
    /// exercise id), as values sourced `exercise:<id>`, verified, assessed on `last_tested`.
    private func mergeEvidence(into tools: inout [Tool], known: Set<String>) {
        var best: [String: EvidenceRecord] = [:]
        for record in collected.evidence where known.contains(record.tool) {
            if let current = best[record.tool], !Self.isNewer(record, than: current) { continue }
            best[record.tool] = record
        }
        guard !best.isEmpty else { return }
        for index in tools.indices {
            guard let record = best[tools[index].id] else { continue }
            var evidence: [String: SourcedValue] = [:]
            for (key, entry) in record.values {
                evidence[key] = SourcedValue(
                    entry.value, source: EvidenceCatalogue.sourceID(exercise: record.exercise), confidence: .verified,
                    assessed: record.lastTested, location: entry.location)
            }
            tools[index].evidence = evidence
        }
    }

    static func isNewer(_ a: EvidenceRecord, than b: EvidenceRecord) -> Bool {
        switch (a.lastTested, b.lastTested) {
        case let (x?, y?) where x != y: return x > y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return a.exercise > b.exercise
        }
    }

    private func stableSorted<T>(_ items: [T], by less: (T, T) -> Bool) -> [T] {
        items.enumerated().sorted { a, b in
            less(a.element, b.element) || (!less(b.element, a.element) && a.offset < b.offset)
        }.map(\.element)
    }
}
