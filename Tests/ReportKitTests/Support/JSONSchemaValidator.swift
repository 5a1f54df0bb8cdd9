import Foundation

/// A validator for the part of JSON Schema (draft 2020-12) that docs/report.schema.json
/// uses: `type` (one or several), `properties`, `required`, `additionalProperties`
/// (false or a schema), `items`, `enum`, `const`, `pattern` (on strings), `minimum` and
/// `maximum` (on numbers), and `$ref` to `#/$defs/<name>`. Annotations (`title`,
/// `description`, `$schema`, `$id`) are ignored; `unsupportedKeywords()` lists any other
/// keyword, so the schema cannot grow past what is checked without a test noticing.
struct JSONSchemaValidator {
    static let supported: Set<String> = [
        "type", "properties", "required", "additionalProperties", "items", "enum", "const", "pattern", "minimum",
        "maximum", "$ref", "$defs", "title", "description", "$schema", "$id",
    ]

    let root: JSONDocument

    init(schema: JSONDocument) {
        root = schema
    }

    /// Keywords the schema uses that this validator does not know, with their paths.
    func unsupportedKeywords() -> [String] {
        var found: [String] = []
        func walk(_ schema: JSONDocument, _ path: String) {
            guard case .object(let members) = schema else { return }
            for (key, value) in members {
                if !Self.supported.contains(key) { found.append("\(path)/\(key)") }
                switch key {
                case "properties", "$defs":
                    if case .object(let named) = value {
                        for (name, sub) in named { walk(sub, "\(path)/\(key)/\(name)") }
                    }
                case "items", "additionalProperties": walk(value, "\(path)/\(key)")
                default: break
                }
            }
        }
        walk(root, "#")
        return found.sorted()
    }

    /// Every violation, as `path: message`; empty when `document` is valid.
    func validate(_ document: JSONDocument) -> [String] {
        var errors: [String] = []
        check(document, against: root, at: "$", errors: &errors)
        return errors
    }

    private func resolve(_ reference: String) -> JSONDocument? {
        guard reference.hasPrefix("#/$defs/") else { return nil }
        return root["$defs"]?[String(reference.dropFirst("#/$defs/".count))]
    }

    /// The JSON Schema type of a value; a number without fraction or exponent is an
    /// integer (it is also a number).
    private static func type(of value: JSONDocument) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "boolean"
        case .number(let text):
            return text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? "number" : "integer"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    private func check(_ value: JSONDocument, against schema: JSONDocument, at path: String, errors: inout [String]) {
        if let reference = schema["$ref"]?.string {
            guard let target = resolve(reference) else {
                errors.append("\(path): unresolvable $ref \(reference)")
                return
            }
            check(value, against: target, at: path, errors: &errors)
        }
        let actual = Self.type(of: value)
        if let type = schema["type"] {
            let allowed = type.array?.compactMap(\.string) ?? [type.string ?? ""]
            guard allowed.contains(actual) || (actual == "integer" && allowed.contains("number")) else {
                errors.append("\(path): \(actual) where \(allowed.joined(separator: " or ")) is expected")
                return
            }
        }
        if let options = schema["enum"]?.array, !options.contains(value) {
            errors.append("\(path): \(value.text) is not one of the allowed values")
        }
        if let constant = schema["const"], constant != value {
            errors.append("\(path): \(value.text) is not \(constant.text)")
        }
        if case .string(let text) = value, let pattern = schema["pattern"]?.string,
            text.range(of: pattern, options: .regularExpression) == nil
        {
            errors.append("\(path): '\(text)' does not match \(pattern)")
        }
        if case .number(let text) = value, let number = Double(text) {
            if let minimum = schema["minimum"].flatMap({ Double($0.text) }), number < minimum {
                errors.append("\(path): \(text) is below \(minimum)")
            }
            if let maximum = schema["maximum"].flatMap({ Double($0.text) }), number > maximum {
                errors.append("\(path): \(text) is above \(maximum)")
            }
        }
        if case .object(let members) = value {
            for required in schema["required"]?.array ?? [] {
                if let name = required.string, value[name] == nil {
                    errors.append("\(path): missing required key '\(name)'")
                }
            }
            for (key, member) in members {
                if let sub = schema["properties"]?[key] {
                    check(member, against: sub, at: "\(path).\(key)", errors: &errors)
                } else if let additional = schema["additionalProperties"] {
                    if case .bool(false) = additional {
                        errors.append("\(path): unexpected key '\(key)'")
                    } else if case .object = additional {
                        check(member, against: additional, at: "\(path).\(key)", errors: &errors)
                    }
                }
            }
        }
        if case .array(let items) = value, let itemSchema = schema["items"] {
            for (index, item) in items.enumerated() {
                check(item, against: itemSchema, at: "\(path)[\(index)]", errors: &errors)
            }
        }
    }
}
