import Foundation

/// Reading key files and passphrases, with the checks users of ssh and minisign expect.
enum SecretFiles {
    enum Failure: Error, CustomStringConvertible {
        case unreadable(String, String)
        case tooOpen(String, mode_t)
        case noTerminal
        case emptyPassphrase

        var description: String {
            switch self {
            case .unreadable(let path, let why): return "cannot read \(path): \(why)"
            case .tooOpen(let path, let mode):
                return "\(path) is readable by group or others (mode \(String(mode & 0o777, radix: 8))); refusing to use a secret key that others can read"
            case .noTerminal: return "a passphrase is needed but there is no terminal to ask on; use --passphrase-file"
            case .emptyPassphrase: return "the passphrase is empty"
            }
        }

        var hint: String? {
            switch self {
            case .tooOpen(let path, _): return "chmod 600 \(path)"
            default: return nil
            }
        }
    }

    /// Reads a secret key file, refusing one that group or others can read.
    /// `-` reads stdin (no permission check is possible there).
    static func readSecret(_ path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw Failure.unreadable(path, String(cString: strerror(errno)))
        }
        if info.st_mode & 0o077 != 0 { throw Failure.tooOpen(path, info.st_mode) }
        return try readPublic(path)
    }

    /// Reads a file that need not be secret (recipients, public keys, cards).
    static func readPublic(_ path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        return Data(try readPublicBytes(path))
    }

    /// Reads a whole file with one `open`, one `fstat` and as few `read`s as its size allows:
    /// `exercise report` reads tens of thousands of small files on every core, where
    /// Foundation's file reading cost more than parsing them (BENCHMARKS.md, exercise report).
    static func readPublicBytes(_ path: String) throws -> [UInt8] {
        if path == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure.unreadable(path, String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure.unreadable(path, String(cString: strerror(errno))) }
        if info.st_mode & S_IFMT == S_IFDIR { throw Failure.unreadable(path, "it is a folder") }
        // The size is a hint: the file may still grow or shrink while it is read.
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0) + 1)
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 4096))) }
            let n = bytes.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { read(fd, $0 + count, buffer.count - count) } ?? 0
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure.unreadable(path, String(cString: strerror(errno)))
            }
            if n == 0 { break }
            count += n
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// The first line of a passphrase file, without its line ending.
    static func passphrase(fromFile path: String) throws -> [UInt8] {
        let data = try readPublic(path)
        var bytes = [UInt8](data)
        if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) { bytes.removeSubrange(newline...) }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        guard !bytes.isEmpty else { throw Failure.emptyPassphrase }
        return bytes
    }

    /// Asks on the controlling terminal without echo. With `confirm`, asks twice.
    static func askPassphrase(_ prompt: String, confirm: Bool = false) throws -> [UInt8] {
        let fd = open("/dev/tty", O_RDWR)
        guard fd >= 0 else { throw Failure.noTerminal }
        defer { close(fd) }
        func ask(_ text: String) -> [UInt8] {
            // Echo goes off before the prompt appears, so nothing typed after it is shown.
            let line = EchoGuard.withEchoOff(on: fd) {
                _ = text.withCString { Foundation.write(fd, $0, strlen($0)) }
                var line: [UInt8] = []
                var byte: UInt8 = 0
                while Foundation.read(fd, &byte, 1) == 1, byte != UInt8(ascii: "\n") {
                    if byte != UInt8(ascii: "\r") { line.append(byte) }
                }
                return line
            }
            _ = "\n".withCString { Foundation.write(fd, $0, 1) }
            return line
        }
        let first = ask("\(prompt): ")
        guard !first.isEmpty else { throw Failure.emptyPassphrase }
        if confirm {
            let second = ask("Confirm passphrase: ")
            guard second == first else {
                throw Failure.unreadable("/dev/tty", "the passphrases do not match")
            }
        }
        return first
    }
}
