import InventoryKit

/// How many of a network's members are onboarded on a usage, and what share of the
/// members the network lists that is.
public struct Onboarding: Sendable, Hashable {
    /// How the usage states it (`onboarded:` in the network file).
    public enum Basis: String, Sendable, Hashable, CaseIterable, Codable {
        /// `onboarded: all`: every member.
        case all
        /// `onboarded: 12`.
        case count
        /// `onboarded: [cert-eu, cert-fr]`.
        case list
        /// No `onboarded:`: not known.
        case unknown
    }

    public var basis: Basis
    /// Members onboarded; nil when unknown (no `onboarded:`, or `all` in a network that
    /// lists no members).
    public var members: Int?
    /// The members the network lists.
    public var listed: Int
    /// `members / listed` (100 for `all`); nil when either is unknown or no member is
    /// listed. A count above the listed members gives more than 100: the member list is
    /// then incomplete, and the figure says so rather than hiding it.
    public var share: Percentage?
    /// The onboarded member ids, for `basis == .list`.
    public var memberIDs: [String]

    public init(_ onboarded: Onboarded?, listed: Int) {
        self.listed = listed
        memberIDs = []
        switch onboarded {
        case .all?:
            basis = .all
            members = listed > 0 ? listed : nil
            share = Percentage(100)
        case .count(let n)?:
            basis = .count
            members = n
            share = listed > 0 ? Percentage(part: Double(n), of: Double(listed)) : nil
        case .members(let ids)?:
            basis = .list
            memberIDs = ids
            members = ids.count
            share = listed > 0 ? Percentage(part: Double(ids.count), of: Double(listed)) : nil
        case nil:
            basis = .unknown
            members = nil
            share = nil
        }
    }

    /// `all (30 of 30, 100.0%)`, `12 of 30 (40.0%)`, `2 listed of 30 (6.7%)`, `unknown`.
    public var summary: String {
        let of = listed > 0 ? " of \(listed)" : ""
        let percent = share.map { ", \($0)%" } ?? ""
        switch basis {
        case .all: return members.map { "all (\($0)\(of)\(percent))" } ?? "all (no members listed)"
        case .count, .list:
            let count = members.map(String.init) ?? "?"
            let noun = basis == .list ? " listed" : ""
            return "\(count)\(noun)\(of)" + (share.map { " (\($0)%)" } ?? "")
        case .unknown: return "unknown"
        }
    }
}
