import Foundation

/// A marking scale. Markings are ordered within a scale; comparing across scales is an error.
public enum MarkingScheme: String, Sendable, Hashable, CaseIterable, Codable {
    /// FIRST Traffic Light Protocol 2.0.
    case tlp = "TLP"
    /// EU classified information, Council Decision 2013/488/EU.
    case eu = "EU"
    /// NATO security classifications.
    case nato = "NATO"

    /// The canonical level names, lowest first.
    public var levels: [String] {
        switch self {
        case .tlp: return ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"]
        case .eu: return ["UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL", "SECRET", "TOP-SECRET"]
        case .nato: return ["UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL", "SECRET", "COSMIC-TOP-SECRET"]
        }
    }
}

/// One level on a marking scale, such as `TLP:AMBER` or `EU:RESTRICTED`.
public struct Marking: Sendable, Hashable, CustomStringConvertible {
    public let scheme: MarkingScheme
    /// 0 for the lowest level of the scale.
    public let rank: Int

    public init?(scheme: MarkingScheme, rank: Int) {
        guard scheme.levels.indices.contains(rank) else { return nil }
        self.scheme = scheme
        self.rank = rank
    }

    /// The canonical spelling, `SCHEME:LEVEL`.
    public var description: String { "\(scheme.rawValue):\(scheme.levels[rank])" }

    /// The level name without the scheme, e.g. `AMBER+STRICT`.
    public var level: String { scheme.levels[rank] }

    /// Parses the canonical form (`TLP:AMBER`, `EU:RESTRICTED`, `NATO:SECRET`), TLP 1.0's
    /// `TLP:WHITE` as `TLP:CLEAR`, and the official EU and NATO names (`RESTREINT UE/EU
    /// RESTRICTED`, `EU RESTRICTED`, `NATO SECRET`, `COSMIC TOP SECRET`). Case-sensitive for the
    /// canonical form, as TLP 2.0 prescribes upper case.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let colon = trimmed.firstIndex(of: ":") {
            let schemeText = String(trimmed[..<colon])
            let levelText = String(trimmed[trimmed.index(after: colon)...])
            if let scheme = MarkingScheme(rawValue: schemeText) {
                if let rank = scheme.levels.firstIndex(of: levelText) {
                    self.scheme = scheme
                    self.rank = rank
                    return
                }
                if scheme == .tlp, levelText == "WHITE" {
                    self.scheme = .tlp
                    self.rank = 0
                    return
                }
            }
        }
        guard let alias = Marking.aliases[trimmed.uppercased()] else { return nil }
        self = alias
    }

    /// Whether `self` and `other` are on the same scale, so that they can be ordered.
    public func isComparable(with other: Marking) -> Bool { scheme == other.scheme }

    /// `self >= other` on one scale; nil when the scales differ.
    public func isAtLeast(_ other: Marking) -> Bool? {
        isComparable(with: other) ? rank >= other.rank : nil
    }

    /// Official names from Decision 2013/488/EU Art. 2 and NATO usage, upper-cased.
    static let aliases: [String: Marking] = {
        var table: [String: Marking] = [:]
        func add(_ scheme: MarkingScheme, _ rank: Int, _ names: [String]) {
            guard let marking = Marking(scheme: scheme, rank: rank) else { return }
            for name in names { table[name] = marking }
        }
        add(.eu, 0, ["EU UNCLASSIFIED"])
        add(.eu, 1, ["RESTREINT UE/EU RESTRICTED", "RESTREINT UE", "EU RESTRICTED", "RUE"])
        add(.eu, 2, ["CONFIDENTIEL UE/EU CONFIDENTIAL", "CONFIDENTIEL UE", "EU CONFIDENTIAL", "CUE"])
        add(.eu, 3, ["SECRET UE/EU SECRET", "SECRET UE", "EU SECRET", "SUE"])
        add(.eu, 4, ["TRES SECRET UE/EU TOP SECRET", "TRÈS SECRET UE/EU TOP SECRET", "TRES SECRET UE", "TRÈS SECRET UE", "EU TOP SECRET", "TSUE"])
        add(.nato, 0, ["NATO UNCLASSIFIED", "NU"])
        add(.nato, 1, ["NATO RESTRICTED", "NR"])
        add(.nato, 2, ["NATO CONFIDENTIAL", "NC"])
        add(.nato, 3, ["NATO SECRET", "NS"])
        add(.nato, 4, ["COSMIC TOP SECRET", "NATO COSMIC TOP SECRET", "CTS"])
        return table
    }()
}
