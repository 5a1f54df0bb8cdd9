import Foundation

/// A pseudo-terminal whose child process has it as its controlling terminal (`/dev/tty`), so
/// a test can answer a passphrase prompt, press Ctrl-C, and then read the terminal settings
/// the way the user's shell would find them. Linux only: the child gets its own session
/// through glibc's `POSIX_SPAWN_SETSID`.
final class PseudoTerminal {
    enum Failure: Error, CustomStringConvertible {
        case system(String, Int32)
        case timedOut(waitingFor: String, output: String)

        var description: String {
            switch self {
            case .system(let call, let code): return "\(call): \(String(cString: strerror(code)))"
            case .timedOut(let text, let output): return "no \"\(text)\" on the terminal; it shows \"\(output)\""
            }
        }
    }

    /// How the child ended: the exit status, or the signal that killed it.
    enum Ending: Equatable, CustomStringConvertible {
        case exited(Int32)
        case killed(Int32)

        var description: String {
            switch self {
            case .exited(let status): return "exit status \(status)"
            case .killed(let signal): return "killed by signal \(signal)"
            }
        }
    }

    /// `POSIX_SPAWN_SETSID` from glibc's spawn.h (since 2.26), which Swift does not import
    /// because it is declared only with _GNU_SOURCE.
    private static let spawnNewSession: Int32 = 0x80
    /// Not a timed test: only how long to wait before calling a hung child a failure.
    private static let patience: Int32 = 60_000

    /// The pseudo-terminal calls of libc, which Swift does not import either (glibc declares
    /// them only for _XOPEN_SOURCE), looked up by name.
    private struct Calls {
        typealias Descriptor = @convention(c) (Int32) -> Int32
        let openMaster: Descriptor
        let grant: Descriptor
        let unlock: Descriptor
        let name: @convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32

        init() throws {
            func lookUp<Function>(_ symbol: String, as type: Function.Type) throws -> Function {
                guard let library = dlopen(nil, RTLD_NOW), let address = dlsym(library, symbol) else {
                    throw Failure.system("dlsym \(symbol)", ENOSYS)
                }
                return unsafeBitCast(address, to: type)
            }
            openMaster = try lookUp("posix_openpt", as: Descriptor.self)
            grant = try lookUp("grantpt", as: Descriptor.self)
            unlock = try lookUp("unlockpt", as: Descriptor.self)
            name = try lookUp("ptsname_r", as: (@convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32).self)
        }
    }

    private let master: Int32
    let pid: pid_t
    private var ending: Ending?
    /// Everything the child wrote to the terminal so far.
    private(set) var output = Data()

    /// Starts `executable` with `arguments` on a new terminal, with the default disposition for the signals a terminal sends and none blocked.
    init(running executable: URL, _ arguments: [String]) throws {
        let calls = try Calls()
        master = calls.openMaster(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw Failure.system("posix_openpt", errno) }
        var name = [CChar](repeating: 0, count: 128)
        guard calls.grant(master) == 0, calls.unlock(master) == 0, calls.name(master, &name, name.count) == 0 else {
            let code = errno
            close(master)
            throw Failure.system("grantpt/unlockpt/ptsname_r", code)
        }
        let terminalPath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid() and without O_NOCTTY, the terminal becomes the controlling one.
        posix_spawn_file_actions_addopen(&actions, 0, terminalPath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var terminalSignals = sigset_t()
        sigemptyset(&terminalSignals)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&terminalSignals, signal) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &terminalSignals)
        posix_spawnattr_setflags(
            &attributes, Int16(Self.spawnNewSession | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let code = posix_spawn(&child, executable.path, &actions, &attributes, argv, environ)
        guard code == 0 else {
            close(master)
            throw Failure.system("posix_spawn \(executable.path)", code)
        }
        pid = child
    }

    /// Reads what the child writes until `text` has appeared (anywhere in the output so far).
    func read(until text: String) throws {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !String(decoding: output, as: UTF8.self).contains(text) {
            var waiting = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&waiting, 1, Self.patience) == 1 else {
                throw Failure.timedOut(waitingFor: text, output: String(decoding: output, as: UTF8.self))
            }
            let count = Foundation.read(master, &buffer, buffer.count)
            // EIO: the child closed the terminal, so the text will not come.
            guard count > 0 else {
                throw Failure.timedOut(waitingFor: text, output: String(decoding: output, as: UTF8.self))
            }
            output.append(contentsOf: buffer[..<count])
        }
    }

    /// Types `text` at the terminal, as a user would (a "\u{3}" is Ctrl-C).
    func type(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard Foundation.write(master, bytes, bytes.count) == bytes.count else { throw Failure.system("write", errno) }
    }

    /// Whether the terminal echoes what is typed (its `ECHO` local flag, as `stty -a` shows).
    func echoes() throws -> Bool {
        var settings = termios()
        // On Linux the master reports the settings of the terminal side.
        guard tcgetattr(master, &settings) == 0 else { throw Failure.system("tcgetattr", errno) }
        return settings.c_lflag & tcflag_t(ECHO) != 0
    }

    /// Waits for the child to end, reading its last output so it cannot block on a full terminal.
    func waitForEnd() -> Ending {
        if let ending { return ending }
        var status: Int32 = 0
        let deadline = DispatchTime.now() + .milliseconds(Int(Self.patience))
        while waitpid(pid, &status, WNOHANG) == 0 {
            if DispatchTime.now() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            var waiting = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&waiting, 1, 10) == 1 {
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = Foundation.read(master, &buffer, buffer.count)
                if count > 0 { output.append(contentsOf: buffer[..<count]) }
            }
        }
        // The wait status layout of Linux: the low 7 bits hold the signal, 0 for an exit.
        let signal = status & 0x7f
        let result: Ending = signal == 0 ? .exited((status >> 8) & 0xff) : .killed(signal)
        ending = result
        return result
    }

    deinit {
        if ending == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }
}
