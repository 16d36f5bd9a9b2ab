import ContactIndex
import Glibc

/// Log lines on standard error: `<UTC time> <LEVEL> <message>`.
enum ServerLog {
    enum Level: String {
        case info = "INFO", warning = "WARN", error = "ERROR"
    }

    static func info(_ message: String) { write(.info, message) }
    static func warning(_ message: String) { write(.warning, message) }
    static func error(_ message: String) { write(.error, message) }

    static func write(_ level: Level, _ message: String) {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let millis = Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
        let line = Array("\(ISOTime.format(milliseconds: millis)) \(level.rawValue) \(message)\n".utf8)
        _ = line.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
