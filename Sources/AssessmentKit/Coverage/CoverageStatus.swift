/// How well a network's purpose is served once every usage's standing is settled, from
/// worst to best (docs/coverage.md).
public enum CoverageLevel: String, Sendable, Hashable, CaseIterable, Codable, Comparable, CustomStringConvertible {
    /// No usage meets the policy.
    case gap
    /// Exactly one usage meets the policy, and the coverage targets ask for more.
    case singlePoint = "single-point"
    /// More than one usage meets the policy, but fewer tools or operators than the
    /// coverage targets ask for (for example two tools of one operator when
    /// `min_operators` is 2).
    case belowTarget = "below-target"
    /// The meeting usages reach the targets `min_tools` and `min_operators`.
    case covered

    public var description: String { rawValue }

    public static func < (a: CoverageLevel, b: CoverageLevel) -> Bool { a.rank < b.rank }

    private var rank: Int {
        switch self {
        case .gap: return 0
        case .singlePoint: return 1
        case .belowTarget: return 2
        case .covered: return 3
        }
    }

    /// The level reached by `tools` distinct meeting tools run by `operators` distinct
    /// operators, against `target`.
    ///
    /// Reaching the targets wins over the count: with `min_tools: 1` one meeting usage is
    /// `covered`, because the policy says one is enough.
    static func reached(tools: Int, operators: Int, target: CoverageTarget) -> CoverageLevel {
        if tools >= target.minTools && operators >= target.minOperators { return .covered }
        switch tools {
        case 0: return .gap
        case 1: return .singlePoint
        default: return .belowTarget
        }
    }
}

/// The coverage status of one network × purpose: a settled level, an interval when it
/// depends on unknown values, or no policy to judge by.
public enum CoverageStatus: Sendable, Hashable, CustomStringConvertible {
    /// No usage-scope policy applies to any usage serving the purpose: nothing says what
    /// "covered" means, so no level is given (the usages are still listed).
    case noPolicy
    /// The worst case (unknowns fail) and the best case (unknowns pass) agree.
    case settled(CoverageLevel)
    /// The worst and best cases differ: the status depends on unknown values.
    case incomplete(worst: CoverageLevel, best: CoverageLevel)

    /// The status from the worst-case and best-case levels.
    init(worst: CoverageLevel, best: CoverageLevel) {
        self = worst == best ? .settled(worst) : .incomplete(worst: worst, best: best)
    }

    /// `covered`, `single-point`, `below-target`, `gap`, `incomplete` or `no-policy`: the
    /// status word every output uses.
    public var label: String {
        switch self {
        case .noPolicy: return "no-policy"
        case .settled(let level): return level.rawValue
        case .incomplete: return "incomplete"
        }
    }

    /// The level if every unknown fails; nil without a policy.
    public var worst: CoverageLevel? {
        switch self {
        case .noPolicy: return nil
        case .settled(let level): return level
        case .incomplete(let worst, _): return worst
        }
    }

    /// The level if every unknown passes; nil without a policy.
    public var best: CoverageLevel? {
        switch self {
        case .noPolicy: return nil
        case .settled(let level): return level
        case .incomplete(_, let best): return best
        }
    }

    /// `covered`, or `incomplete (gap to covered)`.
    public var description: String {
        switch self {
        case .incomplete(let worst, let best): return "incomplete (\(worst) to \(best))"
        default: return label
        }
    }

    /// Whether `self` is worse than `other` in either bound: what a scenario "breaks".
    /// A status with no policy is never worse or better than another.
    public func isWorse(than other: CoverageStatus) -> Bool {
        guard let worst, let best, let otherWorst = other.worst, let otherBest = other.best else { return false }
        return worst < otherWorst || best < otherBest
    }
}
