import Dispatch

/// Writes buffers to a sink on a second thread while the caller fills the next one, so that
/// the kernel's copy of the output overlaps the encryption of the following chunks instead
/// of adding to it (BENCHMARKS.md: encrypt against age).
///
/// One write is in flight at a time: `submit` first waits for the previous write, so a
/// caller alternating between two buffers may refill the one it submitted before last as
/// soon as `submit` returns. `finish()` must be called before the buffers are freed, also
/// after a failure.
final class BackgroundWriter: @unchecked Sendable {
    private let sink: any ByteSink
    private let queue = DispatchQueue(label: "AgeFormat.BackgroundWriter")
    /// 1 when no write is in flight.
    private let idle = DispatchSemaphore(value: 1)
    /// The first write error; set on `queue`, read after waiting on `idle`.
    private var failure: (any Error)?

    init(_ sink: any ByteSink) { self.sink = sink }

    /// Starts writing `bytes`, which must not change until the next `submit` or `finish`
    /// returns. Throws the error of an earlier write (nothing more is written then).
    func submit(_ bytes: UnsafeRawBufferPointer) throws {
        idle.wait()
        if let failure {
            idle.signal()
            throw failure
        }
        nonisolated(unsafe) let bytes = bytes
        queue.async { [self] in
            do {
                try sink.write(bytes)
            } catch {
                failure = error
            }
            idle.signal()
        }
    }

    /// Waits for the last write; throws the first write error.
    func finish() throws {
        idle.wait()
        idle.signal()
        if let failure { throw failure }
    }
}
