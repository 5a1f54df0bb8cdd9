import Foundation

/// Reads a file in 64 KiB blocks on a second thread while the caller consumes them, so that
/// copying the file out of the page cache overlaps the hashing instead of adding to it.
///
/// Reads stay 64 KiB and memory stays constant (`slotCount` blocks) at any file size. The
/// reader is woken only when half the ring is free again, so the two threads hand over
/// batches rather than ping-pong on every block.
final class ReadAheadReader: @unchecked Sendable {
    static let blockSize = 64 * 1024
    static let slotCount = 16

    private let fd: Int32
    private let storage: UnsafeMutableRawBufferPointer
    private var lengths: [Int]
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var filled = 0
    private var endOfFile = false
    private var readError: Int32 = 0
    private var cancelled = false
    private var readerWaiting = false
    private var consumerWaiting = false
    private let readerDone = DispatchSemaphore(value: 0)

    private init(fd: Int32) {
        self.fd = fd
        storage = .allocate(byteCount: Self.blockSize * Self.slotCount, alignment: 64)
        lengths = Array(repeating: 0, count: Self.slotCount)
    }

    deinit { storage.deallocate() }

    /// Calls `body` with each block of the open file `fd`, in order; the block is only valid
    /// during the call. Returns 0, or the `errno` of a failed read.
    static func forEachBlock(of fd: Int32, _ body: (UnsafeRawBufferPointer) -> Void) -> Int32 {
        let reader = ReadAheadReader(fd: fd)
        let thread = Thread { reader.readLoop() }
        thread.stackSize = 256 * 1024
        thread.start()
        defer {
            reader.cancel()
            reader.readerDone.wait()
        }
        return reader.consumeLoop(body)
    }

    private func slot(_ index: Int) -> UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(rebasing: storage[(index * Self.blockSize)..<((index + 1) * Self.blockSize)])
    }

    private func readLoop() {
        defer { readerDone.signal() }
        var index = 0
        while true {
            condition.lock()
            while filled == Self.slotCount, !cancelled {
                readerWaiting = true
                condition.wait()
            }
            readerWaiting = false
            let stop = cancelled
            condition.unlock()
            if stop { return }

            let target = slot(index)
            var n: Int
            repeat { n = read(fd, target.baseAddress, target.count) } while n < 0 && errno == EINTR
            let failure = n < 0 ? errno : 0

            condition.lock()
            if n > 0 {
                lengths[index] = n
                filled += 1
            } else {
                endOfFile = true
                readError = failure
            }
            if consumerWaiting { condition.signal() }
            condition.unlock()
            if n <= 0 { return }
            index = (index + 1) % Self.slotCount
        }
    }

    private func consumeLoop(_ body: (UnsafeRawBufferPointer) -> Void) -> Int32 {
        var index = 0
        while true {
            condition.lock()
            while filled == 0, !endOfFile {
                consumerWaiting = true
                condition.wait()
            }
            consumerWaiting = false
            if filled == 0 {
                let failure = readError
                condition.unlock()
                return failure
            }
            let length = lengths[index]
            condition.unlock()

            body(UnsafeRawBufferPointer(rebasing: slot(index)[0..<length]))

            condition.lock()
            filled -= 1
            if readerWaiting, filled <= Self.slotCount / 2 { condition.signal() }
            condition.unlock()
            index = (index + 1) % Self.slotCount
        }
    }

    private func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
