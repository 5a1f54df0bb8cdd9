/// The weights of a subject's criterion outcomes and the numbers computed from them
/// (DESIGN §3). Every number is a ratio of these weights, so each can be traced back to
/// the criteria behind it.
public struct ScoreCard: Sendable, Hashable {
    /// Σ weight of the criteria that apply (every outcome but not-applicable).
    public let applicableWeight: Double
    public let passedWeight: Double
    /// Waived criteria, whatever their underlying outcome.
    public let waivedWeight: Double
    public let failedWeight: Double
    public let unknownWeight: Double
    /// Σ weight of the criteria whose underlying outcome is pass or fail.
    public let knownWeight: Double

    /// `100 × Σ weight(pass + waived) / Σ weight(applicable)`: unknown counts as not
    /// passed. Also the worst case's score.
    public let score: Percentage
    /// `100 × Σ weight(pass) / Σ weight(applicable)`.
    public let scoreWithoutWaivers: Percentage
    /// `100 × Σ weight(known) / Σ weight(applicable)`.
    public let completeness: Percentage
    /// The score if every unknown passed.
    public let bestCaseScore: Percentage
    /// Every applicable mandatory criterion passed or is waived.
    public let mandatoryMetInWorstCase: Bool
    /// No applicable mandatory criterion failed (unknowns counted as passing).
    public let mandatoryMetInBestCase: Bool
    public let verdict: Verdict

    /// Scores the outcomes of one subject against `passScore` (percent).
    public init(_ results: [CriterionResult], passScore: Double) {
        var applicable = 0.0
        var passed = 0.0
        var waived = 0.0
        var failed = 0.0
        var unknown = 0.0
        var known = 0.0
        var worstMandatory = true
        var bestMandatory = true
        for result in results {
            let weight = result.weight
            switch result.outcome {
            case .notApplicable: continue
            case .pass: passed += weight
            case .waived: waived += weight
            case .fail: failed += weight
            case .unknown: unknown += weight
            }
            applicable += weight
            if result.underlying == .pass || result.underlying == .fail { known += weight }
            if result.mandatory {
                if result.outcome == .fail { bestMandatory = false }
                if result.outcome == .fail || result.outcome == .unknown { worstMandatory = false }
            }
        }
        applicableWeight = applicable
        passedWeight = passed
        waivedWeight = waived
        failedWeight = failed
        unknownWeight = unknown
        knownWeight = known
        score = Percentage(part: passed + waived, of: applicable)
        scoreWithoutWaivers = Percentage(part: passed, of: applicable)
        completeness = Percentage(part: known, of: applicable)
        bestCaseScore = Percentage(part: passed + waived + unknown, of: applicable)
        mandatoryMetInWorstCase = worstMandatory
        mandatoryMetInBestCase = bestMandatory
        // Compare by cross-multiplying, so a score of exactly pass_score meets it whatever
        // the rounding of the division.
        func reaches(_ part: Double) -> Bool { applicable == 0 || 100 * part >= passScore * applicable }
        if worstMandatory && reaches(passed + waived) {
            verdict = .meets
        } else if bestMandatory && reaches(passed + waived + unknown) {
            verdict = .incomplete
        } else {
            verdict = .fails
        }
    }
}
