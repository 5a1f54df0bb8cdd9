import AgeFormat
import Foundation

/// A file or stdin read with `read(2)` as an AgeFormat `ByteSource`, so encryption and
/// decryption stream from it in constant memory.
final class FileByteSource: ByteSource {
    let name: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool

    /// Opens `path` (`nil` or `-` means stdin). Failing to open is "could not run" (exit 2).
    init(path: String?) throws {
        guard let path, path != "-" else {
            name = "standard input"
            descriptor = 0
            ownsDescriptor = false
            return
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw CommandFailure(
                message: "cannot read \(path): \(String(cString: strerror(errno)))", hint: nil, code: Exit.couldNotRun)
        }
        name = path
        descriptor = fd
        ownsDescriptor = true
    }

    deinit { if ownsDescriptor { close(descriptor) } }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = Foundation.read(descriptor, base, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw CommandFailure(
                message: "cannot read \(name): \(String(cString: strerror(errno)))", hint: nil, code: Exit.couldNotRun)
        }
    }
}

/// `AtomicOutput` already writes raw buffers; this lets AgeFormat stream into it.
extension AtomicOutput: ByteSink {}

/// Counts what passes to another sink, to tell the user how much plaintext reached stdout
/// before a failure.
final class CountingSink: ByteSink {
    private let base: any ByteSink
    private(set) var count = 0

    init(_ base: any ByteSink) { self.base = base }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try base.write(bytes)
        count += bytes.count
    }
}
