import Foundation
import SodiumKit

/// Reading the signed file: streamed through BLAKE2b-512 for prehashed signatures, whole
/// for legacy ones.
enum MessageFile {
    /// minisign's read size.
    static let readSize = ReadAheadReader.blockSize
    /// BLAKE2b-512, as `crypto_generichash` with `BYTES_MAX` and no key.
    static let digestByteCount = 64

    /// The BLAKE2b-512 digest of the file at `path`, read in 64 KiB blocks by a
    /// `ReadAheadReader`. `progress` gets the bytes read so far after each block.
    static func prehash(path: String, progress: ((Int64) -> Void)? = nil) throws -> [UInt8] {
        let hasher = try sodium { try BLAKE2b(outputLength: digestByteCount) }
        try withOpenFile(path) { fd in
            var total: Int64 = 0
            let failure = ReadAheadReader.forEachBlock(of: fd) { block in
                hasher.update(block)
                total += Int64(block.count)
                progress?(total)
            }
            if failure != 0 {
                throw MinisignError.unreadable(path: path, reason: String(cString: strerror(failure)))
            }
        }
        return hasher.finalize()
    }

    /// The BLAKE2b-512 digest of bytes already in memory.
    static func prehash(_ message: some ByteView) throws -> [UInt8] {
        try sodium { try BLAKE2b.hash(message, outputLength: digestByteCount) }
    }

    /// The whole file, for legacy signatures; refused above `limit` bytes.
    static func contents(path: String, limit: Int64) throws -> [UInt8] {
        try withOpenFile(path) { fd in
            var info = stat()
            guard fstat(fd, &info) == 0 else {
                throw MinisignError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if Int64(info.st_size) > limit {
                throw MinisignError.legacyFileTooLarge(path: path, size: Int64(info.st_size), limit: limit)
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(Int(info.st_size))
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: readSize, alignment: 64)
            defer { buffer.deallocate() }
            while true {
                let n = try readSome(fd, into: buffer, path: path)
                if n == 0 { break }
                bytes.append(contentsOf: buffer[0..<n])
                if Int64(bytes.count) > limit {
                    throw MinisignError.legacyFileTooLarge(path: path, size: Int64(bytes.count), limit: limit)
                }
            }
            return bytes
        }
    }

    private static func withOpenFile<T>(_ path: String, _ body: (Int32) throws -> T) throws -> T {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw MinisignError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        return try body(fd)
    }

    private static func readSome(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws -> Int {
        while true {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw MinisignError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
