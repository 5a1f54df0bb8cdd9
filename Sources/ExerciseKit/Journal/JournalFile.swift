import Foundation

/// A team journal on disk: append-only JSON Lines with a hash chain.
///
/// Two `exercise open` runs may append at the same time (two operators, or a script), so
/// every read-check-append happens under an exclusive `flock` on the file: the replay check
/// and the entry that records the message are one atomic step, and no line is ever
/// interleaved with another. Appends are one `write` of whole lines followed by `fsync`.
public struct JournalFile: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Reads and verifies the journal under a shared lock.
    public func read() throws -> JournalContents {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw unavailable(errno) }
        defer { close(fd) }
        guard flock(fd, LOCK_SH) == 0 else { throw unavailable(errno) }
        defer { flock(fd, LOCK_UN) }
        return JournalVerifier.verify(try readAll(fd))
    }

    /// Locks the journal (creating it if needed), reads and verifies it, and lets `body`
    /// decide what to append; the drafts it returns are chained, written and synced before
    /// the lock is released. Nothing is appended if `body` throws.
    ///
    /// A journal that fails verification is not appended to: the team must look at it
    /// (`exercise journal verify`) or start a new one, rather than extend a broken chain.
    public func append<T>(_ body: (JournalContents) throws -> (drafts: [JournalDraft], result: T)) throws -> T {
        let existed = FileManager.default.fileExists(atPath: path)
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw unavailable(errno) }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw unavailable(errno) }
        defer { flock(fd, LOCK_UN) }

        let existing = try readAll(fd)
        let contents = JournalVerifier.verify(existing)
        guard contents.isIntact else { throw ExerciseError.journalDamaged(contents.findings) }
        let (drafts, result) = try body(contents)
        guard !drafts.isEmpty else { return result }

        var bytes: [UInt8] = []
        var prev = contents.lastLine.map { Hex.sha256($0) } ?? JournalEntry.firstPrev
        var seq = contents.nextSeq
        for draft in drafts {
            let line = JournalEntry(seq: seq, draft: draft, prev: prev).line
            bytes += line + [UInt8(ascii: "\n")]
            prev = Hex.sha256(line)
            seq += 1
        }
        do {
            try writeAll(fd, bytes)
        } catch {
            // A full disk (or a file-size limit) can cut the write short after some bytes:
            // take them back, so the journal keeps its last complete entry and still verifies.
            _ = ftruncate(fd, off_t(existing.count))
            throw error
        }
        guard fsync(fd) == 0 else { throw unavailable(errno) }
        if !existed { syncDirectory() }
        return result
    }

    private func readAll(_ fd: Int32) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var offset: off_t = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw unavailable(errno)
            }
            if n == 0 { return bytes }
            bytes += buffer[0..<n]
            offset += off_t(n)
        }
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, base + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw unavailable(errno)
                }
                offset += n
            }
        }
    }

    /// Makes the new file's directory entry durable too.
    private func syncDirectory() {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let fd = open(directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    private func unavailable(_ code: Int32) -> ExerciseError {
        .journalUnavailable(path: path, reason: String(cString: strerror(code)))
    }
}
