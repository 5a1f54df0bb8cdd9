/// A team's id: lowercase `[a-z0-9][a-z0-9-]*`, 1 to 64 characters (`cert-eu`).
///
/// Ids appear in file names, in the `from:`/`to:` headers of exercise messages and in
/// rosters sorted by id, so they are restricted to characters that need no quoting anywhere
/// and compare the same in every locale.
public struct TeamID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public static let maximumLength = 64

    public let rawValue: String

    /// Checks `text` against the id rule.
    public init(_ text: String) throws {
        guard Self.isValid(text) else { throw TeamKeyError.invalidTeamID(text) }
        rawValue = text
    }

    public static func isValid(_ text: String) -> Bool {
        IDRule.matches(text, maximumLength: maximumLength, punctuation: [UInt8(ascii: "-")])
    }

    public var description: String { rawValue }

    public static func < (lhs: TeamID, rhs: TeamID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The network a team belongs to: an inventory network id (`csirts-network`), so that
/// exercise evidence can be matched to the inventory. Inventory ids also allow `.` and `_`.
public struct NetworkID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public static let maximumLength = 64

    public let rawValue: String

    public init(_ text: String) throws {
        guard Self.isValid(text) else { throw TeamKeyError.invalidNetworkID(text) }
        rawValue = text
    }

    public static func isValid(_ text: String) -> Bool {
        IDRule.matches(
            text, maximumLength: maximumLength,
            punctuation: [UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_")])
    }

    public var description: String { rawValue }

    public static func < (lhs: NetworkID, rhs: NetworkID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// `[a-z0-9][a-z0-9<punctuation>]*` over ASCII bytes.
enum IDRule {
    static func matches(_ text: String, maximumLength: Int, punctuation: Set<UInt8>) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= maximumLength, isLowerAlphanumeric(first) else { return false }
        return bytes.allSatisfy { isLowerAlphanumeric($0) || punctuation.contains($0) }
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}

/// A team's display name (`CERT-EU`): one line of 1 to 128 characters, no control
/// characters, no line or paragraph separators, no leading or trailing white space.
///
/// The name is written into a `# name:` comment line of the identity and a YAML value of
/// the card, so anything that could end a line or hide text on a terminal is refused.
public enum TeamName {
    public static let maximumLength = 128

    /// Returns `text` if it is a valid name, or throws `invalidName` saying why.
    public static func validated(_ text: String) throws -> String {
        guard !text.isEmpty else { throw TeamKeyError.invalidName("the name is empty") }
        guard text.count <= maximumLength else {
            throw TeamKeyError.invalidName("the name is longer than \(maximumLength) characters")
        }
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator, .format:
                throw TeamKeyError.invalidName(
                    "the name contains the control or invisible character U+\(hex(scalar.value))")
            default: break
            }
        }
        if let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            first.properties.isWhitespace || last.properties.isWhitespace
        {
            throw TeamKeyError.invalidName("the name starts or ends with white space")
        }
        return text
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
