/// What one evidence file says about one tool, before the newest file per tool is chosen.
struct EvidenceRecord: Sendable {
    var exercise: String
    var tool: String
    var toolLocation: SourceLocation
    var lastTested: CalendarDate?
    /// Evidence key → value with its location.
    var values: [String: (value: PropertyValue, location: SourceLocation)]
}

/// An exercise named by an evidence file, cited as the source `exercise:<id>`.
struct EvidenceExercise: Sendable {
    var id: String
    var title: String?
    var until: CalendarDate?
    var location: SourceLocation
}

extension InventoryDecoder {
    /// `evidence/<exercise>.yaml`, as `commsmap exercise report --evidence-out` writes it.
    func decodeEvidence(_ root: YAMLNode, fileID: String) {
        var what = "an evidence file"
        guard let mapping = reader.mapping(root, what) else { return }
        reader.checkKeys(mapping, allowed: ["exercise", "title", "from", "until", "control", "tools"], in: what)
        var exercise: (id: String, location: SourceLocation)?
        if let node = reader.field("exercise", in: mapping, of: what, required: true),
            let id = reader.text(node, "'exercise' of \(what)")
        {
            if !Self.isValidID(id) {
                reader.error(
                    "bad-id", "'\(id)' is not a valid exercise id",
                    hint: "use lower-case letters, digits, -, _ and . (e.g. blue-olex-2026)", at: node.location)
            }
            checkFileName(fileID, id: id, at: node.location, folder: "evidence")
            exercise = (id, node.location)
            what = "the evidence of exercise '\(id)'"
        }
        let title = reader.text("title", in: mapping, of: what)
        let from = date("from", in: mapping, of: what, required: true)
        let until = date("until", in: mapping, of: what, required: true)
        _ = reader.text("control", in: mapping, of: what)
        if let from, let until, until < from, let entry = mapping.entry("until") {
            reader.error(
                "out-of-range", "the exercise ends (\(until)) before it starts (\(from))", at: entry.value.location)
        }
        var records: [EvidenceRecord] = []
        var seenTools: [String: SourceLocation] = [:]
        if let node = reader.field("tools", in: mapping, of: what, required: true),
            let items = reader.sequence(node, "'tools' of \(what)")
        {
            for item in items {
                guard let record = evidenceRecord(item, exercise: exercise?.id ?? fileID, owner: what) else { continue }
                if let first = seenTools[record.tool] {
                    reader.error(
                        "duplicate-id", "the tool '\(record.tool)' appears twice in \(what)",
                        hint: "first at \(first); give one entry per channel", at: record.toolLocation)
                    continue
                }
                seenTools[record.tool] = record.toolLocation
                records.append(record)
            }
        }
        guard let exercise else { return }
        collected.exercises.append(
            .init(
                value: EvidenceExercise(id: exercise.id, title: title, until: until, location: exercise.location),
                id: exercise.id, location: exercise.location))
        collected.evidence.append(contentsOf: records)
    }

    private func evidenceRecord(_ node: YAMLNode, exercise: String, owner: String) -> EvidenceRecord? {
        var what = "an entry of \(owner)"
        guard let mapping = reader.mapping(node, what) else { return nil }
        reader.checkKeys(mapping, allowed: ["tool"] + EvidenceCatalogue.definitions.map(\.id), in: what)
        guard let toolNode = reader.field("tool", in: mapping, of: what, required: true),
            let tool = reader.text(toolNode, "'tool' of \(what)")
        else { return nil }
        what = "the evidence for '\(tool)' in \(owner)"
        collected.references.append(.init(kind: .tool, id: tool, location: toolNode.location, context: what))
        var values: [String: (value: PropertyValue, location: SourceLocation)] = [:]
        for definition in EvidenceCatalogue.definitions {
            guard let valueNode = reader.field(definition.id, in: mapping, of: what),
                let value = typedValue(valueNode, type: definition.type, what: "'\(definition.id)' of \(what)", property: definition.id)
            else { continue }
            if let problem = Self.rangeProblem(definition.id, value) {
                reader.error("out-of-range", "'\(definition.id)' of \(what) \(problem)", at: valueNode.location)
                continue
            }
            values[definition.id] = (value, valueNode.location)
        }
        if case .int(let sent)? = values["sent"]?.value, case .int(let delivered)? = values["delivered"]?.value,
            delivered > sent, let location = values["delivered"]?.location
        {
            reader.error(
                "out-of-range", "\(what) counts \(delivered) delivered of \(sent) sent", hint: "delivered cannot exceed sent",
                at: location)
            values["delivered"] = nil
        }
        var lastTested: CalendarDate?
        if case .date(let date)? = values["last_tested"]?.value { lastTested = date }
        return EvidenceRecord(
            exercise: exercise, tool: tool, toolLocation: toolNode.location, lastTested: lastTested, values: values)
    }

    /// Why an evidence value is impossible, or nil.
    private static func rangeProblem(_ key: String, _ value: PropertyValue) -> String? {
        switch (key, value) {
        case ("sent", .int(let n)), ("delivered", .int(let n)):
            return n < 0 ? "is \(n); a count cannot be negative" : nil
        case ("delivery_rate", .number(let rate)):
            return (0...1).contains(rate) ? nil : "is \(rate); a rate lies between 0 and 1"
        case ("median_latency_minutes", .number(let minutes)), ("p95_latency_minutes", .number(let minutes)):
            return minutes < 0 ? "is \(minutes); a latency cannot be negative" : nil
        default:
            return nil
        }
    }
}
