import ContactGenerator
import ContactIndex
import Dispatch
import Foundation
import Tokenizer

/// Bulk load, memory, keystroke latency, throughput and quality of the in-process index.
enum SearchBenchmark {
    static let schema = FieldSchema(fields: [
        "company": CustomFieldDefinition(searchable: true, label: "Company"),
        "document": CustomFieldDefinition(searchable: true, label: "Document"),
    ])

    static func run(_ options: BenchOptions, _ report: Report) {
        let generator = ContactGenerator(seed: options.seed)
        let index = try! ContactIndex(defaultRegion: "BR", schema: schema)

        // Load: JSON lines parsed and indexed, as an import would.
        Memory.trim()
        let baseline = Memory.residentBytes()
        var lines: [[UInt8]] = []
        lines.reserveCapacity(options.contacts)
        var jsonBytes = 0
        for i in 0..<options.contacts {
            let line = JSONWriter.bytes(generator.contact(i).json)
            jsonBytes += line.count
            lines.append(line)
        }
        var parse = (wall: 0.0, cpu: 0.0)
        var load = (wall: 0.0, cpu: 0.0)
        do {
            var contacts: [Contact] = []
            contacts.reserveCapacity(lines.count)
            parse = Stopwatch.secondsAndCPU {
                for line in lines { contacts.append(try! index.parser.parse(line).contact) }
            }
            lines = []
            load = Stopwatch.secondsAndCPU { index.load(contacts) }
        }
        let (parseSeconds, loadSeconds) = (parse.wall, load.wall)
        let warmSeconds = Stopwatch.seconds { index.warmUp() }
        Memory.trim()
        let resident = Memory.residentBytes() - baseline
        let stats = index.stats()
        let n = Double(options.contacts)
        report.table(
            "load", title: "Bulk load and memory, in process",
            columns: ["what", "value", "target"],
            rows: [
                ["contacts", grouped(n), ""],
                ["parse JSON, contacts/s", grouped(n / parseSeconds), ""],
                ["index, contacts/s (sorted by rank; each batch prepared on a second thread)", grouped(n / loadSeconds), ""],
                ["parse + index, contacts/s", grouped(n / (parseSeconds + loadSeconds)), ""],
                ["parse + index, contacts per CPU-second (one core's worth)", grouped(n / (parse.cpu + load.cpu)), "≥ 200,000"],
                ["warm-up of short prefixes, s", decimal(warmSeconds, 2), ""],
                ["resident bytes per contact after load", grouped(Double(resident) / n), "≤ 1,024"],
                ["index estimate, bytes per contact", grouped(Double(stats.memoryBytes) / n), ""],
                ["raw JSON bytes per contact", grouped(Double(jsonBytes) / n), ""],
                ["distinct keys", grouped(Double(stats.keys)), ""],
            ],
            figures: .object(JSONObject([
                ("contacts", .int(options.contacts)),
                ("parsePerSecond", .int(Int(n / parseSeconds))), ("indexPerSecond", .int(Int(n / loadSeconds))),
                ("loadPerSecond", .int(Int(n / (parseSeconds + loadSeconds)))),
                ("loadPerCPUSecond", .int(Int(n / (parse.cpu + load.cpu)))),
                ("residentBytesPerContact", .int(resident / options.contacts)),
                ("estimatedBytesPerContact", .int(stats.memoryBytes / options.contacts)),
                ("jsonBytesPerContact", .int(jsonBytes / options.contacts)),
                ("keys", .int(stats.keys)),
            ])))
        keystrokes(index, generator, options, report)
        TypoBenchmark.run(index, generator, options, report)
    }

    struct Sample {
        let length: Int
        let field: TypedField
        let nanos: UInt64
        let query: String
    }

    static func keystrokes(_ index: ContactIndex, _ generator: ContactGenerator, _ options: BenchOptions, _ report: Report) {
        let sessions = SessionGenerator(contacts: generator, contactCount: options.contacts, seed: options.seed)
        let all = (0..<options.sessions).map { sessions.session($0) }
        // Warm-up: a tenth of the sessions, untimed.
        for session in all.prefix(max(1, all.count / 10)) {
            for query in session.queries { _ = try? index.search(SearchQuery(query)) }
        }
        var runs: [[Sample]] = []
        var quality = Quality()
        for repetition in 0..<options.repetitions {
            var samples: [Sample] = []
            for session in all {
                var firstInTop: Int?
                var lastHits: [SearchHit] = []
                var lastTotal = 0
                for (k, query) in session.queries.enumerated() {
                    let q = SearchQuery(query)
                    let start = Stopwatch.now()
                    let result = try! index.search(q)
                    let elapsed = Stopwatch.now() - start
                    samples.append(Sample(length: query.count, field: session.field, nanos: elapsed, query: query))
                    if firstInTop == nil, result.hits.contains(where: { $0.id == session.target }) { firstInTop = k + 1 }
                    lastHits = result.hits
                    lastTotal = result.total
                }
                if repetition == 0 {
                    quality.add(found: lastHits.contains { $0.id == session.target }, total: lastTotal, keystrokes: firstInTop)
                }
            }
            runs.append(samples)
        }
        func summary(_ filter: (Sample) -> Bool) -> (Int, Double, Double, Double, Double) {
            let summaries = runs.map { LatencySummary($0.filter(filter).map(\.nanos)) }
            return (summaries[0].count, median(summaries.map(\.p50)), median(summaries.map(\.p95)),
                    median(summaries.map(\.p99)), median(summaries.map(\.max)))
        }
        var rows: [[String]] = []
        var figures: [(key: String, value: JSONValue)] = []
        func row(_ label: String, _ filter: (Sample) -> Bool, target: Bool = false) {
            let (count, p50, p95, p99, max) = summary(filter)
            guard count > 0 else { return }
            rows.append([label, grouped(Double(count)), decimal(p50), decimal(p95), decimal(p99), decimal(max)]
                + (target ? ["≤ 20 / 200 / 2,000", p50 <= 20 && p99 <= 200 && max <= 2000 ? "met" : "not met"] : ["", ""]))
            figures.append((label, .object(JSONObject([
                ("queries", .int(count)), ("p50", .number(decimal(p50))), ("p95", .number(decimal(p95))),
                ("p99", .number(decimal(p99))), ("max", .number(decimal(max))),
            ]))))
        }
        row("all keystrokes", { _ in true }, target: true)
        if runs.count > 1 {
            // The first timed run meets the prefixes (and digit words) that merge on first use.
            let first = LatencySummary(runs[0].map(\.nanos))
            rows.append(["first timed run alone", grouped(Double(first.count)), decimal(first.p50), decimal(first.p95),
                         decimal(first.p99), decimal(first.max), "", ""])
            figures.append(("first timed run alone", .object(JSONObject([
                ("queries", .int(first.count)), ("p50", .number(decimal(first.p50))), ("p95", .number(decimal(first.p95))),
                ("p99", .number(decimal(first.p99))), ("max", .number(decimal(first.max))),
            ]))))
        }
        row("1 character", { $0.length == 1 })
        row("2 characters", { $0.length == 2 })
        row("3 characters", { $0.length == 3 })
        row("4+ characters", { $0.length >= 4 })
        for field in TypedField.allCases { row("typing \(field.rawValue)", { $0.field == field }) }
        report.table(
            "keystrokes",
            title: "Keystroke latency in process, µs (\(all.count) sessions, median of \(options.repetitions) runs)",
            columns: ["queries", "count", "p50", "p95", "p99", "max", "target p50/p99/max", ""],
            rows: rows, figures: .object(JSONObject(figures)))
        let slowest = runs[runs.count - 1].sorted { $0.nanos > $1.nanos }.prefix(12)
        report.table(
            "slowest", title: "Slowest keystrokes of the last run, µs", columns: ["query", "typing", "µs"],
            rows: slowest.map { [$0.query.debugDescription, $0.field.rawValue, decimal(Double($0.nanos) / 1000)] },
            figures: .array(slowest.map { .string($0.query) }))
        // The max above is the median of these: a pause in one run shows here with its query.
        let worst = runs.map { $0.max { $0.nanos < $1.nanos }! }
        report.table(
            "slowestPerRun", title: "Slowest keystroke of each timed run, µs", columns: ["run", "query", "typing", "µs"],
            rows: worst.enumerated().map { ["\($0.offset + 1)", $0.element.query.debugDescription, $0.element.field.rawValue,
                                            decimal(Double($0.element.nanos) / 1000)] },
            figures: .array(worst.map { .object(JSONObject([
                ("query", .string($0.query)), ("micros", .number(decimal(Double($0.nanos) / 1000))),
            ])) }))
        if let path = options.keystrokesPath { writeKeystrokes(runs, to: path) }
        throughput(index, all, report)
        quality.report(report)
        // The sessions materialized the prefixes they typed, as an agent's searches would.
        let perContact = Double(index.stats().memoryBytes) / Double(options.contacts)
        report.table(
            "memoryAfterSessions", title: "Memory after the keystroke sessions", columns: ["what", "value"],
            rows: [["index estimate, bytes per contact (prefixes typed are materialized)", grouped(perContact)]],
            figures: .object(JSONObject([("estimatedBytesPerContact", .int(Int(perContact)))])))
    }

    /// Writes each keystroke's median time over the runs, its typed field and its query.
    static func writeKeystrokes(_ runs: [[Sample]], to path: String) {
        var text = ""
        for (i, sample) in runs[0].enumerated() {
            let nanos = runs.map { $0[i].nanos }.sorted()[runs.count / 2]
            text += "\(decimal(Double(nanos) / 1000))\t\(sample.field.rawValue)\t\(sample.query)\n"
        }
        if !FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) { print("could not write \(path)") }
    }

    static func throughput(_ index: ContactIndex, _ sessions: [KeystrokeSession], _ report: Report) {
        let queries = sessions.flatMap(\.queries)
        var rows: [[String]] = []
        var figures: [(key: String, value: JSONValue)] = []
        for threads in [1, 2] {
            let seconds = Stopwatch.seconds {
                DispatchQueue.concurrentPerform(iterations: threads) { t in
                    var i = t
                    while i < queries.count {
                        _ = try? index.search(SearchQuery(queries[i]))
                        i += threads
                    }
                }
            }
            let qps = Double(queries.count) / seconds
            rows.append(["\(threads) thread\(threads > 1 ? "s" : "")", grouped(Double(queries.count)), grouped(qps)])
            figures.append(("threads\(threads)", .int(Int(qps))))
        }
        report.table("throughput", title: "Queries per second, in process", columns: ["threads", "queries", "queries/s"],
                     rows: rows, figures: .object(JSONObject(figures)))
    }

    /// Recall and keystrokes-to-find over sessions.
    struct Quality {
        var sessions = 0, found = 0, unambiguous = 0, unambiguousFound = 0, never = 0, keystrokeSum = 0, keystrokeCount = 0

        mutating func add(found hit: Bool, total: Int, keystrokes: Int?) {
            sessions += 1
            if hit { found += 1 }
            if total <= 10 {
                unambiguous += 1
                if hit { unambiguousFound += 1 }
            }
            if let keystrokes {
                keystrokeSum += keystrokes
                keystrokeCount += 1
            } else {
                never += 1
            }
        }

        func report(_ report: Report) {
            let recall = 100 * Double(found) / Double(max(1, sessions))
            let recallUnambiguous = 100 * Double(unambiguousFound) / Double(max(1, unambiguous))
            let mean = Double(keystrokeSum) / Double(max(1, keystrokeCount))
            let neverShare = 100 * Double(never) / Double(max(1, sessions))
            report.table(
                "quality", title: "Quality on the same sessions", columns: ["what", "value", "target"],
                rows: [
                    ["recall@10 at the last keystroke, all sessions", decimal(recall) + " %", ""],
                    ["recall@10, sessions whose typed value ≤ 10 contacts share (\(unambiguous))", decimal(recallUnambiguous) + " %", "≥ 99 %"],
                    ["mean keystrokes until the target is in the top ten", decimal(mean), ""],
                    ["sessions where it never is", decimal(neverShare) + " %", ""],
                ],
                figures: .object(JSONObject([
                    ("recallAt10", .number(decimal(recall))), ("recallAt10Unambiguous", .number(decimal(recallUnambiguous))),
                    ("meanKeystrokes", .number(decimal(mean))), ("neverShare", .number(decimal(neverShare))),
                ])))
        }
    }
}
