/// Every stable diagnostic code the inventory loader emits, with its meaning.
///
/// The YAML layer's codes (`yaml.*`) are in `YAMLDiagnosticCode`; the ones here are about
/// what the YAML says. `docs/inventory-format.md` has a table of both with examples, and a
/// test keeps one invalid fixture per code.
public enum InventoryDiagnosticCode {
    /// A file exists but cannot be read.
    public static let unreadable = "inventory.unreadable"
    /// `inventory.yaml` is missing.
    public static let missingFile = "inventory.missing-file"
    /// A file the loader skips, such as `tools/x.yml` (warning).
    public static let ignoredFile = "inventory.ignored-file"
    /// A key the file kind does not define.
    public static let unknownKey = "inventory.unknown-key"
    /// A required key is absent or empty.
    public static let missingKey = "inventory.missing-key"
    /// A value of the wrong YAML shape (a list for text, `yes` for a boolean, …).
    public static let wrongType = "inventory.wrong-type"
    /// A date that is not a valid `YYYY-MM-DD` day.
    public static let badDate = "inventory.bad-date"
    /// A value outside a fixed set (network kind, usage role, source kind, enum property).
    public static let badEnumValue = "inventory.bad-enum-value"
    /// An id with characters other than lower-case letters, digits, `-`, `_` and `.`
    /// (property ids: lower-case letters, digits and `_`).
    public static let badID = "inventory.bad-id"
    /// `schema:` other than 1.
    public static let unsupportedSchema = "inventory.unsupported-schema"
    /// An id defined twice (in one file or across files).
    public static let duplicateID = "inventory.duplicate-id"
    /// A network, tool or evidence file whose name is not its id.
    public static let idMismatch = "inventory.id-mismatch"
    /// A usage or evidence entry naming a tool that does not exist.
    public static let unknownTool = "inventory.unknown-tool"
    /// A usage naming a purpose that is not in `inventory.yaml`.
    public static let unknownPurpose = "inventory.unknown-purpose"
    /// `onboarded:` naming someone who is not a member of the network.
    public static let unknownMember = "inventory.unknown-member"
    /// A `source:` that is not in `sources.yaml`.
    public static let unknownSource = "inventory.unknown-source"
    /// A tool property that is not in the catalogue.
    public static let unknownProperty = "inventory.unknown-property"
    /// A property value whose type is not the catalogued one.
    public static let propertyType = "inventory.property-type"
    /// A value that is not a marking on any known scale (`TLP:PURPLE`).
    public static let badMarking = "inventory.bad-marking"
    /// A marking on the wrong scale (`highest_tlp: EU:RESTRICTED`).
    public static let wrongScale = "inventory.wrong-scale"
    /// A `confidence:` other than verified, secondary, claimed, unverified.
    public static let unknownConfidence = "inventory.unknown-confidence"
    /// A catalogue entry with an unknown type, an enum without values, a list without `of`.
    public static let badCatalogueEntry = "inventory.bad-catalogue-entry"
    /// A number outside its range (a negative count, a delivery rate above 1).
    public static let outOfRange = "inventory.out-of-range"
    /// A value or usage that cites no source and is not marked unverified (warning).
    public static let unsourced = "inventory.unsourced"
    /// A date later than the inventory's `as_of` (warning).
    public static let afterAsOf = "inventory.after-as-of"

    /// Every code with a one-line meaning, in the order of the documentation table.
    public static let all: [(code: String, meaning: String)] = [
        (YAMLDiagnosticCode.tooLarge, "the file is larger than 8 MiB and was not read"),
        (YAMLDiagnosticCode.encoding, "the file is not UTF-8 text (binary data, control characters)"),
        (YAMLDiagnosticCode.empty, "the file holds no YAML document"),
        (YAMLDiagnosticCode.syntax, "libyaml cannot parse the text"),
        (YAMLDiagnosticCode.alias, "a YAML anchor or alias"),
        (YAMLDiagnosticCode.tooDeep, "nesting deeper than 64 levels"),
        (YAMLDiagnosticCode.duplicateKey, "a key written twice in one mapping"),
        (YAMLDiagnosticCode.keyType, "a list or mapping used as a mapping key"),
        (unreadable, "a file exists but cannot be read"),
        (missingFile, "inventory.yaml is missing"),
        (ignoredFile, "a file that is skipped, such as tools/x.yml (warning)"),
        (unknownKey, "a key the file kind does not define"),
        (missingKey, "a required key is absent or empty"),
        (wrongType, "a value of the wrong shape or scalar type"),
        (badDate, "not a valid YYYY-MM-DD day"),
        (badEnumValue, "a value outside a fixed set"),
        (badID, "an id with characters outside the allowed set"),
        (unsupportedSchema, "schema: is not 1"),
        (duplicateID, "an id defined twice"),
        (idMismatch, "a file whose name is not its id"),
        (unknownTool, "a usage or evidence entry names a tool that does not exist"),
        (unknownPurpose, "a usage names a purpose not in inventory.yaml"),
        (unknownMember, "onboarded: names someone who is not a member"),
        (unknownSource, "a source: that is not in sources.yaml"),
        (unknownProperty, "a tool property that is not in the catalogue"),
        (propertyType, "a property value of the wrong type for the catalogue"),
        (badMarking, "not a marking on any known scale"),
        (wrongScale, "a marking on the wrong scale"),
        (unknownConfidence, "an unknown confidence level"),
        (badCatalogueEntry, "a catalogue entry that cannot be used"),
        (outOfRange, "a number outside its range"),
        (unsourced, "a value or usage without a source (warning)"),
        (afterAsOf, "a date later than the inventory's as_of (warning)"),
    ]
}
