import ContactGenerator
import ContactIndex
import Foundation

/// The real server over loopback: PING and keystroke searches one at a time on one connection,
/// then PUTs pipelined into an empty server.
enum ServerBenchmark {
    static func run(_ options: BenchOptions, _ report: Report) {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("contact-index")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            print("\n## Loopback server: skipped, \(executable.path) is not built (swift build -c release builds it)")
            return
        }
        let generator = ContactGenerator(seed: options.seed)
        // Searches: a server over the contacts bulk-loaded in ranking order, as `serve --demo` does.
        let searched = ServerProcess(executable, ["--demo", String(options.contacts), "--seed", String(options.seed)])
        defer { searched.stop() }
        let client = BenchClient(port: searched.port)!
        let sessions = SessionGenerator(contacts: generator, contactCount: options.contacts, seed: options.seed)
        let queries = (0..<options.sessions).flatMap { sessions.session($0).queries }
        for query in queries.prefix(max(1, queries.count / 10)) { _ = roundTrip(client, "SEARCH " + query) }
        var pingRuns: [LatencySummary] = []
        var searchRuns: [[(Int, UInt64)]] = []
        for _ in 0..<options.repetitions {
            pingRuns.append(LatencySummary((0..<max(1000, queries.count / 4)).map { _ in roundTrip(client, "PING") }))
            searchRuns.append(queries.map { ($0.count, roundTrip(client, "SEARCH " + $0)) })
        }
        var rows: [[String]] = []
        var figures: [(key: String, value: JSONValue)] = []
        func row(_ label: String, _ runs: [LatencySummary], target: String = "") {
            let p50 = median(runs.map(\.p50)), p99 = median(runs.map(\.p99))
            rows.append([label, grouped(Double(runs[0].count)), decimal(p50), decimal(p99), target])
            figures.append((label, .object(JSONObject([("p50", .number(decimal(p50))), ("p99", .number(decimal(p99)))]))))
        }
        row("PING (the floor)", pingRuns)
        let pingP50 = median(pingRuns.map(\.p50))
        let all = searchRuns.map { LatencySummary($0.map(\.1)) }
        row("SEARCH, every keystroke", all, target: "p50 ≤ PING p50 + 15 = \(decimal(pingP50 + 15))")
        for (label, lengths) in [("1 character", 1...1), ("2 characters", 2...2), ("3 characters", 3...3), ("4+ characters", 4...Int.max)] {
            row("SEARCH, " + label, searchRuns.map { LatencySummary($0.filter { lengths.contains($0.0) }.map(\.1)) })
        }
        searched.stop()
        // Writes: PUTs pipelined on one connection into an empty server, each acknowledged on disk.
        let loaded = ServerProcess(executable, [])
        defer { loaded.stop() }
        let writer = BenchClient(port: loaded.port)!
        for key in SearchBenchmark.schema.fields.keys.sorted() {
            writer.write(Array("FIELD \(key) {\"searchable\":true}\n".utf8))
            writer.readLine()
        }
        let loadRate = pipelinedLoad(writer, generator, options.contacts)
        rows.append(["pipelined PUT load, contacts/s", grouped(Double(options.contacts)), grouped(loadRate), "", "≥ 100,000"])
        figures.append(("pipelinedPutPerSecond", .int(Int(loadRate))))
        report.table(
            "loopback",
            title: "Loopback server, one connection, one request at a time, µs (median of \(options.repetitions) runs)",
            columns: ["request", "count", "p50", "p99", "target"], rows: rows, figures: .object(JSONObject(figures)))
    }

    /// Microseconds of one request's round trip, in nanoseconds.
    private static func roundTrip(_ client: BenchClient, _ line: String) -> UInt64 {
        let bytes = Array((line + "\n").utf8)
        let start = Stopwatch.now()
        client.write(bytes)
        client.readLine()
        return Stopwatch.now() - start
    }

    /// Contacts per second of PUTs pipelined on one connection under `--fsync always`.
    private static func pipelinedLoad(_ client: BenchClient, _ generator: ContactGenerator, _ count: Int) -> Double {
        let lines = (0..<count).map { Array(("PUT " + JSONWriter.string(generator.contact($0).json) + "\n").utf8) }
        let start = Stopwatch.now()
        let sender = Thread {
            var batch: [UInt8] = []
            for line in lines {
                batch += line
                if batch.count >= 256 << 10 {
                    client.write(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            client.write(batch)
        }
        sender.start()
        var failed = 0
        for _ in 0..<count where !client.readLine() { failed += 1 }
        precondition(failed == 0, "\(failed) PUTs failed")
        return Double(count) / (Double(Stopwatch.now() - start) / 1e9)
    }
}

/// A `contact-index serve` process on an ephemeral port over a temporary data folder.
final class ServerProcess {
    private let process = Process()
    private let folder = TemporaryFolder.make("server")
    private(set) var port = 0
    private var stopped = false

    init(_ executable: URL, _ arguments: [String]) {
        process.executableURL = executable
        process.arguments = ["serve", "--data", folder, "--port", "0", "--snapshot-every", "0", "--snapshot-seconds", "0"] + arguments
        let errors = Pipe()
        process.standardError = errors
        try! process.run()
        var log = ""
        while port == 0 {
            let chunk = errors.fileHandleForReading.availableData
            guard !chunk.isEmpty else { fatalError("the server did not start: \(log)") }
            log += String(decoding: chunk, as: UTF8.self)
            if let range = log.range(of: #"listening on 127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                port = Int(log[range].split(separator: ":").last!)!
            }
        }
    }

    /// Stops the server without a final snapshot and removes its folder.
    func stop() {
        guard !stopped else { return }
        stopped = true
        process.terminate()
        process.waitUntilExit()
        TemporaryFolder.remove(folder)
    }
}
