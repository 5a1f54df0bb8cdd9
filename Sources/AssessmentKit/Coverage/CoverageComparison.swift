/// One network × purpose whose status differs between two coverage matrices.
public struct CoverageChange: Sendable, Hashable {
    public var network: String
    public var purpose: String
    /// Nil when the network did not use any tool for the purpose before.
    public var before: CoverageStatus?
    /// Nil when the network no longer uses any tool for the purpose.
    public var after: CoverageStatus?

    public init(network: String, purpose: String, before: CoverageStatus?, after: CoverageStatus?) {
        self.network = network
        self.purpose = purpose
        self.before = before
        self.after = after
    }

    /// `network/purpose`.
    public var id: String { "\(network)/\(purpose)" }

    /// The change lowers either bound of the status, or the cell is gone: something broke.
    public var isWorse: Bool {
        guard let before else { return false }
        guard let after else { return true }
        return after.isWorse(than: before)
    }
}

/// A pair of networks whose link for a purpose changed strength.
public struct InteroperabilityChange: Sendable, Hashable {
    public var purpose: String
    public var first: String
    public var second: String
    public var before: InteroperabilityPair.State
    public var after: InteroperabilityPair.State
    /// The shared meeting tools (or, for a possible link, the possible ones) before and
    /// after.
    public var beforeTools: [String]
    public var afterTools: [String]

    public init(
        purpose: String, first: String, second: String, before: InteroperabilityPair.State,
        after: InteroperabilityPair.State, beforeTools: [String], afterTools: [String]
    ) {
        self.purpose = purpose
        self.first = first
        self.second = second
        self.before = before
        self.after = after
        self.beforeTools = beforeTools
        self.afterTools = afterTools
    }

    /// The link got weaker: lost, or only possible now.
    public var isLoss: Bool { after < before }
}

/// What differs between two coverage matrices: the baseline and a scenario, or two
/// revisions of an inventory.
public struct CoverageComparison: Sendable, Hashable {
    /// Cells whose status differs, appeared or disappeared, by network then purpose.
    public var cells: [CoverageChange]
    /// Pairs whose state differs, by purpose then networks.
    public var pairs: [InteroperabilityChange]

    public init(cells: [CoverageChange] = [], pairs: [InteroperabilityChange] = []) {
        self.cells = cells
        self.pairs = pairs
    }

    public var isEmpty: Bool { cells.isEmpty && pairs.isEmpty }

    /// Compares cell by cell and pair by pair, through dictionaries (linear).
    public static func compare(before: CoverageMatrix, after: CoverageMatrix) -> CoverageComparison {
        var cells: [CoverageChange] = []
        for cell in before.cells {
            let now = after.cell(network: cell.network, purpose: cell.purpose)?.status
            if now != cell.status {
                cells.append(
                    CoverageChange(network: cell.network, purpose: cell.purpose, before: cell.status, after: now))
            }
        }
        for cell in after.cells where before.cell(network: cell.network, purpose: cell.purpose) == nil {
            cells.append(CoverageChange(network: cell.network, purpose: cell.purpose, before: nil, after: cell.status))
        }
        cells.sort { ($0.network, $0.purpose) < ($1.network, $1.purpose) }

        func linkTools(_ pair: InteroperabilityPair?) -> [String] {
            guard let pair else { return [] }
            return pair.tools.isEmpty ? pair.possibleTools : pair.tools
        }
        var afterPairs: [String: InteroperabilityPair] = [:]
        for pair in after.pairs { afterPairs[pair.id] = pair }
        var beforeIDs = Set<String>()
        var pairs: [InteroperabilityChange] = []
        for pair in before.pairs {
            beforeIDs.insert(pair.id)
            let now = afterPairs[pair.id]
            let state = now?.state ?? .none
            if state != pair.state {
                pairs.append(
                    InteroperabilityChange(
                        purpose: pair.purpose, first: pair.first, second: pair.second, before: pair.state, after: state,
                        beforeTools: linkTools(pair), afterTools: linkTools(now)))
            }
        }
        for pair in after.pairs where !beforeIDs.contains(pair.id) && pair.state != .none {
            pairs.append(
                InteroperabilityChange(
                    purpose: pair.purpose, first: pair.first, second: pair.second, before: .none, after: pair.state,
                    beforeTools: [], afterTools: linkTools(pair)))
        }
        pairs.sort { ($0.purpose, $0.first, $0.second) < ($1.purpose, $1.first, $1.second) }
        return CoverageComparison(cells: cells, pairs: pairs)
    }
}
