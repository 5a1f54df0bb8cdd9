internal import CSodium
import Foundation

/// Secret bytes in `sodium_malloc` memory: guarded pages, locked where the system allows,
/// wiped and freed when the last reference goes.
///
/// Keep secrets here, not in `[UInt8]`, whose copies the runtime may leave behind.
///
/// Small secrets (keys and shared secrets, up to `SmallBlockPool.blockSize` bytes) reuse
/// `sodium_malloc` blocks: see `SmallBlockPool`.
public final class SecureBytes: @unchecked Sendable {
    private let pointer: UnsafeMutableRawPointer
    /// The `sodium_malloc` block of a pooled secret (which ends where the secret ends), or
    /// nil when `pointer` is a block of its own.
    private let pooledBlock: UnsafeMutableRawPointer?
    public let count: Int

    /// Zero-filled secure memory of `count` bytes.
    public init(count: Int) throws {
        Sodium.ensureInitialized()
        self.count = count
        if count <= SmallBlockPool.blockSize {
            guard let block = SmallBlockPool.shared.take() else { throw SodiumError.outOfSecureMemory(count) }
            // The secret ends where the block ends, next to its guard page, as it would in
            // a block of its own.
            pooledBlock = block
            pointer = block + (SmallBlockPool.blockSize - count)
            return
        }
        guard let raw = sodium_malloc(count) else {
            throw SodiumError.outOfSecureMemory(count)
        }
        pooledBlock = nil
        pointer = raw
        sodium_memzero(raw, count)
    }

    /// A secure copy of `bytes`.
    public convenience init<Bytes: Collection>(copying bytes: Bytes) throws where Bytes.Element == UInt8 {
        try self.init(count: bytes.count)
        let target = UnsafeMutableRawBufferPointer(start: pointer, count: count)
        _ = target.initializeMemory(as: UInt8.self, from: bytes)
    }

    /// Fresh random bytes.
    public static func random(count: Int) throws -> SecureBytes {
        let bytes = try SecureBytes(count: count)
        bytes.withUnsafeMutableBytes { Random.fill($0) }
        return bytes
    }

    deinit {
        if let pooledBlock {
            SmallBlockPool.shared.give(pooledBlock)  // Wipes it.
        } else {
            sodium_free(pointer)  // sodium_free wipes before freeing.
        }
    }

    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    public func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeMutableRawBufferPointer(start: pointer, count: count))
    }

    /// A copy of the first `length` bytes into new secure memory.
    public func prefix(_ length: Int) throws -> SecureBytes {
        try withUnsafeBytes { try SecureBytes(copying: $0.prefix(length)) }
    }

    /// Copies the bytes out. Only for values that are about to be public (e.g. encodings
    /// written to a key file the user asked for).
    public var unsafeCopy: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Constant-time equality.
    public func equals(_ other: SecureBytes) -> Bool {
        withUnsafeBytes { a in other.withUnsafeBytes { b in ConstantTime.equals(a, b) } }
    }
}

/// Reused `sodium_malloc` blocks for small secrets.
///
/// Each `sodium_malloc` and `sodium_free` costs about a dozen system calls (mmap, mprotect
/// of the guard pages, mlock, madvise, and the reverse), and in a process with several
/// threads each unmapping or protection change also stops the other cores to flush their
/// TLBs. An exercise report makes about five short-lived keys per file it checks, so these
/// calls took more time than the cryptography (BENCHMARKS.md, exercise report). A block
/// given back is wiped at once and kept, still guarded and locked, for the next secret;
/// beyond `limit` kept blocks, it is freed as before.
final class SmallBlockPool: @unchecked Sendable {
    static let blockSize = 64
    static let limit = 64
    static let shared = SmallBlockPool()

    private let lock = NSLock()
    private var blocks: [UnsafeMutableRawPointer] = []

    deinit {
        for block in blocks { sodium_free(block) }
    }

    /// A zero-filled block of `blockSize` bytes, or nil when secure memory runs out.
    func take() -> UnsafeMutableRawPointer? {
        if let block = lock.withLock({ blocks.popLast() }) { return block }
        guard let block = sodium_malloc(Self.blockSize) else { return nil }
        sodium_memzero(block, Self.blockSize)
        return block
    }

    /// Wipes `block` and keeps it, or frees it when enough are kept.
    func give(_ block: UnsafeMutableRawPointer) {
        sodium_memzero(block, Self.blockSize)
        let kept = lock.withLock {
            guard blocks.count < Self.limit else { return false }
            blocks.append(block)
            return true
        }
        if !kept { sodium_free(block) }
    }

    /// How many wiped blocks are kept (for tests).
    var keptCount: Int { lock.withLock { blocks.count } }
}

/// Comparing secrets without leaking where they differ.
public enum ConstantTime {
    /// Constant-time equality (lengths are compared first, which is public information).
    public static func equals(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard a.count > 0 else { return true }
        return sodium_memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
    }

    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.withUnsafeBytes { x in b.withUnsafeBytes { y in equals(x, y) } }
    }

    /// Whether every byte is zero, in constant time.
    public static func isZero(_ a: UnsafeRawBufferPointer) -> Bool {
        guard a.count > 0 else { return true }
        return sodium_is_zero(a.baseAddress!.assumingMemoryBound(to: UInt8.self), a.count) == 1
    }

    /// Overwrites memory with zeros in a way the compiler cannot remove.
    public static func wipe(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        sodium_memzero(base, buffer.count)
    }

    public static func wipe(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { wipe($0) }
    }
}

/// The system CSPRNG via `randombytes_buf`.
public enum Random {
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        Sodium.ensureInitialized()
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        randombytes_buf(base, buffer.count)
    }

    public static func bytes(_ count: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        result.withUnsafeMutableBytes { fill($0) }
        return result
    }
}
