import Foundation

/// Turns a terminal's echo off for a passphrase prompt and makes sure it comes back on.
///
/// A `defer` alone is not enough: Ctrl-C (or a SIGTERM, SIGHUP or SIGQUIT) while the prompt
/// waits in `read` kills the process without unwinding, and the user's shell is left with
/// echo off. So while echo is off, those signals run a handler that puts the saved terminal
/// settings back (with `tcsetattr` and `write` only, which are async-signal-safe), restores
/// the signal's previous disposition and raises it again: the process still dies of the
/// signal, so a shell sees 130 after Ctrl-C. A signal that was ignored when the prompt began
/// stays ignored. The handlers are global, so only one guard may be active at a time (a
/// command asks one passphrase at a time, on its main thread).
enum EchoGuard {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// What the handler needs, kept where it can read it without locks or allocation; set
    /// before the handlers are installed.
    nonisolated(unsafe) private static let terminal = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    nonisolated(unsafe) private static let savedSettings = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    /// Indexed by signal number (Linux has 64).
    nonisolated(unsafe) private static let previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)

    /// Runs `body` with echo off on the terminal `fd`. If `fd` is not a terminal, runs it as is.
    static func withEchoOff<Value>(on fd: Int32, _ body: () throws -> Value) rethrows -> Value {
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { return try body() }
        terminal.pointee = fd
        savedSettings.pointee = saved
        let caught = installHandlers()
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(fd, TCSAFLUSH, &silent)
        defer {
            // Echo first, then the handlers: a signal in between finds echo already back.
            tcsetattr(fd, TCSAFLUSH, &saved)
            for signal in caught { sigaction(signal, previousActions + Int(signal), nil) }
        }
        return try body()
    }

    /// Installs `restoreAndReraise` for each of `signals` not ignored; returns those.
    private static func installHandlers() -> [Int32] {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = restoreAndReraise
        sigemptyset(&action.sa_mask)
        for signal in signals { sigaddset(&action.sa_mask, signal) }
        var caught: [Int32] = []
        for signal in signals {
            let previous = previousActions + Int(signal)
            sigaction(signal, nil, previous)
            if let handler = previous.pointee.__sigaction_handler.sa_handler,
                unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
            {
                continue
            }
            sigaction(signal, &action, nil)
            caught.append(signal)
        }
        return caught
    }

    /// The signal handler: echo back on, a newline so the shell's prompt starts on its own
    /// line, then the signal again under its previous disposition (delivered when the
    /// handler returns, since the signal is blocked while it runs).
    private static let restoreAndReraise: @convention(c) (Int32) -> Void = { signal in
        tcsetattr(EchoGuard.terminal.pointee, TCSAFLUSH, EchoGuard.savedSettings)
        let newline: StaticString = "\n"
        _ = write(EchoGuard.terminal.pointee, newline.utf8Start, 1)
        sigaction(signal, EchoGuard.previousActions + Int(signal), nil)
        raise(signal)
    }
}
