import Foundation

/// Progress for reading a large file, shown on stderr only when it is a terminal
/// (docs/cli.md: work longer than about a second shows progress).
final class HashingProgress {
    /// Below this size hashing takes well under a second, so nothing is shown.
    static let threshold: Int64 = 512 * 1024 * 1024

    private let label: String
    private let total: Int64
    private var shownPercent = -1

    /// A reporter for `path`, or nil when nothing should be shown.
    static func forFile(_ path: String, label: String) -> HashingProgress? {
        guard Terminal.stderrIsTerminal,
            let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = (attributes[.size] as? NSNumber)?.int64Value, size >= threshold
        else { return nil }
        return HashingProgress(label: label, total: size)
    }

    private init(label: String, total: Int64) {
        self.label = label
        self.total = total
    }

    func update(_ done: Int64) {
        let percent = Int(min(done, total) * 100 / max(total, 1))
        guard percent != shownPercent else { return }
        shownPercent = percent
        Terminal.write("\r\(label): \(percent)%")
    }

    func finish() {
        if shownPercent >= 0 { Terminal.write("\r\u{1B}[K") }
        shownPercent = -1
    }
}
