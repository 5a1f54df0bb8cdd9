internal import CSodium

/// BLAKE2b from `crypto_generichash_*` (minisign's prehash and key checksum).
///
/// libsodium declares the state 64-byte aligned, which Swift does not guarantee for inline
/// storage, so the state lives in memory this class allocates with that alignment and
/// wipes and frees in `deinit`.
public final class BLAKE2b {
    public static let minimumOutputByteCount = 16
    public static let maximumOutputByteCount = 64
    private let state: OpaquePointer
    private let stateSize: Int
    private let outputLength: Int
    private var finished = false

    /// Starts a hash with `outputLength` bytes of output (16…64) and an optional key (≤ 64 bytes).
    public init(outputLength: Int, key: [UInt8] = []) throws {
        Sodium.ensureInitialized()
        guard (BLAKE2b.minimumOutputByteCount...BLAKE2b.maximumOutputByteCount).contains(outputLength) else {
            throw SodiumError.invalidOutputLength(outputLength)
        }
        guard key.count <= 64 else {
            throw SodiumError.invalidLength(what: "BLAKE2b key", expected: "at most 64", actual: key.count)
        }
        // Swift cannot import the over-aligned state type, so the state is opaque memory.
        stateSize = crypto_generichash_statebytes()
        state = OpaquePointer(UnsafeMutableRawPointer.allocate(byteCount: stateSize, alignment: 64))
        self.outputLength = outputLength
        let status = key.withUnsafeBytes { k in
            crypto_generichash_init(state, key.isEmpty ? nil : k.cBytes, k.count, outputLength)
        }
        guard status == 0 else { throw SodiumError.invalidOutputLength(outputLength) }
    }

    deinit {
        ConstantTime.wipe(UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(state), count: stateSize))
        UnsafeMutableRawPointer(state).deallocate()
    }

    public func update(_ data: some ByteView) {
        precondition(!finished, "BLAKE2b used after finalize()")
        data.withUnsafeBytes { d in _ = crypto_generichash_update(state, d.cBytes, UInt64(d.count)) }
    }

    /// The digest. The hasher cannot be used afterwards.
    public func finalize() -> [UInt8] {
        precondition(!finished, "BLAKE2b finalized twice")
        finished = true
        var digest = [UInt8](repeating: 0, count: outputLength)
        let length = outputLength
        digest.withUnsafeMutableBytes { _ = crypto_generichash_final(state, $0.cMutableBytes, length) }
        return digest
    }

    /// One-shot hash.
    public static func hash(_ data: some ByteView, outputLength: Int) throws -> [UInt8] {
        let hasher = try BLAKE2b(outputLength: outputLength)
        hasher.update(data)
        return hasher.finalize()
    }
}
