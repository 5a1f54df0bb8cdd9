/// Writing YAML scalar values so that every YAML parser reads back the same string.
///
/// Cards (and the rosters that embed them) are written by hand-rolled code rather than a
/// YAML emitter so that their bytes are fixed by the spec. A value is written plain when
/// it cannot be mistaken for anything but a string, otherwise double-quoted.
enum YAMLText {
    /// Words YAML 1.1 or 1.2 resolves to booleans or null when unquoted.
    private static let reservedWords: Set<String> = ["y", "yes", "n", "no", "true", "false", "on", "off", "null"]

    /// Characters allowed in a plain value after its first character (an ASCII letter).
    private static let plainCharacters = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ._()/&'+,-=".unicodeScalars)

    /// `value` as a YAML scalar: plain when it starts with an ASCII letter, uses only
    /// letters, digits, space and `._()/&'+,-=`, does not end in a space and is not a
    /// boolean or null word; double-quoted otherwise.
    static func scalar(_ value: String) -> String {
        isPlainSafe(value) ? value : doubleQuoted(value)
    }

    static func isPlainSafe(_ value: String) -> Bool {
        let scalars = value.unicodeScalars
        guard let first = scalars.first, let last = scalars.last,
            ("a"..."z").contains(first) || ("A"..."Z").contains(first), last != " "
        else { return false }
        guard !reservedWords.contains(value.lowercased()) else { return false }
        return scalars.allSatisfy { plainCharacters.contains($0) }
    }

    /// A double-quoted scalar; backslash, quote and anything that is not printable are
    /// escaped.
    static func doubleQuoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            case _ where scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value):
                let digits = String(scalar.value, radix: 16, uppercase: true)
                out += "\\x" + (digits.count < 2 ? "0" : "") + digits
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
