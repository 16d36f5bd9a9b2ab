import ContactGenerator
import ContactIndex

/// The Chats and Calls tabs: conversations loaded beside the contacts, keystroke latency of
/// conversation search as a manager and as an agent, and history, beside contact search on the
/// same sessions.
enum ConversationBenchmark {
    static func run(_ options: BenchOptions, _ report: Report) {
        let contactGenerator = ContactGenerator(seed: options.seed)
        let generator = ConversationGenerator(contacts: contactGenerator, contactCount: options.contacts)
        let folder = TemporaryFolder.make("conversations")
        defer { TemporaryFolder.remove(folder) }
        let store = try! ContactStore(
            folder: folder, options: StoreOptions(fsync: .no, snapshotAfterMutations: 0, snapshotAfterSeconds: 0))
        defer { try? store.close(snapshot: false) }

        // Contacts first, then the conversations' JSON in one buffer, loaded newest first in
        // chunks, as a migration would feed them.
        var indexByID: [String: Int] = [:]
        var text: [UInt8] = []
        var spans: [(activity: Int64, start: Int, length: Int)] = []
        var chunk: [Contact] = []
        for i in 0..<options.contacts {
            let contact = contactGenerator.contact(i)
            indexByID[contact.id] = i
            chunk.append(try! store.parser.parse(contact.json).contact)
            for conversation in generator.conversations(ofContact: i, contact) {
                let json = JSONWriter.bytes(conversation.json)
                spans.append((conversation.activityMillis, text.count, json.count))
                text.append(contentsOf: json)
            }
            if chunk.count == 100_000 || i == options.contacts - 1 {
                try! store.load(chunk)
                chunk = []
            }
        }
        spans.sort { $0.activity > $1.activity }
        Memory.trim()
        let baseline = Memory.residentBytes() - text.capacity - spans.capacity * MemoryLayout<(Int64, Int, Int)>.stride
        var parseSeconds = 0.0, loadSeconds = 0.0
        let parser = store.conversationParser
        var start = 0
        while start < spans.count {
            let batch = spans[start..<min(start + 200_000, spans.count)]
            var conversations: [Conversation] = []
            parseSeconds += Stopwatch.seconds {
                conversations = batch.map { try! parser.parse(text[$0.start..<$0.start + $0.length], now: 0).conversation }
            }
            loadSeconds += Stopwatch.seconds { try! store.load(conversations: conversations) }
            start += batch.count
        }
        let jsonBytes = text.count
        text = []
        spans = []
        store.warmUp()
        Memory.trim()
        let resident = Memory.residentBytes() - baseline
        let stats = store.conversationStats()
        let count = Double(stats.conversations)
        report.table(
            "conversationLoad", title: "Conversations loaded beside \(grouped(Double(options.contacts))) contacts",
            columns: ["what", "value"],
            rows: [
                ["conversations", grouped(count)],
                ["agents", grouped(Double(generator.agentCount))],
                ["parse, conversations/s", grouped(count / parseSeconds)],
                ["load (log, index, lastChat), conversations/s", grouped(count / loadSeconds)],
                ["resident bytes per conversation after load", grouped(Double(resident) / count)],
                ["index estimate, bytes per conversation", grouped(Double(stats.memoryBytes) / count)],
                ["raw JSON bytes per conversation", grouped(Double(jsonBytes) / count)],
            ],
            figures: .object(JSONObject([
                ("conversations", .int(stats.conversations)), ("agents", .int(generator.agentCount)),
                ("parsePerSecond", .int(Int(count / parseSeconds))), ("loadPerSecond", .int(Int(count / loadSeconds))),
                ("residentBytesPerConversation", .int(Int(Double(resident) / count))),
                ("estimatedBytesPerConversation", .int(Int(Double(stats.memoryBytes) / count))),
                ("jsonBytesPerConversation", .int(Int(Double(jsonBytes) / count))),
            ])))
        latency(store, contactGenerator, generator, indexByID, options, report)
    }

    /// A timed operation: its kind, its query (a contact id for history), and nanoseconds.
    private struct Sample {
        let kind: String
        let query: String
        let nanos: UInt64
    }

    private static func latency(
        _ store: ContactStore, _ contacts: ContactGenerator, _ generator: ConversationGenerator, _ indexByID: [String: Int],
        _ options: BenchOptions, _ report: Report
    ) {
        let fields: [TypedField] = [.firstName, .fullName, .lastName, .unaccentedName, .phoneNational, .phoneInternational, .phoneLastDigits]
        let sessions = SessionGenerator(contacts: contacts, contactCount: options.contacts, seed: options.seed)
        // Each session's agent served one of the target's conversations: agents look up their own callers.
        let planned: [(session: KeystrokeSession, agent: String, contactID: String)] = (0..<options.sessions).compactMap { i in
            let session = sessions.session(i, fields: fields)
            let index = indexByID[session.target]!
            guard let first = generator.conversations(ofContact: index, contacts.contact(index)).first else { return nil }
            return (session, first.agents[0], session.target)
        }
        func timed(_ kind: String, _ query: String, _ samples: inout [Sample], _ body: () -> Void) {
            let start = Stopwatch.now()
            body()
            samples.append(Sample(kind: kind, query: query, nanos: Stopwatch.now() - start))
        }
        func pass(_ samples: inout [Sample]) {
            for (session, agent, contactID) in planned {
                for query in session.queries {
                    timed("contact SEARCH", query, &samples) { _ = try! store.search(SearchQuery(query)) }
                    timed("CSEARCH as manager", query, &samples) {
                        _ = try! store.search(ConversationQuery(query, viewer: .manager))
                    }
                    timed("CSEARCH as agent", query, &samples) {
                        _ = try! store.search(ConversationQuery(query, viewer: .agent(agent)))
                    }
                }
                timed("HISTORY as manager", contactID, &samples) { _ = try! store.history(HistoryQuery(contactID: contactID, viewer: .manager)) }
                timed("HISTORY as agent", contactID, &samples) { _ = try! store.history(HistoryQuery(contactID: contactID, viewer: .agent(agent))) }
            }
        }
        var warmUp: [Sample] = []
        pass(&warmUp)
        var runs: [[Sample]] = []
        for _ in 0..<options.repetitions {
            var samples: [Sample] = []
            pass(&samples)
            runs.append(samples)
        }
        func summary(_ filter: (Sample) -> Bool) -> (count: Int, p50: Double, p95: Double, p99: Double, max: Double) {
            let summaries = runs.map { LatencySummary($0.filter(filter).map(\.nanos)) }
            return (summaries[0].count, median(summaries.map(\.p50)), median(summaries.map(\.p95)),
                    median(summaries.map(\.p99)), median(summaries.map(\.max)))
        }
        let contactP99 = summary { $0.kind == "contact SEARCH" }.p99
        var rows: [[String]] = []
        var figures: [(key: String, value: JSONValue)] = []
        let lengths: [(String, (Int) -> Bool)] = [("1", { $0 == 1 }), ("2", { $0 == 2 }), ("3", { $0 == 3 }), ("4+", { $0 >= 4 })]
        for kind in ["contact SEARCH", "CSEARCH as manager", "CSEARCH as agent", "HISTORY as manager", "HISTORY as agent"] {
            let all = summary { $0.kind == kind }
            let isTarget = kind != "contact SEARCH"
            rows.append([kind, "all", grouped(Double(all.count)), decimal(all.p50), decimal(all.p95), decimal(all.p99), decimal(all.max)]
                + (isTarget ? ["≤ \(decimal(2 * contactP99))", all.p99 <= 2 * contactP99 ? "met" : "not met"] : ["", ""]))
            figures.append((kind, .object(JSONObject([
                ("p50", .number(decimal(all.p50))), ("p95", .number(decimal(all.p95))), ("p99", .number(decimal(all.p99))),
                ("max", .number(decimal(all.max))),
            ]))))
            guard !kind.hasPrefix("HISTORY") else { continue }
            for (label, filter) in lengths {
                let part = summary { $0.kind == kind && filter($0.query.count) }
                rows.append(["", label, grouped(Double(part.count)), decimal(part.p50), decimal(part.p95), decimal(part.p99),
                             decimal(part.max), "", ""])
            }
        }
        report.table(
            "conversationLatency", title: "Conversation search and history, µs (\(planned.count) sessions; agents search their own callers)",
            columns: ["operation", "length", "count", "p50", "p95", "p99", "max", "target", ""],
            rows: rows, figures: .object(JSONObject(figures)))
        let slowest = runs[runs.count - 1].filter { $0.kind.hasPrefix("CSEARCH") }.sorted { $0.nanos > $1.nanos }.prefix(12)
        report.table(
            "conversationSlowest", title: "Slowest CSEARCH keystrokes of the last run, µs", columns: ["query", "as", "µs"],
            rows: slowest.map { [$0.query.debugDescription, String($0.kind.dropFirst("CSEARCH as ".count)), decimal(Double($0.nanos) / 1000)] },
            figures: .array(slowest.map { .string($0.query) }))
    }
}
