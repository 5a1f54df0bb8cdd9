/// Armors everything written to it into another sink. Call `finish()` after the last
/// write to emit the final line and the END line.
final class ArmorWriter: ByteSink {
    /// Bytes encoded per batch: a whole number of lines, so only the last line is short.
    private static let batchBytes = AgeArmor.bytesPerLine * 1024
    private static let batchText = (AgeArmor.columnsPerLine + 1) * 1024

    private let sink: any ByteSink
    private let pending = UnsafeMutableRawBufferPointer.allocate(byteCount: batchBytes, alignment: 16)
    private var pendingCount = 0
    /// The base64 of one batch, broken into lines.
    private let lines = UnsafeMutableRawBufferPointer.allocate(byteCount: batchText, alignment: 16)
    private var started = false

    init(_ sink: any ByteSink) { self.sink = sink }

    deinit {
        pending.deallocate()
        lines.deallocate()
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try startIfNeeded()
        var offset = 0
        while offset < bytes.count {
            // A full batch is written only once more bytes arrive; `finish()` writes the last.
            if pendingCount == pending.count { try flush() }
            let take = min(bytes.count - offset, pending.count - pendingCount)
            (pending.baseAddress! + pendingCount).copyMemory(from: bytes.baseAddress! + offset, byteCount: take)
            pendingCount += take
            offset += take
        }
    }

    /// Writes the remaining lines and the END line.
    func finish() throws {
        try startIfNeeded()
        if pendingCount > 0 { try flush() }
        try AgeArmor.endLine.withUnsafeBytes { try sink.write($0) }
        try [UInt8(ascii: "\n")].withUnsafeBytes { try sink.write($0) }
    }

    private func startIfNeeded() throws {
        guard !started else { return }
        started = true
        try (AgeArmor.beginLine + [UInt8(ascii: "\n")]).withUnsafeBytes { try sink.write($0) }
    }

    private func flush() throws {
        var out = 0
        var offset = 0
        while offset < pendingCount {
            let take = min(AgeArmor.bytesPerLine, pendingCount - offset)
            out += ArmorBase64.encode(
                UnsafeRawBufferPointer(rebasing: pending[offset..<(offset + take)]), into: lines.baseAddress! + out)
            lines[out] = UInt8(ascii: "\n")
            out += 1
            offset += take
        }
        pendingCount = 0
        try sink.write(UnsafeRawBufferPointer(rebasing: lines[..<out]))
    }
}
