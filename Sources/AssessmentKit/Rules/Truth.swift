/// A truth value of Kleene's strong three-valued logic.
///
/// A rule reads values that may be missing or not trusted enough; instead of guessing,
/// those make a comparison `unknown`, and `and`/`or`/`not` carry the doubt only as far as
/// it matters: `false and unknown` is false, `true or unknown` is true.
public enum Truth: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    case `true`
    case `false`
    case unknown

    public init(_ value: Bool) { self = value ? .true : .false }

    /// The Bool when known.
    public var known: Bool? {
        switch self {
        case .true: return true
        case .false: return false
        case .unknown: return nil
        }
    }

    public var description: String { rawValue }

    public static prefix func ! (value: Truth) -> Truth {
        switch value {
        case .true: return .false
        case .false: return .true
        case .unknown: return .unknown
        }
    }

    public static func && (a: Truth, b: Truth) -> Truth {
        if a == .false || b == .false { return .false }
        if a == .true && b == .true { return .true }
        return .unknown
    }

    public static func || (a: Truth, b: Truth) -> Truth {
        if a == .true || b == .true { return .true }
        if a == .false && b == .false { return .false }
        return .unknown
    }
}
