import SodiumKit
import Testing

@testable import AgeFormat

/// Deterministic bytes (a simple LCG), so a failing size can be reproduced.
func patternBytes(_ count: Int, seed: UInt32 = 1) -> [UInt8] {
    var state = seed &* 2_654_435_761 &+ 1
    return (0..<count).map { _ in
        state = state &* 1_664_525 &+ 1_013_904_223
        return UInt8(truncatingIfNeeded: state >> 24)
    }
}

func secure(_ text: String) throws -> SecureBytes { try SecureBytes(copying: Array(text.utf8)) }

/// What a decryption released before it ended, and how it ended.
struct DecryptionResult {
    var released: [UInt8]
    var error: AgeError?
}

func decrypt(_ file: [UInt8], with identities: [any AgeIdentity]) -> DecryptionResult {
    let sink = MemorySink()
    do {
        try AgeDecryptor(source: MemorySource(file)).decrypt(identities: identities, to: sink)
        return DecryptionResult(released: sink.bytes, error: nil)
    } catch let error as AgeError {
        return DecryptionResult(released: sink.bytes, error: error)
    } catch {
        Issue.record("unexpected error type: \(error)")
        return DecryptionResult(released: sink.bytes, error: nil)
    }
}

/// A source that hands out at most a few bytes per read, to exercise short reads.
final class TrickleSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    private var step = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        step = step % 7 + 1
        let count = min(step, buffer.count, bytes.count - offset)
        for index in 0..<count { buffer[index] = bytes[offset + index] }
        offset += count
        return count
    }
}

/// A source that produces `count` pattern bytes without holding them (for large streams).
final class GeneratedSource: ByteSource {
    private var remaining: Int
    private var state: UInt8 = 0

    init(count: Int) { remaining = count }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, remaining)
        for index in 0..<count {
            state &+= 7
            buffer[index] = state
        }
        remaining -= count
        return count
    }
}
