internal import CSodium

/// Secret bytes in `sodium_malloc` memory: guarded pages, locked where the system allows,
/// wiped and freed when the last reference goes.
///
/// Keep secrets here, not in `[UInt8]`, whose copies the runtime may leave behind.
///
/// Keys of up to 64 bytes (nearly all of them) take a slot in a `SecureSlab`, itself
/// `sodium_malloc` memory, because a `sodium_malloc` per key costs several system calls
/// (mmap, mprotect, mlock) that serialise threads in the kernel: decrypting thousands of
/// small files spent most of its time there.
public final class SecureBytes: @unchecked Sendable {
    private let pointer: UnsafeMutableRawPointer
    private let slot: SecureSlab.Slot?
    public let count: Int

    /// Zero-filled secure memory of `count` bytes.
    public init(count: Int) throws {
        Sodium.ensureInitialized()
        if count <= SecureSlab.slotSize, let slot = SecureSlab.shared.take() {
            self.slot = slot
            pointer = slot.pointer
        } else {
            guard let raw = sodium_malloc(max(count, 1)) else {
                throw SodiumError.outOfSecureMemory(count)
            }
            slot = nil
            pointer = raw
        }
        self.count = count
        sodium_memzero(pointer, max(count, 1))
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
        if let slot {
            sodium_memzero(pointer, SecureSlab.slotSize)
            SecureSlab.shared.give(slot)
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
