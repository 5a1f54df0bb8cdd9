import Foundation

/// Turns the parsed files of one inventory into model values, checking each file's shape
/// (keys, types, enums, markings, catalogue types) as it goes. Checks that need every
/// file (duplicate ids, references) are left to `InventoryValidator`, which gets what
/// this decoder collected.
///
/// A class because the decoding steps share one diagnostic collection and one list of
/// references; one instance serves one load.
final class InventoryDecoder {
    let limits: YAMLLimits
    /// Told (files done, files in all) as loading goes, for progress displays.
    let progress: ((Int, Int) -> Void)?
    let reader = YAMLReader(codePrefix: "inventory")
    var collected = InventoryValidator.Collected()

    /// The catalogue as read so far (first definition of an id wins).
    private(set) var catalogue: [String: PropertyDefinition] = [:]
    /// Catalogue ids whose entry was unusable: tools setting them are not blamed again.
    private(set) var brokenProperties: Set<String> = []
    private(set) var asOf: CalendarDate?

    init(limits: YAMLLimits, progress: ((Int, Int) -> Void)? = nil) {
        self.limits = limits
        self.progress = progress
    }

    func markBroken(_ id: String) { brokenProperties.insert(id) }

    func defineProperty(_ definition: PropertyDefinition) {
        if catalogue[definition.id] == nil { catalogue[definition.id] = definition }
    }

    // MARK: Files

    func load(_ files: [InventoryFile]) -> InventoryLoadResult {
        // Without a readable inventory.yaml of schema 1 there is no catalogue and no
        // purposes to check the other files against: stop rather than bury the one real
        // problem under a consequence in every file.
        guard let header = files.first(where: { $0.relativePath == "inventory.yaml" }) else {
            reader.error(
                "missing-file", "there is no inventory.yaml in this directory",
                hint: "an inventory directory holds inventory.yaml (title, as_of, schema, purposes, properties)",
                at: nil)
            return InventoryLoadResult(inventory: nil, diagnostics: reader.diagnostics)
        }
        guard let root = record(Self.parse(header, limits: limits)), let headerUsable = decodeHeader(root) else {
            return InventoryLoadResult(inventory: nil, diagnostics: reader.diagnostics.sorted())
        }
        let others = files.filter { $0.relativePath != "inventory.yaml" }
        var start = 0
        while start < others.count {
            let batch = Array(others[start..<min(start + Self.batchSize, others.count)])
            for (file, result) in zip(batch, Self.parseConcurrently(batch, limits: limits)) {
                decode(file, result)
            }
            start += batch.count
            progress?(start + 1, files.count)
        }
        let validator = InventoryValidator(reader: reader, collected: collected)
        let inventory = validator.assemble(usable: headerUsable)
        return InventoryLoadResult(inventory: inventory, diagnostics: reader.diagnostics.sorted())
    }

    /// Decodes one file other than inventory.yaml, by where it sits.
    private func decode(_ file: InventoryFile, _ result: YAMLParseResult?) {
        let parts = file.relativePath.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2, case .notYAML = file.contents {
            reader.warning(
                "ignored-file", "\(file.displayPath) is not loaded: only *.yaml files are",
                hint: file.relativePath.hasSuffix(".yml") ? "rename it to end in .yaml" : nil,
                at: SourceLocation(file: file.displayPath, line: 1, column: 1))
            return
        }
        guard let root = record(result) else { return }
        let baseName = String((parts.last ?? "").dropLast(".yaml".count))
        switch (parts.count, parts.first) {
        case (1, "sources.yaml"): decodeSources(root)
        case (2, "networks"): decodeNetwork(root, fileID: baseName)
        case (2, "tools"): decodeTool(root, fileID: baseName)
        case (2, "evidence"): decodeEvidence(root, fileID: baseName)
        default: return
        }
    }

    /// Files parsed at once; big enough to keep both cores busy, small enough that only a
    /// few hundred trees are in memory at a time.
    static let batchSize = 256

    /// Parses files in parallel (parsing is pure and dominates loading time); results
    /// come back in the order of `files`.
    static func parseConcurrently(_ files: [InventoryFile], limits: YAMLLimits) -> [YAMLParseResult?] {
        var results = [YAMLParseResult?](repeating: nil, count: files.count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own slot.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: files.count) { index in
                slots[index] = parse(files[index], limits: limits)
            }
        }
        return results
    }

    /// A file's parse result; nil for files that are not read (`.notYAML`).
    static func parse(_ file: InventoryFile, limits: YAMLLimits) -> YAMLParseResult? {
        switch file.contents {
        case .bytes(let data):
            return YAMLDocument.parse(data, file: file.displayPath, limits: limits)
        case .tooLarge(let size):
            return YAMLParseResult(
                root: nil, diagnostics: [YAMLDocument.tooLarge(file: file.displayPath, size: size, limits: limits)])
        case .unreadable(let why):
            return YAMLParseResult(
                root: nil,
                diagnostics: [
                    Diagnostic(
                        .error, code: InventoryDiagnosticCode.unreadable, "cannot read \(file.displayPath): \(why)",
                        at: SourceLocation(file: file.displayPath, line: 1, column: 1))
                ])
        case .notYAML:
            return nil
        }
    }

    /// Keeps a parse result's diagnostics and returns its root.
    private func record(_ result: YAMLParseResult?) -> YAMLNode? {
        guard let result else { return nil }
        reader.append(result.diagnostics)
        return result.root
    }

    // MARK: Ids

    /// Network, tool, member, purpose, source and exercise ids: lower-case words joined by
    /// `-`, `_` or `.`, so they read well in `network/tool` subjects and file names.
    static func isValidID(_ id: String) -> Bool {
        guard let first = id.utf8.first, isLowerOrDigit(first) else { return false }
        return id.utf8.allSatisfy {
            isLowerOrDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
        }
    }

    /// Property ids are read in rules as `tool.<id>`, so they must be identifiers.
    static func isValidPropertyID(_ id: String) -> Bool {
        guard let first = id.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        return id.utf8.allSatisfy { isLowerOrDigit($0) || $0 == UInt8(ascii: "_") }
    }

    private static func isLowerOrDigit(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }

    /// The `id:` of an entity with its location, checked for form.
    func id(in mapping: YAMLMapping, of what: String, property: Bool = false) -> (String, SourceLocation)? {
        guard let node = reader.field("id", in: mapping, of: what, required: true),
            let id = reader.text(node, "'id' of \(what)")
        else { return nil }
        let valid = property ? Self.isValidPropertyID(id) : Self.isValidID(id)
        if !valid {
            reader.error(
                "bad-id", "'\(id)' is not a valid id for \(what)",
                hint: property
                    ? "property ids are read in rules as tool.<id>: use lower-case letters, digits and _ (e.g. end_to_end_encryption)"
                    : "use lower-case letters, digits, -, _ and . (e.g. cert-eu)",
                at: node.location)
        }
        return (id, node.location)
    }

    /// Reports a file whose name is not the id it holds.
    @discardableResult
    func checkFileName(_ fileID: String, id: String, at location: SourceLocation, folder: String) -> Bool {
        guard fileID != id else { return true }
        reader.error(
            "id-mismatch", "the id '\(id)' does not match the file name \(folder)/\(fileID).yaml",
            hint: "rename the file to \(folder)/\(id).yaml, or change the id to '\(fileID)'", at: location)
        return false
    }

    /// A `source:` value, remembered for the reference check.
    func sourceReference(in mapping: YAMLMapping, of what: String) -> String? {
        guard let node = reader.field("source", in: mapping, of: what),
            let source = reader.text(node, "'source' of \(what)")
        else { return nil }
        collected.references.append(.init(kind: .source, id: source, location: node.location, context: what))
        return source
    }

    /// A `confidence:` value; an unknown level gets its own code.
    func confidence(in mapping: YAMLMapping, of what: String) -> Confidence? {
        guard let node = reader.field("confidence", in: mapping, of: what),
            let text = reader.text(node, "'confidence' of \(what)")
        else { return nil }
        if let confidence = Confidence(rawValue: text) { return confidence }
        let levels = Confidence.allCases.map(\.rawValue)
        reader.error(
            "unknown-confidence", "'\(text)' is not a confidence level",
            hint: Suggestion.hint(for: text, among: levels) ?? "use one of: \(levels.joined(separator: ", "))",
            at: node.location)
        return nil
    }

    /// A date that should not lie after the inventory's `as_of`.
    func checkNotAfterAsOf(_ date: CalendarDate, at location: SourceLocation, what: String) {
        guard let asOf, date > asOf else { return }
        reader.warning(
            "after-as-of", "\(what) \(date) is after the inventory's as_of date \(asOf)",
            hint: "check the date, or move as_of in inventory.yaml forward", at: location)
    }

    /// A date field checked against `as_of`.
    func date(_ key: String, in mapping: YAMLMapping, of what: String, required: Bool = false) -> CalendarDate? {
        guard let node = reader.field(key, in: mapping, of: what, required: required),
            let date = reader.date(node, "'\(key)' of \(what)")
        else { return nil }
        checkNotAfterAsOf(date, at: node.location, what: "'\(key)'")
        return date
    }

    // MARK: inventory.yaml

    /// Reads the header and the catalogue. Nil when the other files cannot be checked
    /// (not a mapping, or a schema other than 1); false when they can but no inventory
    /// can be built (no valid `as_of` or `schema`).
    private func decodeHeader(_ root: YAMLNode) -> Bool? {
        let what = "inventory.yaml"
        guard let mapping = reader.mapping(root, what) else { return nil }
        reader.checkKeys(mapping, allowed: ["title", "as_of", "schema", "purposes", "properties"], in: what)
        collected.title = reader.text("title", in: mapping, of: what, required: true)
        asOf = reader.date("as_of", in: mapping, of: what, required: true)
        collected.asOf = asOf
        var schemaUsable = false
        if let node = reader.field("schema", in: mapping, of: what, required: true),
            let schema = reader.int(node, "'schema' of \(what)")
        {
            if schema == 1 {
                schemaUsable = true
            } else {
                reader.error(
                    "unsupported-schema", "schema \(schema) is not supported; this version of commsmap reads schema 1",
                    hint: "write schema: 1, or use the commsmap version that wrote this inventory", at: node.location)
                return nil
            }
        }
        if let node = reader.field("purposes", in: mapping, of: what, required: true),
            let items = reader.sequence(node, "'purposes' of \(what)")
        {
            for item in items { decodePurpose(item) }
        }
        if let node = reader.field("properties", in: mapping, of: what, required: true),
            let items = reader.sequence(node, "'properties' of \(what)")
        {
            for item in items { decodePropertyDefinition(item) }
        }
        return asOf != nil && schemaUsable
    }

    private func decodePurpose(_ node: YAMLNode) {
        let what = "a purpose"
        guard let mapping = reader.mapping(node, what) else { return }
        reader.checkKeys(mapping, allowed: ["id", "title", "description"], in: what)
        let id = id(in: mapping, of: what)
        let title = reader.text("title", in: mapping, of: what, required: true)
        let description = reader.text("description", in: mapping, of: what)
        guard let (id, location) = id, let title else {
            if let (id, _) = id { collected.invalidIDs[.purpose, default: []].insert(id) }
            return
        }
        collected.purposes.append(
            .init(value: Purpose(id: id, title: title, description: description, location: mapping.location), id: id, location: location))
    }

    // MARK: sources.yaml

    private func decodeSources(_ root: YAMLNode) {
        let what = "sources.yaml"
        guard let mapping = reader.mapping(root, what) else { return }
        reader.checkKeys(mapping, allowed: ["sources"], in: what)
        guard let node = reader.field("sources", in: mapping, of: what, required: true),
            let items = reader.sequence(node, "'sources' of \(what)")
        else { return }
        for item in items {
            let what = "a source"
            guard let source = reader.mapping(item, what) else { continue }
            reader.checkKeys(source, allowed: ["id", "title", "url", "published", "kind"], in: what)
            let id = id(in: source, of: what)
            let title = reader.text("title", in: source, of: what, required: true)
            let url = reader.text("url", in: source, of: what)
            let published = date("published", in: source, of: what)
            let kind = reader.choice("kind", in: source, of: what, as: Source.Kind.self, required: true)
            guard let (id, location) = id, let title, let kind else {
                if let (id, _) = id { collected.invalidIDs[.source, default: []].insert(id) }
                continue
            }
            collected.sources.append(
                .init(
                    value: Source(id: id, title: title, url: url, published: published, kind: kind, location: source.location),
                    id: id, location: location))
        }
    }

    // MARK: networks/<id>.yaml

    private func decodeNetwork(_ root: YAMLNode, fileID: String) {
        var what = "a network"
        guard let mapping = reader.mapping(root, what) else { return }
        let id = id(in: mapping, of: what)
        var wellNamed = true
        if let (id, location) = id {
            wellNamed = checkFileName(fileID, id: id, at: location, folder: "networks")
            what = "the network '\(id)'"
        }
        reader.checkKeys(
            mapping, allowed: ["id", "name", "kind", "legal_basis", "members", "uses", "source", "note"], in: what)
        let name = reader.text("name", in: mapping, of: what, required: true)
        let kind = reader.choice("kind", in: mapping, of: what, as: Network.Kind.self, required: true)
        let legalBasis = reader.text("legal_basis", in: mapping, of: what)
        let note = reader.text("note", in: mapping, of: what)
        let source = sourceReference(in: mapping, of: what)

        var members: [Member] = []
        var memberLocations: [String: SourceLocation] = [:]
        if let node = reader.field("members", in: mapping, of: what),
            let items = reader.sequence(node, "'members' of \(what)")
        {
            for item in items {
                guard let member = decodeMember(item) else { continue }
                if let first = memberLocations[member.id] {
                    reader.error(
                        "duplicate-id", "the member '\(member.id)' is listed twice in \(what)",
                        hint: "first listed at \(first)", at: member.location)
                    continue
                }
                memberLocations[member.id] = member.location
                members.append(member)
            }
        }
        var uses: [Usage] = []
        if let node = reader.field("uses", in: mapping, of: what),
            let items = reader.sequence(node, "'uses' of \(what)")
        {
            for item in items {
                if let usage = decodeUsage(item, network: what, members: memberLocations) { uses.append(usage) }
            }
        }
        guard let (id, location) = id, let name, let kind else { return }
        members.sort { $0.id < $1.id }
        let network = Network(
            id: id, name: name, kind: kind, legalBasis: legalBasis, members: members, uses: uses, source: source,
            note: note, location: mapping.location)
        collected.networks.append(.init(value: network, id: id, location: location, preferred: wellNamed))
    }

    private func decodeMember(_ node: YAMLNode) -> Member? {
        let what = "a member"
        guard let mapping = reader.mapping(node, what) else { return nil }
        reader.checkKeys(mapping, allowed: ["id", "name", "country"], in: what)
        let id = id(in: mapping, of: what)
        let name = reader.text("name", in: mapping, of: what, required: true)
        let country = reader.text("country", in: mapping, of: what, required: true)
        guard let (id, _) = id, let name, let country else { return nil }
        return Member(id: id, name: name, country: country, location: mapping.location)
    }

    private func decodeUsage(_ node: YAMLNode, network: String, members: [String: SourceLocation]) -> Usage? {
        var what = "a usage in \(network)"
        guard let mapping = reader.mapping(node, what) else { return nil }
        reader.checkKeys(
            mapping,
            allowed: [
                "tool", "purposes", "highest_tlp", "highest_classification", "role", "onboarded", "source",
                "confidence", "note",
            ], in: what)
        var tool: String?
        if let toolNode = reader.field("tool", in: mapping, of: what, required: true),
            let id = reader.text(toolNode, "'tool' of \(what)")
        {
            tool = id
            what = "the usage of '\(id)' in \(network)"
            collected.references.append(.init(kind: .tool, id: id, location: toolNode.location, context: what))
        }
        var purposes: [String] = []
        if let purposesNode = reader.field("purposes", in: mapping, of: what, required: true),
            let items = reader.textList(purposesNode, "'purposes' of \(what)")
        {
            if items.isEmpty {
                reader.error(
                    "missing-key", "\(what) lists no purposes", hint: "name at least one purpose from inventory.yaml",
                    at: purposesNode.location)
            }
            for item in items {
                purposes.append(item.text)
                collected.references.append(.init(kind: .purpose, id: item.text, location: item.location, context: what))
            }
        }
        let highestTLP = marking(
            "highest_tlp", in: mapping, of: what, schemes: [.tlp],
            hint: "highest_tlp takes a TLP marking (TLP:CLEAR … TLP:RED); a classification goes in highest_classification")
        let highestClassification = marking(
            "highest_classification", in: mapping, of: what, schemes: [.eu, .nato],
            hint: "highest_classification takes an EU or NATO classification (e.g. EU:RESTRICTED); TLP goes in highest_tlp")
        let role = reader.choice("role", in: mapping, of: what, as: Usage.Role.self, required: true)
        let onboarded = onboarded(in: mapping, of: what, members: members)
        let source = sourceReference(in: mapping, of: what)
        let confidence = confidence(in: mapping, of: what)
        let note = reader.text("note", in: mapping, of: what)
        if source == nil, confidence != .unverified, tool != nil {
            reader.warning(
                "unsourced", "\(what) cites no source",
                hint: "add source: (an id in sources.yaml), or confidence: unverified when no public source exists",
                at: mapping.location)
        }
        guard let tool, let role else { return nil }
        return Usage(
            tool: tool, purposes: purposes, highestTLP: highestTLP, highestClassification: highestClassification,
            role: role, onboarded: onboarded, source: source, confidence: confidence, note: note,
            location: mapping.location)
    }

    /// `all`, a count, or a list of member ids of this network.
    private func onboarded(in mapping: YAMLMapping, of what: String, members: [String: SourceLocation]) -> Onboarded? {
        guard let node = reader.field("onboarded", in: mapping, of: what) else { return nil }
        let label = "'onboarded' of \(what)"
        switch node.content {
        case .scalar(let scalar):
            switch scalar.resolved {
            case .int(let count):
                guard count >= 0 else {
                    reader.error("out-of-range", "\(label) is \(count); a count cannot be negative", at: node.location)
                    return nil
                }
                return .count(count)
            case .text("all"):
                return .all
            default:
                reader.error(
                    "bad-enum-value", "\(label) is '\(scalar.text)'",
                    hint: "write all, a number of members, or a list of member ids", at: node.location)
                return nil
            }
        case .sequence:
            guard let items = reader.textList(node, label) else { return nil }
            var ids: [String] = []
            for item in items {
                if members[item.text] == nil {
                    reader.error(
                        "unknown-member", "'\(item.text)' in \(label) is not a member of the network",
                        hint: Suggestion.hint(for: item.text, among: members.keys.sorted())
                            ?? "list it under members:, or check the id", at: item.location)
                } else {
                    ids.append(item.text)
                }
            }
            return .members(ids)
        case .mapping:
            reader.wrongType(node, label, expected: "all, a number or a list of member ids")
            return nil
        }
    }

    /// A marking restricted to some scales.
    private func marking(
        _ key: String, in mapping: YAMLMapping, of what: String, schemes: Set<MarkingScheme>, hint: String
    ) -> Marking? {
        guard let node = reader.field(key, in: mapping, of: what),
            let marking = marking(node, "'\(key)' of \(what)")
        else { return nil }
        guard schemes.contains(marking.scheme) else {
            reader.error(
                "wrong-scale", "'\(key)' is \(marking), a marking of the \(marking.scheme.rawValue) scale", hint: hint,
                at: node.location)
            return nil
        }
        return marking
    }

    /// Any marking, `bad-marking` with the nearest canonical name when it is none.
    func marking(_ node: YAMLNode, _ what: String) -> Marking? {
        guard let text = reader.text(node, what) else { return nil }
        if let marking = Marking(text) { return marking }
        reader.error(
            "bad-marking", "\(what) is '\(text)', which is not a marking on the TLP, EU or NATO scale",
            hint: Self.markingHint(text) ?? "write SCHEME:LEVEL, e.g. TLP:AMBER, EU:RESTRICTED or NATO:SECRET",
            at: node.location)
        return nil
    }

    /// The marking a mistyped one most likely means: wrong case (`tlp:amber`), a missing
    /// scheme (`amber`), or a near spelling (`TLP:AMBR`).
    static func markingHint(_ text: String) -> String? {
        let upper = text.uppercased()
        if let marking = Marking(upper) { return "did you mean '\(marking)'?" }
        for scheme in MarkingScheme.allCases {
            if let marking = Marking("\(scheme.rawValue):\(upper)") { return "did you mean '\(marking)'?" }
        }
        let canonical = MarkingScheme.allCases.flatMap { scheme in scheme.levels.map { "\(scheme.rawValue):\($0)" } }
        return Suggestion.hint(for: text, among: canonical)
    }

    // MARK: tools/<id>.yaml

    private func decodeTool(_ root: YAMLNode, fileID: String) {
        var what = "a tool"
        guard let mapping = reader.mapping(root, what) else { return }
        let id = id(in: mapping, of: what)
        var wellNamed = true
        if let (id, location) = id {
            wellNamed = checkFileName(fileID, id: id, at: location, folder: "tools")
            what = "the tool '\(id)'"
        }
        reader.checkKeys(
            mapping, allowed: ["id", "name", "category", "operator", "url", "note", "properties"], in: what)
        let name = reader.text("name", in: mapping, of: what, required: true)
        let category = reader.text("category", in: mapping, of: what, required: true)
        let `operator` = reader.text("operator", in: mapping, of: what)
        let url = reader.text("url", in: mapping, of: what)
        let note = reader.text("note", in: mapping, of: what)
        var properties: [String: SourcedValue] = [:]
        if let node = reader.field("properties", in: mapping, of: what),
            let entries = reader.mapping(node, "'properties' of \(what)")
        {
            properties.reserveCapacity(entries.count)
            for entry in entries.entries {
                guard let definition = catalogue[entry.key] else {
                    if !brokenProperties.contains(entry.key) {
                        reader.error(
                            "unknown-property", "'\(entry.key)' is not a property in the catalogue",
                            hint: Suggestion.hint(for: entry.key, among: catalogue.keys.sorted())
                                ?? "add it to properties: in inventory.yaml first", at: entry.keyLocation)
                    }
                    continue
                }
                if entry.value.isNull { continue }  // written as unknown
                if let value = sourcedValue(entry.value, definition: definition, owner: what) {
                    properties[entry.key] = value
                }
            }
        }
        guard let (id, location) = id, let name, let category else {
            if let (id, _) = id { collected.invalidIDs[.tool, default: []].insert(id) }
            return
        }
        let tool = Tool(
            id: id, name: name, category: category, operator: `operator`, url: url, note: note, properties: properties,
            location: mapping.location)
        collected.tools.append(.init(value: tool, id: id, location: location, preferred: wellNamed))
    }

    /// A property value in the short (`key: value`) or long (`value:`, `source:`, …) form.
    private func sourcedValue(_ node: YAMLNode, definition: PropertyDefinition, owner: String) -> SourcedValue? {
        let what = "'\(definition.id)' of \(owner)"
        var valueNode = node
        var source: String?
        var confidence: Confidence?
        var assessed: CalendarDate?
        var note: String?
        if let mapping = node.mapping {
            reader.checkKeys(mapping, allowed: ["value", "source", "confidence", "assessed", "note"], in: what)
            guard let value = reader.field("value", in: mapping, of: what, required: true) else { return nil }
            valueNode = value
            source = sourceReference(in: mapping, of: what)
            confidence = self.confidence(in: mapping, of: what)
            assessed = date("assessed", in: mapping, of: what)
            note = reader.text("note", in: mapping, of: what)
        }
        guard let value = typedValue(valueNode, type: definition.type, what: what, property: definition.id) else {
            return nil
        }
        if source == nil, confidence != .unverified {
            reader.warning(
                "unsourced", "\(what) cites no source, so it counts as unverified",
                hint: "use the long form with source: (an id in sources.yaml) and confidence:, or write confidence: unverified",
                at: valueNode.location)
        }
        return SourcedValue(
            value, source: source, confidence: confidence ?? .unverified, assessed: assessed, note: note,
            location: valueNode.location)
    }

    /// A value checked against a catalogue type.
    func typedValue(_ node: YAMLNode, type: PropertyType, what: String, property: String) -> PropertyValue? {
        func wrong(_ expected: String, hint: String? = nil) -> PropertyValue? {
            var found = node.kindDescription
            if let scalar = node.scalar { found += " ('\(scalar.text)')" }
            reader.error(
                "property-type", "\(what) should be \(expected) (the catalogue types '\(property)' as \(type)), not \(found)",
                hint: hint, at: node.location)
            return nil
        }
        let resolved = node.scalar?.resolved
        switch type {
        case .bool:
            if case .bool(let value)? = resolved { return .bool(value) }
            let text = node.scalar?.text.lowercased()
            return wrong(
                "true or false",
                hint: text == "true" || text == "false" ? "remove the quotes: a quoted value is text" : "write true or false")
        case .int:
            if case .int(let value)? = resolved { return .int(value) }
            return wrong("a whole number")
        case .number:
            if case .int(let value)? = resolved { return .number(Double(value)) }
            if case .number(let value)? = resolved, value.isFinite { return .number(value) }
            return wrong("a number")
        case .date:
            guard let scalar = node.scalar, !node.isNull else { return wrong("a date (YYYY-MM-DD)") }
            guard let date = CalendarDate(scalar.text) else {
                reader.error(
                    "bad-date", "\(what) is not a valid date: '\(scalar.text)'",
                    hint: "write a calendar day as YYYY-MM-DD, e.g. 2026-11-01", at: node.location)
                return nil
            }
            checkNotAfterAsOf(date, at: node.location, what: what)
            return .date(date)
        case .text:
            guard let scalar = node.scalar, !node.isNull else { return wrong("text") }
            return .text(scalar.text)
        case .enumeration(let values):
            guard let scalar = node.scalar, !node.isNull else { return wrong("one of \(values.joined(separator: ", "))") }
            guard values.contains(scalar.text) else {
                reader.error(
                    "bad-enum-value", "\(what) is '\(scalar.text)', which is not one of \(values.joined(separator: ", "))",
                    hint: Suggestion.hint(for: scalar.text, among: values)
                        ?? "use one of the values the catalogue lists for '\(property)'", at: node.location)
                return nil
            }
            return .text(scalar.text)
        case .marking:
            guard node.scalar != nil, !node.isNull else { return wrong("a marking such as TLP:AMBER or EU:RESTRICTED") }
            return marking(node, what).map(PropertyValue.marking)
        case .list(let element):
            guard let items = node.sequence else {
                return wrong("a list of \(element)", hint: "write [a, b] or one `- item` per line")
            }
            var values: [PropertyValue] = []
            var failed = false
            for item in items {
                if let value = typedValue(item, type: element, what: "an item of \(what)", property: property) {
                    values.append(value)
                } else {
                    failed = true
                }
            }
            return failed ? nil : .list(values)
        }
    }
}
