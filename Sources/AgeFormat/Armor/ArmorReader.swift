/// Reads the bytes inside an armored age file, checking the armor strictly as it goes.
///
/// An error found on a line is raised only after the bytes of the lines before it have been
/// handed out, as age does, so that plaintext released before an armor error is the same
/// in both implementations.
final class ArmorReader: ByteSource {
    private enum State {
        case beforeBegin
        case inBody
        /// After a short line: only the END line may follow.
        case expectingEnd
        case ended
    }

    private let reader: BufferedReader
    private var state = State.beforeBegin
    private let decoded = UnsafeMutableRawBufferPointer.allocate(byteCount: AgeArmor.bytesPerLine + 3, alignment: 16)
    private var decodedStart = 0
    private var decodedEnd = 0
    private var deferredError: AgeError?
    /// Longest line looked at: whitespace lines before BEGIN may be long, data lines may not.
    private static let lineLimit = AgeArmor.whitespaceLimit + 2

    init(_ reader: BufferedReader) { self.reader = reader }

    deinit { decoded.deallocate() }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var written = 0
        while written < buffer.count {
            if decodedStart == decodedEnd, state == .inBody, deferredError == nil,
                buffer.count - written >= AgeArmor.bytesPerLine
            {
                written += try decodeFullLines(into: buffer.baseAddress! + written, room: buffer.count - written)
            }
            if decodedStart < decodedEnd {
                let take = min(decodedEnd - decodedStart, buffer.count - written)
                (buffer.baseAddress! + written).copyMemory(from: decoded.baseAddress! + decodedStart, byteCount: take)
                decodedStart += take
                written += take
                continue
            }
            if case .ended = state { break }
            if let deferredError {
                if written > 0 { break }
                throw deferredError
            }
            do {
                try decodeNextLine()
            } catch let error as AgeError {
                deferredError = error
            }
        }
        return written
    }

    /// The fast path for the body: decodes full lines (64 characters of the alphabet and a
    /// `\n`) straight into `output`, as many as fit in `room` bytes, and returns the bytes
    /// written. It stops at anything else (a short, padded, CRLF or damaged line, the END
    /// line, the end of the buffered input), which `decodeNextLine` then handles, so every
    /// line is checked exactly as there.
    private func decodeFullLines(into output: UnsafeMutableRawPointer, room: Int) throws -> Int {
        let lineBytes = AgeArmor.columnsPerLine + 1
        var written = 0
        while room - written >= AgeArmor.bytesPerLine {
            let line = try reader.peek(lineBytes)
            guard line.count == lineBytes, line[AgeArmor.columnsPerLine] == UInt8(ascii: "\n"),
                line[AgeArmor.columnsPerLine - 1] != UInt8(ascii: "="),
                ArmorBase64.decode(UnsafeRawBufferPointer(rebasing: line[..<AgeArmor.columnsPerLine]), into: output + written)
                    == AgeArmor.bytesPerLine
            else { break }
            reader.skip(lineBytes)
            written += AgeArmor.bytesPerLine
        }
        return written
    }

    /// A line with a trailing `\r` removed (CRLF is accepted).
    private func line() throws -> UnsafeRawBufferPointer {
        switch try reader.nextLine(limit: Self.lineLimit) {
        case .line(let bytes):
            return bytes.last == UInt8(ascii: "\r") ? UnsafeRawBufferPointer(rebasing: bytes.dropLast()) : bytes
        case .unterminated(let bytes):
            guard !bytes.isEmpty else {
                throw AgeError.armor(
                    state == .beforeBegin
                        ? "no -----BEGIN AGE ENCRYPTED FILE----- line"
                        : "the input ends before the -----END AGE ENCRYPTED FILE----- line")
            }
            return bytes.last == UInt8(ascii: "\r") ? UnsafeRawBufferPointer(rebasing: bytes.dropLast()) : bytes
        case .tooLong:
            throw AgeError.armor("a line is longer than \(AgeArmor.columnsPerLine) columns")
        }
    }

    private func decodeNextLine() throws {
        decodedStart = 0
        decodedEnd = 0
        switch state {
        case .beforeBegin:
            var skipped = 0
            while true {
                let current = try line()
                if current.allSatisfy(AgeArmor.isWhitespace) {
                    skipped += current.count + 1
                    guard skipped <= AgeArmor.whitespaceLimit else {
                        throw AgeError.armor(
                            "more than \(AgeArmor.whitespaceLimit) bytes of whitespace before the armor")
                    }
                    continue
                }
                guard current.elementsEqual(AgeArmor.beginLine) else {
                    throw AgeError.armor(
                        "the first line is \(HeaderParser.quoted(current)), not -----BEGIN AGE ENCRYPTED FILE-----")
                }
                state = .inBody
                return
            }
        case .inBody:
            let current = try line()
            if current.elementsEqual(AgeArmor.endLine) { return try end() }
            guard !current.isEmpty else { throw AgeError.armor("empty line inside the armor") }
            guard current.count <= AgeArmor.columnsPerLine else {
                throw AgeError.armor("a line is longer than \(AgeArmor.columnsPerLine) columns")
            }
            guard let count = ArmorBase64.decode(current, into: decoded.baseAddress!) else {
                throw AgeError.armor("a line is not canonical padded base64: \(HeaderParser.quoted(current))")
            }
            decodedEnd = count
            if current.count < AgeArmor.columnsPerLine || count < AgeArmor.bytesPerLine { state = .expectingEnd }
        case .expectingEnd:
            let current = try line()
            guard current.elementsEqual(AgeArmor.endLine) else {
                throw AgeError.armor("a short line must be the last one, followed by -----END AGE ENCRYPTED FILE-----")
            }
            try end()
        case .ended:
            return
        }
    }

    /// After the END line only a little whitespace may follow.
    private func end() throws {
        let rest = try reader.peek(AgeArmor.whitespaceLimit)
        guard rest.allSatisfy(AgeArmor.isWhitespace) else {
            throw AgeError.armor("data after the -----END AGE ENCRYPTED FILE----- line")
        }
        guard rest.count < AgeArmor.whitespaceLimit else {
            throw AgeError.armor("\(AgeArmor.whitespaceLimit) or more bytes of whitespace after the armor")
        }
        reader.skip(rest.count)
        state = .ended
    }
}
