import Testing

@testable import SodiumKit

/// Small secrets reuse `sodium_malloc` blocks (SmallBlockPool): a reused block must come
/// back wiped, and the pool must stay bounded. Each test uses its own pool, since other
/// tests allocate secrets concurrently from the shared one.
@Suite struct SecureBytesPoolTests {
    @Test func aBlockGivenBackIsWipedAndReused() throws {
        let pool = SmallBlockPool()
        let block = try #require(pool.take())
        let bytes = UnsafeMutableRawBufferPointer(start: block, count: SmallBlockPool.blockSize)
        for index in bytes.indices { bytes[index] = 0xA5 }
        pool.give(block)
        #expect(pool.keptCount == 1)
        let again = try #require(pool.take())
        #expect(again == block)
        #expect(UnsafeRawBufferPointer(start: again, count: SmallBlockPool.blockSize).allSatisfy { $0 == 0 })
        #expect(pool.keptCount == 0)
        pool.give(again)
    }

    @Test func newBlocksAreZeroFilled() throws {
        let pool = SmallBlockPool()
        let block = try #require(pool.take())
        #expect(UnsafeRawBufferPointer(start: block, count: SmallBlockPool.blockSize).allSatisfy { $0 == 0 })
        pool.give(block)
    }

    @Test func thePoolKeepsAtMostItsLimit() throws {
        let pool = SmallBlockPool()
        let blocks = try (0...SmallBlockPool.limit).map { _ in try #require(pool.take()) }
        #expect(Set(blocks).count == blocks.count)
        for block in blocks { pool.give(block) }
        #expect(pool.keptCount == SmallBlockPool.limit)
    }

    @Test(arguments: [0, 1, 16, 32, 63, 64, 65, 1000])
    func secretsOfEverySizeStartAtZeroAndKeepTheirBytes(_ count: Int) throws {
        let secret = try SecureBytes(count: count)
        #expect(secret.count == count)
        secret.withUnsafeBytes { #expect($0.count == count && $0.allSatisfy { $0 == 0 }) }
        let pattern = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
        let copy = try SecureBytes(copying: pattern)
        #expect(copy.unsafeCopy == pattern)
    }
}
