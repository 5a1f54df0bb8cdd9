/// One problem found in an input, with a stable code so tools and tests can match it.
///
/// Diagnostics are data: loaders and validators collect every one and return them sorted
/// by location; they never stop at the first.
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning

        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var severity: Severity
    /// A stable, dotted code such as `inventory.unknown-key`.
    public var code: String
    public var message: String
    /// What to do about it, when there is something useful to say.
    public var hint: String?
    public var location: SourceLocation?

    public init(
        _ severity: Severity, code: String, _ message: String, hint: String? = nil,
        at location: SourceLocation?
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.hint = hint
        self.location = location
    }

    /// `file:line:column: error: message [code]`.
    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return "\(prefix)\(severity.rawValue): \(message) [\(code)]"
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        switch (a.location, b.location) {
        case let (l?, r?) where l != r: return l < r
        case (nil, _?): return true
        case (_?, nil): return false
        default: return (a.severity, a.code, a.message) < (b.severity, b.code, b.message)
        }
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
}
