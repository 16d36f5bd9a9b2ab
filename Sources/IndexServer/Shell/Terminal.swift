import Glibc

/// Standard input in raw mode: keys arrive one by one, without echo; the previous mode comes
/// back on `restore`.
final class Terminal {
    private var saved = termios()
    private var active = false

    /// Switches standard input to raw mode.
    /// - Throws: when standard input is not a terminal.
    init() throws(UsageError) {
        guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &saved) == 0 else {
            throw UsageError("the shell needs a terminal on standard input")
        }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        raw.c_oflag &= ~tcflag_t(OPOST)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw)
        active = true
    }

    /// Bytes typed, waiting for at least one.
    func read() -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = buffer.withUnsafeMutableBytes { Glibc.read(STDIN_FILENO, $0.baseAddress, $0.count) }
        return n > 0 ? Array(buffer[..<n]) : [0x04]
    }

    /// Writes text as is.
    func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    /// Restores the mode the terminal had.
    func restore() {
        guard active else { return }
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
        active = false
    }

    deinit { restore() }
}
