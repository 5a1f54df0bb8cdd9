internal import CSodium
import Foundation

/// Fixed-size slots for small secrets, carved out of `sodium_malloc` pages.
///
/// Slabs are allocated on demand and never returned, so the memory held is bounded by the
/// most small secrets alive at once. Slots are wiped by their owner before they come back.
final class SecureSlab: @unchecked Sendable {
    static let slotSize = 64
    static let slotsPerSlab = 256
    static let shared = SecureSlab()

    /// One slot: its address (slabs are never freed, so it stays valid).
    struct Slot: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
    }

    private let lock = NSLock()
    private var free: [Slot] = []

    /// A free slot, or nil when no secure memory could be had (the caller falls back to
    /// `sodium_malloc`, which reports the failure).
    func take() -> Slot? {
        lock.lock()
        defer { lock.unlock() }
        if free.isEmpty {
            guard let slab = sodium_malloc(SecureSlab.slotSize * SecureSlab.slotsPerSlab) else { return nil }
            free.reserveCapacity(free.count + SecureSlab.slotsPerSlab)
            for index in 0..<SecureSlab.slotsPerSlab {
                free.append(Slot(pointer: slab + index * SecureSlab.slotSize))
            }
        }
        return free.popLast()
    }

    func give(_ slot: Slot) {
        lock.lock()
        free.append(slot)
        lock.unlock()
    }
}
