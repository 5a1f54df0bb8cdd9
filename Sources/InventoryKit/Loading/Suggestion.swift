/// "Did you mean …?" for misspelt keys, ids and enum values.
public enum Suggestion {
    /// The candidate nearest to `word` by edit distance, when it is near enough to be a
    /// likely typo: at most a third of the word's length (and at least 1, at most 3) edits,
    /// ignoring case. Ties go to the first candidate in sorted order, so the answer is
    /// stable.
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased().unicodeScalars)
        let limit = min(3, max(1, target.count / 3))
        var best: (distance: Int, candidate: String)?
        for candidate in candidates {
            let other = Array(candidate.lowercased().unicodeScalars)
            // Lengths alone can rule a candidate out without the quadratic table.
            if abs(other.count - target.count) > limit { continue }
            let distance = editDistance(target, other, limit: limit)
            guard distance <= limit else { continue }
            if let current = best,
                current.distance < distance || (current.distance == distance && current.candidate <= candidate)
            {
                continue
            }
            best = (distance, candidate)
        }
        return best?.candidate
    }

    /// `hint:` text for an unknown word, or nil when nothing is close.
    public static func hint(for word: String, among candidates: some Sequence<String>) -> String? {
        closest(to: word, among: candidates).map { "did you mean '\($0)'?" }
    }

    /// Levenshtein distance with adjacent transpositions (optimal string alignment),
    /// stopping early once every path exceeds `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return rowMinimum }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
