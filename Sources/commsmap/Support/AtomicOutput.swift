import Foundation

/// An output file that appears only when complete: bytes go to a temporary file beside the
/// target, which is renamed over it on `commit()`. Dropped without `commit()`, or after
/// `discard()`, the temporary file is removed and the target is untouched, so a failed
/// decryption or verification never leaves partial output behind.
///
/// `-` (or nil) means stdout, which cannot be taken back: callers that must not release
/// unauthenticated data to stdout buffer or authenticate first.
///
/// A durable output is flushed to disk (`fsync`) before the rename, so that it survives a
/// power failure as well. That is for files that cannot be made again, such as new keys;
/// it costs a wait for the disk proportional to the file's size.
final class AtomicOutput {
    enum Failure: Error, CustomStringConvertible {
        case exists(String)
        case create(String, String)
        case write(String, String)
        case rename(String, String)

        var description: String {
            switch self {
            case .exists(let path): return "\(path) already exists; refusing to overwrite it"
            case .create(let path, let why): return "cannot create \(path): \(why)"
            case .write(let path, let why): return "cannot write \(path): \(why)"
            case .rename(let path, let why): return "cannot move the output into place at \(path): \(why)"
            }
        }
    }

    /// The final path, or nil for stdout.
    let path: String?
    private let temporaryPath: String?
    private let overwrite: Bool
    private let durable: Bool
    private var descriptor: Int32
    private var finished = false

    /// Opens an output. `mode` is applied to the new file (0600 for secrets).
    /// With `overwrite: false`, an existing target is refused before anything is written.
    /// With `durable: false`, `commit()` renames without `fsync`: for outputs that can be
    /// made again from their input (the rename still keeps a failed run from leaving a
    /// partial file; only a power failure right after the run could lose the new file).
    init(path: String?, mode: mode_t = 0o644, overwrite: Bool = true, durable: Bool = true) throws {
        self.durable = durable
        guard let path, path != "-" else {
            self.path = nil
            temporaryPath = nil
            self.overwrite = true
            descriptor = 1
            return
        }
        if !overwrite { try Self.refuseExisting(path) }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var template = Array("\(directory)/.\(url.lastPathComponent).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Failure.create(path, String(cString: strerror(errno))) }
        fchmod(fd, mode)
        self.path = path
        self.overwrite = overwrite
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        descriptor = fd
    }

    /// Throws `exists` if something is at `path` (nil or `-` is stdout, never refused), for
    /// commands that check before a slow or interactive step and open the output after it.
    static func refuseExisting(_ path: String?) throws {
        guard let path, path != "-" else { return }
        if FileManager.default.fileExists(atPath: path) { throw Failure.exists(path) }
    }

    /// Appends bytes; retries short writes.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure.write(path ?? "standard output", String(cString: strerror(errno)))
            }
            offset += n
        }
    }

    func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write($0) }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Flushes to disk (when durable) and renames the temporary file over the target.
    func commit() throws {
        guard !finished else { return }
        finished = true
        guard let path, let temporaryPath else { return }
        if durable, fsync(descriptor) != 0 {
            let why = String(cString: strerror(errno))
            close(descriptor)
            unlink(temporaryPath)
            throw Failure.write(path, why)
        }
        close(descriptor)
        if !overwrite {
            try placeWithoutOverwriting(temporaryPath, at: path)
            return
        }
        if rename(temporaryPath, path) != 0 {
            let why = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw Failure.rename(path, why)
        }
    }

    /// Moves the temporary file to `path` unless something is there by now. The check in
    /// `init` is not enough: another process (a second `keygen -o` with the same name) may
    /// create the file meanwhile, and `rename` would silently replace it. `link` fails with
    /// EEXIST instead, atomically; where the file system has no hard links, `rename` after
    /// a fresh check is the fallback.
    private func placeWithoutOverwriting(_ temporaryPath: String, at path: String) throws {
        defer { unlink(temporaryPath) }
        if link(temporaryPath, path) == 0 { return }
        let code = errno
        if code == EEXIST { throw Failure.exists(path) }
        guard code == EPERM || code == EOPNOTSUPP || code == ENOTSUP else {
            throw Failure.rename(path, String(cString: strerror(code)))
        }
        if FileManager.default.fileExists(atPath: path) { throw Failure.exists(path) }
        if rename(temporaryPath, path) != 0 { throw Failure.rename(path, String(cString: strerror(errno))) }
    }

    /// Removes the temporary file; the target keeps its old state.
    func discard() {
        guard !finished else { return }
        finished = true
        guard let temporaryPath else { return }
        close(descriptor)
        unlink(temporaryPath)
    }

    deinit { discard() }
}
