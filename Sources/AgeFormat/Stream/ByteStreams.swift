/// Where an encryptor or decryptor reads its input from. Files, pipes and memory all fit;
/// AgeFormat never opens files itself (the executable hands it a source).
public protocol ByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes into `buffer` and returns how many were read.
    /// Returning 0 means the end of the input; a source may return fewer bytes than asked
    /// for at any time.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Where an encryptor or decryptor writes its output to.
public protocol ByteSink: AnyObject {
    /// Writes all of `bytes` (or throws).
    func write(_ bytes: UnsafeRawBufferPointer) throws
}

/// A source over bytes in memory.
public final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { all in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[offset..<(offset + count)]))
        }
        offset += count
        return count
    }
}

/// A sink that collects everything written to it in memory.
public final class MemorySink: ByteSink {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        self.bytes.append(contentsOf: bytes)
    }

    /// Overwrites the collected bytes with zeros (for plaintext that was secret).
    public func wipe() {
        for index in bytes.indices { bytes[index] = 0 }
        bytes.removeAll()
    }
}
