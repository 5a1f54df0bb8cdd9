extension InventoryDecoder {
    /// The type names a catalogue entry may use.
    static let typeNames = ["bool", "int", "number", "date", "text", "enum", "marking", "list"]

    /// Property ids that would clash with other paths in rules (`tool.evidence.<key>`).
    static let reservedPropertyIDs: Set<String> = ["evidence"]

    /// One entry of `properties:` in inventory.yaml.
    func decodePropertyDefinition(_ node: YAMLNode) {
        var what = "a catalogue property"
        guard let mapping = reader.mapping(node, what) else { return }
        reader.checkKeys(mapping, allowed: ["id", "type", "of", "values", "description"], in: what)
        let id = id(in: mapping, of: what, property: true)
        if let (id, location) = id {
            what = "the catalogue property '\(id)'"
            if Self.reservedPropertyIDs.contains(id) {
                reader.error(
                    "bad-catalogue-entry", "'\(id)' is reserved: rules read exercise evidence as tool.\(id).<key>",
                    hint: "choose another id", at: location)
                markBroken(id)
                return
            }
        }
        let description = reader.text("description", in: mapping, of: what, required: true)
        let type = propertyType(in: mapping, of: what)
        guard let (id, location) = id else { return }
        guard let type, let description else {
            if type == nil { markBroken(id) }
            return
        }
        let definition = PropertyDefinition(id: id, type: type, description: description, location: mapping.location)
        collected.catalogue.append(.init(value: definition, id: id, location: location))
        defineProperty(definition)
    }

    /// `type:` with `values:` for an enum and `of:` for a list.
    private func propertyType(in mapping: YAMLMapping, of what: String) -> PropertyType? {
        guard let typeNode = reader.field("type", in: mapping, of: what, required: true),
            let typeName = reader.text(typeNode, "'type' of \(what)")
        else { return nil }
        let valuesEntry = mapping.entry("values")
        let ofEntry = mapping.entry("of")
        func bad(_ message: String, hint: String? = nil, at location: SourceLocation) -> PropertyType? {
            reader.error("bad-catalogue-entry", message, hint: hint, at: location)
            return nil
        }
        switch typeName {
        case "list":
            if let valuesEntry, ofEntry.flatMap({ $0.value.scalar?.text }) != "enum" {
                return bad(
                    "'values' of \(what) only applies to an enum, or a list of enum", at: valuesEntry.keyLocation)
            }
            guard let ofEntry else {
                return bad(
                    "\(what) is a list but does not say what of", hint: "add `of:` with the element type, e.g. of: marking",
                    at: typeNode.location)
            }
            guard let elementName = reader.text(ofEntry.value, "'of' of \(what)") else { return nil }
            if elementName == "list" {
                return bad("\(what) is a list of lists, which is not supported", at: ofEntry.value.location)
            }
            guard let element = baseType(elementName, values: valuesEntry, what: what, at: ofEntry.value.location) else {
                return nil
            }
            return .list(element)
        default:
            if let ofEntry {
                return bad("'of' of \(what) only applies to type: list", at: ofEntry.keyLocation)
            }
            if let valuesEntry, typeName != "enum" {
                return bad("'values' of \(what) only applies to type: enum", at: valuesEntry.keyLocation)
            }
            return baseType(typeName, values: valuesEntry, what: what, at: typeNode.location)
        }
    }

    /// A non-list type; enums read their values.
    private func baseType(_ name: String, values: YAMLMapping.Entry?, what: String, at location: SourceLocation)
        -> PropertyType?
    {
        switch name {
        case "bool": return .bool
        case "int": return .int
        case "number": return .number
        case "date": return .date
        case "text": return .text
        case "marking": return .marking
        case "enum":
            guard let values else {
                reader.error(
                    "bad-catalogue-entry", "\(what) is an enum without values",
                    hint: "add `values: [a, b, …]` with the allowed values", at: location)
                return nil
            }
            guard let items = reader.textList(values.value, "'values' of \(what)") else { return nil }
            guard !items.isEmpty else {
                reader.error(
                    "bad-catalogue-entry", "\(what) is an enum with an empty list of values",
                    hint: "list the allowed values", at: values.value.location)
                return nil
            }
            var seen: Set<String> = []
            for item in items where !seen.insert(item.text).inserted {
                reader.error(
                    "bad-catalogue-entry", "the value '\(item.text)' is listed twice in \(what)", at: item.location)
            }
            return .enumeration(items.map(\.text))
        default:
            reader.error(
                "bad-catalogue-entry", "'\(name)' is not a property type",
                hint: Suggestion.hint(for: name, among: Self.typeNames)
                    ?? "use one of: \(Self.typeNames.joined(separator: ", "))", at: location)
            return nil
        }
    }
}
