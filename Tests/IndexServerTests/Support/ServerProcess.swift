import Foundation
import Glibc

/// The real `contact-index serve` in a child process, for tests of signals and crashes.
final class ServerProcess {
    let process = Process()
    private(set) var port = 0
    private let errors = Pipe()
    private var log: [UInt8] = []

    /// The `contact-index` executable built beside the test bundle.
    static var executable: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return exe.deletingLastPathComponent().appendingPathComponent("contact-index")
    }

    /// Starts `serve` on an ephemeral port over `folder` and waits until it listens.
    init(folder: String, arguments: [String] = []) throws {
        process.executableURL = Self.executable
        process.arguments = ["serve", "--data", folder, "--port", "0"] + arguments
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date(timeIntervalSinceNow: 60)
        while port == 0 {
            guard Date() < deadline, process.isRunning else {
                throw TestFailure("the server did not start: \(stderrText)")
            }
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { usleep(10_000) }
            log += chunk
            if let range = stderrText.range(of: #"listening on 127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                port = Int(stderrText[range].split(separator: ":").last!)!
            }
        }
    }

    /// What the server wrote on standard error so far.
    var stderrText: String { String(decoding: log, as: UTF8.self) }

    /// Sends a signal and waits for the exit; gives the exit status.
    @discardableResult
    func stop(signal: Int32) -> Int32 {
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        log += errors.fileHandleForReading.readDataToEndOfFile()
        return process.terminationStatus
    }
}
