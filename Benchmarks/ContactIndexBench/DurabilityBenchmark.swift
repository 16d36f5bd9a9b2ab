import ContactGenerator
import ContactIndex
import Foundation

/// Restart from a snapshot, and acknowledged writes per second under each fsync policy.
enum DurabilityBenchmark {
    static func run(_ options: BenchOptions, _ report: Report) {
        restart(options, report)
        writes(options, report)
    }

    /// A store that neither flushes nor snapshots by itself.
    private static let quiet = StoreOptions(fsync: .no, snapshotAfterMutations: 0, snapshotAfterSeconds: 0)

    static func restart(_ options: BenchOptions, _ report: Report) {
        let folder = TemporaryFolder.make("restart")
        defer { TemporaryFolder.remove(folder) }
        let generator = ContactGenerator(seed: options.seed)
        var snapshot: SnapshotReport!
        do {
            let store = try! ContactStore(folder: folder, options: quiet)
            for (key, definition) in SearchBenchmark.schema.fields { try! store.setField(key, definition) }
            try! store.load((0..<options.contacts).map { try! store.parser.parse(generator.contact($0).json).contact })
            snapshot = try! store.snapshot()
            try! store.close(snapshot: false)
        }
        var seconds: [Double] = []
        for _ in 0..<options.repetitions {
            seconds.append(Stopwatch.seconds {
                let store = try! ContactStore(folder: folder, options: quiet)
                precondition(store.stats().contacts == options.contacts)
                try! store.close(snapshot: false)
            })
        }
        let resident = residentAfterOpen(folder: folder)
        let n = Double(options.contacts)
        let restart = median(seconds)
        report.table(
            "restart", title: "Restart from a snapshot (median of \(options.repetitions) starts)",
            columns: ["what", "value", "target"],
            rows: [
                ["snapshot write, s", decimal(Double(snapshot.tookMillis) / 1000, 2), ""],
                ["snapshot bytes per contact", grouped(Double(snapshot.bytes) / n), ""],
                ["restart (read, check, index), s", decimal(restart, 2), "≤ 3 at 1,000,000"],
                ["restart, contacts/s", grouped(n / restart), ""],
                ["resident bytes per contact after a restart, in a new process", grouped(Double(resident.opened) / n), "≤ 1,024"],
                ["the same after the warm-up of short prefixes", grouped(Double(resident.warm) / n), ""],
            ],
            figures: .object(JSONObject([
                ("snapshotSeconds", .number(decimal(Double(snapshot.tookMillis) / 1000, 2))),
                ("snapshotBytesPerContact", .int(snapshot.bytes / options.contacts)),
                ("restartSeconds", .number(decimal(restart, 2))),
                ("residentBytesPerContactAfterRestart", .int(resident.opened / options.contacts)),
                ("residentBytesPerContactAfterWarmUp", .int(resident.warm / options.contacts)),
            ])))
    }

    /// The argument that makes the benchmark open a store, print its resident size and exit.
    static let residentFlag = "--resident-after-open"

    /// The resident bytes that opening the store in `folder` adds to a new process (this
    /// benchmark started again with `residentFlag`), before and after the warm-up: what a server
    /// holds after a restart, apart from the heap that a bulk load leaves behind.
    private static func residentAfterOpen(folder: String) -> (opened: Int, warm: Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        process.arguments = [residentFlag, folder]
        let output = Pipe()
        process.standardOutput = output
        try! process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let numbers = text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        precondition(process.terminationStatus == 0 && numbers.count == 2, "the resident-size child failed: \(text)")
        return (numbers[0], numbers[1])
    }

    /// Opens the store in `folder` and prints the resident bytes it added, then the same after
    /// the warm-up.
    static func printResidentAfterOpen(folder: String) {
        let baseline = Memory.residentBytes()
        let store = try! ContactStore(folder: folder, options: quiet)
        Memory.trim()
        let opened = Memory.residentBytes() - baseline
        store.warmUp()
        Memory.trim()
        print(opened, Memory.residentBytes() - baseline)
        try! store.close(snapshot: false)
    }

    static func writes(_ options: BenchOptions, _ report: Report) {
        let generator = ContactGenerator(seed: options.seed)
        let bodies = (0..<4096).map { JSONWriter.bytes(generator.contact($0).json) }
        var rows: [[String]] = []
        var figures: [(key: String, value: JSONValue)] = []
        for policy in FsyncPolicy.allCases {
            for writers in [1, 16] {
                let folder = TemporaryFolder.make("writes")
                defer { TemporaryFolder.remove(folder) }
                let store = try! ContactStore(
                    folder: folder, options: StoreOptions(fsync: policy, snapshotAfterMutations: 0, snapshotAfterSeconds: 0))
                let rates = (0..<min(options.repetitions, 3)).map { _ in rate(store, writers: writers, bodies: bodies) }
                try! store.close(snapshot: false)
                let perSecond = median(rates)
                rows.append([policy.rawValue, String(writers), grouped(perSecond)])
                figures.append(("\(policy.rawValue)-\(writers)", .int(Int(perSecond))))
            }
        }
        report.table(
            "writes", title: "Acknowledged writes per second (upserts, median of \(min(options.repetitions, 3)) one-second runs)",
            columns: ["fsync", "writers", "writes/s"], rows: rows, figures: .object(JSONObject(figures)))
    }

    /// Upserts per second by `writers` threads for one second, each upsert waiting for its ack.
    private static func rate(_ store: ContactStore, writers: Int, bodies: [[UInt8]]) -> Double {
        let tally = Tally()
        let start = Stopwatch.now()
        let deadline = start + 1_000_000_000
        for w in 0..<writers {
            Thread {
                var count = 0
                while Stopwatch.now() < deadline {
                    _ = try! store.upsert(jsonBytes: bodies[(w * 257 + count) % bodies.count])
                    count += 1
                }
                tally.add(count)
            }.start()
        }
        let total = tally.wait(for: writers)
        return Double(total) / (Double(Stopwatch.now() - start) / 1e9)
    }
}

/// Counts of writer threads, summed as each one finishes.
private final class Tally: @unchecked Sendable {
    private let condition = NSCondition()
    private var finished = 0
    private var total = 0

    func add(_ count: Int) {
        condition.withLock {
            finished += 1
            total += count
            condition.broadcast()
        }
    }

    /// The total once `writers` have finished.
    func wait(for writers: Int) -> Int {
        condition.withLock {
            while finished < writers { condition.wait() }
            return total
        }
    }
}
