/// How well a value is established, from strongest to weakest.
///
/// A policy criterion's `min_confidence` turns values below it into *unknown*.
public enum Confidence: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    /// Confirmed from a primary source (official document, source code, certificate).
    case verified
    /// Reported by a reliable secondary source.
    case secondary
    /// Stated by the vendor or operator, not independently confirmed.
    case claimed
    /// Not confirmed by any public source.
    case unverified

    /// `verified` is the greatest.
    public static func < (a: Confidence, b: Confidence) -> Bool { a.strength < b.strength }

    private var strength: Int {
        switch self {
        case .unverified: return 0
        case .claimed: return 1
        case .secondary: return 2
        case .verified: return 3
        }
    }
}
