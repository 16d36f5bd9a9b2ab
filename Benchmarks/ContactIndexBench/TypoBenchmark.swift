import ContactGenerator
import ContactIndex

/// Typing sessions of names with one typo injected: recall with typos on, and keystroke latency
/// with typos on and off on the same queries.
enum TypoBenchmark {
    static let nameFields: [TypedField] = [.firstName, .fullName, .lastName, .unaccentedName]

    static func run(_ index: ContactIndex, _ generator: ContactGenerator, _ options: BenchOptions, _ report: Report) {
        let sessions = SessionGenerator(contacts: generator, contactCount: options.contacts, seed: options.seed &+ 7)
        var random = SeededRandom(seed: options.seed &+ 11)
        var typed: [KeystrokeSession] = []
        var i = 0
        while typed.count < options.sessions / 2 && i < options.sessions * 4 {
            if let session = sessions.session(i, fields: nameFields).withTypo(&random) { typed.append(session) }
            i += 1
        }
        let clean = (0..<typed.count).map { sessions.session(options.sessions * 4 + $0, fields: nameFields) }
        let all = typed.map { (session: $0, isTypo: true) } + clean.map { (session: $0, isTypo: false) }
        for (session, _) in all.prefix(max(1, all.count / 10)) {
            for query in session.queries { _ = try? index.search(SearchQuery(query)) }
        }
        var on: [[UInt64]] = [], off: [[UInt64]] = []
        var found = 0, foundWithout = 0, unambiguous = 0
        var slowest: [(query: String, on: UInt64, off: UInt64)] = []
        for repetition in 0..<options.repetitions {
            var samplesOn: [UInt64] = [], samplesOff: [UInt64] = []
            slowest.removeAll(keepingCapacity: true)
            for (session, isTypo) in all {
                for (k, query) in session.queries.enumerated() {
                    let last = k == session.text.count - 1
                    var start = Stopwatch.now()
                    let withTypos = try! index.search(SearchQuery(query))
                    samplesOn.append(Stopwatch.now() - start)
                    start = Stopwatch.now()
                    let without = try! index.search(SearchQuery(query, typos: 0))
                    samplesOff.append(Stopwatch.now() - start)
                    slowest.append((query, samplesOn[samplesOn.count - 1], samplesOff[samplesOff.count - 1]))
                    if repetition == 0, last, isTypo, let original = session.original,
                       (try? index.search(SearchQuery(original, typos: 0)).total) ?? 11 <= 10
                    {
                        unambiguous += 1
                        if withTypos.hits.contains(where: { $0.id == session.target }) { found += 1 }
                        if without.hits.contains(where: { $0.id == session.target }) { foundWithout += 1 }
                    }
                }
            }
            on.append(samplesOn)
            off.append(samplesOff)
        }
        let summariesOn = on.map(LatencySummary.init), summariesOff = off.map(LatencySummary.init)
        let p99On = median(summariesOn.map(\.p99)), p99Off = median(summariesOff.map(\.p99))
        let recall = 100 * Double(found) / Double(max(1, unambiguous))
        let recallWithout = 100 * Double(foundWithout) / Double(max(1, unambiguous))
        report.table(
            "typos",
            title: "Typos: \(typed.count) name sessions with one typo and \(clean.count) without, median of \(options.repetitions) runs",
            columns: ["what", "value", "target"],
            rows: [
                ["recall@10 at the last keystroke, typo sessions whose typo-free text ≤ 10 contacts share (\(unambiguous)), typos on", decimal(recall) + " %", "≥ 95 %"],
                ["the same with typos off", decimal(recallWithout) + " %", ""],
                ["keystroke p50, typos on / off, µs", decimal(median(summariesOn.map(\.p50))) + " / " + decimal(median(summariesOff.map(\.p50))), ""],
                ["keystroke p99, typos on / off, µs", decimal(p99On) + " / " + decimal(p99Off), "on ≤ 1.5 × off"],
                ["p99 ratio on / off", decimal(p99On / max(p99Off, 0.001), 2), "≤ 1.5"],
                ["keystroke max, typos on / off, µs", decimal(median(summariesOn.map(\.max))) + " / " + decimal(median(summariesOff.map(\.max))), ""],
            ],
            figures: .object(JSONObject([
                ("recallAt10", .number(decimal(recall))), ("recallAt10TyposOff", .number(decimal(recallWithout))),
                ("p99On", .number(decimal(p99On))), ("p99Off", .number(decimal(p99Off))),
            ])))
        let slowestOn = slowest.sorted { $0.on > $1.on }.prefix(12)
        report.table(
            "slowestTypos", title: "Slowest keystrokes with typos on, last run, µs", columns: ["query", "typos on", "typos off"],
            rows: slowestOn.map { [$0.query.debugDescription, decimal(Double($0.on) / 1000), decimal(Double($0.off) / 1000)] },
            figures: .array(slowestOn.map { .string($0.query) }))
    }
}
