/// Something wrong with a journal, at a line.
public struct JournalFinding: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The line is not a journal entry (not JSON, a key missing, not canonical).
        case malformed
        /// The entry's contents were changed (its hash, or the next entry's `prev`, no
        /// longer matches).
        case edited
        /// Entries are missing (a gap in `seq`, or the first entry is not `seq` 1).
        case dropped
        /// Entries are out of order (a `seq` not greater than the one before it).
        case reordered
        /// The last line has no line feed: a write was cut short.
        case unterminated
    }

    /// 1-based line number.
    public let line: Int
    public let kind: Kind
    public let message: String

    public var description: String { "line \(line): \(message)" }
}

/// The entries of a journal and what is wrong with it.
public struct JournalContents: Sendable {
    /// Every line that could be read as an entry, in file order.
    public let entries: [JournalEntry]
    /// The last line's bytes (without LF), which the next entry's `prev` hashes.
    public let lastLine: [UInt8]?
    public let findings: [JournalFinding]

    public var isIntact: Bool { findings.isEmpty }

    /// The next `seq`.
    var nextSeq: Int { (entries.map(\.seq).max() ?? 0) + 1 }

    /// The control key pinned last, if any (base64 minisign public key).
    public var pinnedControlKey: String? {
        entries.last { $0.kind == JournalKind.pinControl }?.string("control_key")
    }

    /// The entry recording that message `id` was opened, if it was.
    public func opening(of id: String) -> JournalEntry? {
        entries.first { $0.kind == JournalKind.open && $0.string("message") == id }
    }

    /// Whether a roster with these signed bytes' hash was accepted before.
    public func hasAcceptedRoster(sha256: String) -> Bool {
        entries.contains { $0.kind == JournalKind.roster && $0.string("roster_sha256") == sha256 }
    }
}

/// Checks a journal's hash chain and finds edited, dropped and reordered entries.
///
/// What a hash chain cannot show: entries cut from the *end* (the rest is still a valid
/// chain), and a last entry rewritten together with its hash (nothing after it points to
/// it). Keeping a copy of the last `hash` elsewhere (in a receipt, or with control) closes
/// that gap; the journal alone does not.
public enum JournalVerifier {
    public static func verify(_ contents: [UInt8]) -> JournalContents {
        var findings: [JournalFinding] = []
        var entries: [(line: Int, entry: JournalEntry)] = []
        var lines = contents.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true {
            lines.removeLast()
        } else if let last = lines.last, !last.isEmpty {
            findings.append(
                JournalFinding(
                    line: lines.count, kind: .unterminated,
                    message: "the last line has no line feed: a write was cut short"))
        }

        var previousLine: ArraySlice<UInt8>?
        var previousEntry: JournalEntry?
        // An entry already reported as edited explains the broken link after it.
        var previousEdited = false
        for (index, bytes) in lines.enumerated() {
            let number = index + 1
            defer { previousLine = bytes }
            let entry: JournalEntry
            do {
                entry = try JournalEntry(line: bytes)
            } catch {
                findings.append(JournalFinding(line: number, kind: .malformed, message: error.reason))
                previousEntry = nil
                continue
            }
            let edited = !entry.line.elementsEqual(bytes) || entry.computedHash != entry.hash
            defer {
                previousEntry = entry
                previousEdited = edited
            }
            entries.append((number, entry))
            if !entry.line.elementsEqual(bytes) {
                findings.append(
                    JournalFinding(
                        line: number, kind: .edited,
                        message: "the entry is not in canonical form (sorted keys, no spaces): it was edited"))
            } else if entry.computedHash != entry.hash {
                findings.append(
                    JournalFinding(
                        line: number, kind: .edited,
                        message: "the entry (seq \(entry.seq)) was edited: its hash does not match its contents"))
            }
            if let before = previousEntry, entry.seq <= before.seq {
                findings.append(
                    JournalFinding(
                        line: number, kind: .reordered,
                        message:
                            "seq \(entry.seq) comes after seq \(before.seq): entries are out of order (reordered or duplicated)"
                    ))
                continue
            }
            // The link is judged only between consecutive entries; gaps and reordering are
            // reported by seq, which says more than "the link is broken".
            let expectedPrev = previousLine.map { Hex.sha256(Array($0)) } ?? JournalEntry.firstPrev
            let consecutive = previousEntry.map { entry.seq == $0.seq + 1 } ?? (previousLine == nil && entry.seq == 1)
            if consecutive, !previousEdited, entry.prev != expectedPrev {
                let message =
                    previousLine == nil
                    ? "the first entry's prev is not 64 zeros: it was edited, or entries before it were dropped"
                    : "prev does not match line \(number - 1): line \(number - 1) was changed after this entry was written"
                findings.append(
                    JournalFinding(line: previousLine == nil ? number : number - 1, kind: .edited, message: message))
            }
        }

        // Gaps in seq: entries dropped from the start or the middle.
        let seqs = Set(entries.map(\.entry.seq))
        var expected = 1
        for (number, entry) in entries.sorted(by: { $0.entry.seq < $1.entry.seq }) {
            if entry.seq > expected {
                let range = entry.seq - 1 == expected ? "seq \(expected) is" : "seq \(expected)…\(entry.seq - 1) are"
                let missing = (expected..<entry.seq).filter { !seqs.contains($0) }
                if missing.count == entry.seq - expected {
                    findings.append(
                        JournalFinding(
                            line: number, kind: .dropped,
                            message: "entries \(range) missing before this entry (seq \(entry.seq)): they were dropped")
                    )
                }
            }
            expected = max(expected, entry.seq + 1)
        }

        findings.sort { ($0.line, $0.kind.rawValue) < ($1.line, $1.kind.rawValue) }
        return JournalContents(
            entries: entries.map(\.entry), lastLine: lines.last.map { Array($0) }, findings: findings)
    }
}
