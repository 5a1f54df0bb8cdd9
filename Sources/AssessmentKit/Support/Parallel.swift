import Dispatch
import Foundation

/// Splits independent work over the cores and puts the results back in order, so that a
/// parallel stage gives exactly the output of a sequential one. `package`, so ReportKit's
/// renderers can format large assessments the same way.
package enum Parallel {
    /// `transform` applied to consecutive slices of `0..<count` on every core; the
    /// results come back in slice order. Small inputs run on the calling thread.
    package static func map<T: Sendable>(
        _ count: Int, minimumSlice: Int = 64, _ transform: @Sendable (Range<Int>) -> T
    ) -> [T] {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        // A few slices per core even out slices that happen to be slower.
        let slices = max(1, min(cores * 4, count / max(1, minimumSlice)))
        guard slices > 1 else { return [transform(0..<count)] }
        let results = Slots<T>(count: slices)
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let start = count * slice / slices
            let end = count * (slice + 1) / slices
            results.set(slice, transform(start..<end))
        }
        return results.values
    }

    /// One result per slice, written once each from any thread.
    private final class Slots<T: Sendable>: @unchecked Sendable {
        private var storage: [T?]
        private let lock = NSLock()

        init(count: Int) { storage = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ value: T) {
            lock.lock()
            storage[index] = value
            lock.unlock()
        }

        /// Every slot, in order; each was set before `concurrentPerform` returned.
        var values: [T] {
            lock.lock()
            defer { lock.unlock() }
            return storage.compactMap { $0 }
        }
    }
}
