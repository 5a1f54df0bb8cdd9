/// A read buffer over a `ByteSource`: lines for the header and the armor, then whole
/// chunks for the payload, with one fixed allocation.
///
/// After the source first reports the end of its input, it is never asked again, so a
/// terminal or pipe cannot make the end of a file move.
final class BufferedReader {
    private let source: any ByteSource
    private let storage: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private(set) var sourceEnded = false

    init(_ source: any ByteSource, capacity: Int = 64 * 1024) {
        self.source = source
        storage = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit { storage.deallocate() }

    private var buffered: Int { end - start }

    /// Reads once more from the source into free space; returns false at the end.
    private func fill() throws -> Bool {
        guard !sourceEnded else { return false }
        if start > 0 {
            if buffered > 0 {
                storage.baseAddress!.copyMemory(from: storage.baseAddress! + start, byteCount: buffered)
            }
            end -= start
            start = 0
        }
        guard end < storage.count else { return true }
        let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: storage[end...]))
        if n == 0 {
            sourceEnded = true
            return false
        }
        end += n
        return true
    }

    /// The outcome of reading one line.
    enum Line {
        /// A line, without its `\n`.
        case line([UInt8])
        /// Bytes at the end of the input with no `\n` after them (possibly none).
        case unterminated([UInt8])
        /// No `\n` within `limit` bytes.
        case tooLong
    }

    /// Reads up to and including the next `\n`, looking at most `limit` bytes ahead.
    func readLine(limit: Int) throws -> Line {
        switch try nextLine(limit: limit) {
        case .line(let bytes): return .line(Array(bytes))
        case .unterminated(let bytes): return .unterminated(Array(bytes))
        case .tooLong: return .tooLong
        }
    }

    /// A line that still lives in the reader's buffer.
    enum LineSpan {
        /// A line without its `\n`; valid until the next call on the reader.
        case line(UnsafeRawBufferPointer)
        /// The bytes left at the end of the input, with no `\n` (possibly none).
        case unterminated(UnsafeRawBufferPointer)
        case tooLong
    }

    /// Like `readLine`, without copying: for the armor, which reads a line per 48 bytes.
    func nextLine(limit: Int) throws -> LineSpan {
        precondition(limit < storage.count)
        var searched = 0
        while true {
            let window = UnsafeRawBufferPointer(rebasing: storage[(start + searched)..<end])
            if let offset = window.firstIndex(of: UInt8(ascii: "\n")) {
                let length = searched + offset
                guard length <= limit else { return .tooLong }
                let line = UnsafeRawBufferPointer(rebasing: storage[start..<(start + length)])
                start += length + 1
                return .line(line)
            }
            searched = buffered
            guard searched <= limit else { return .tooLong }
            if try !fill() {
                let rest = UnsafeRawBufferPointer(rebasing: storage[start..<end])
                start = end
                return .unterminated(rest)
            }
        }
    }

    /// The next `count` bytes without consuming them (fewer at the end of the input).
    func peek(_ count: Int) throws -> UnsafeRawBufferPointer {
        precondition(count <= storage.count)
        while buffered < count, try fill() {}
        return UnsafeRawBufferPointer(rebasing: storage[start..<(start + min(count, buffered))])
    }

    /// Skips `count` bytes that `peek` returned.
    func skip(_ count: Int) {
        precondition(count <= buffered)
        start += count
    }

    /// Fills `buffer` completely unless the input ends first; returns the bytes read.
    /// Large reads bypass the internal buffer once it is drained.
    func readFully(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var filled = 0
        if buffered > 0 {
            let take = min(buffered, buffer.count)
            buffer.baseAddress!.copyMemory(from: storage.baseAddress! + start, byteCount: take)
            start += take
            filled = take
        }
        while filled < buffer.count, !sourceEnded {
            let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if n == 0 { sourceEnded = true } else { filled += n }
        }
        return filled
    }

    /// Whether any input is left (reads ahead at most one buffer).
    func hasMoreInput() throws -> Bool {
        if buffered > 0 { return true }
        return try fill() && buffered > 0
    }
}
