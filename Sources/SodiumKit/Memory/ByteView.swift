import Foundation

/// Anything whose bytes can be lent as a raw buffer: arrays, slices, `Data`, `SecureBytes`.
///
/// Every primitive takes its inputs as `ByteView` so that secrets can stay in
/// `SecureBytes` and public data needs no copy.
public protocol ByteView {
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
}

extension Array: ByteView where Element == UInt8 {}
extension ArraySlice: ByteView where Element == UInt8 {}
extension ContiguousArray: ByteView where Element == UInt8 {}
extension Data: ByteView {}
extension SecureBytes: ByteView {}

extension UnsafeRawBufferPointer: ByteView {
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(self)
    }
}

extension UnsafeMutableRawBufferPointer: ByteView {
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(self))
    }
}

extension ByteView {
    /// The number of bytes.
    public var byteCount: Int { withUnsafeBytes { $0.count } }
}

/// A non-null pointer for C calls, even for empty buffers (libsodium accepts a dangling
/// pointer with length 0, but Swift gives nil base addresses for empty buffers).
nonisolated(unsafe) private let emptyByte = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)

extension UnsafeRawBufferPointer {
    var cBytes: UnsafePointer<UInt8> {
        baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) } ?? UnsafePointer(emptyByte)
    }
}

extension UnsafeMutableRawBufferPointer {
    var cMutableBytes: UnsafeMutablePointer<UInt8> {
        baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) } ?? emptyByte
    }
}
