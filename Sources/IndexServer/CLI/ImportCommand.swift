import ContactIndex
import Glibc

/// `contact-index import FILE`: contacts from JSON lines, a JSON array, or `mongoexport`
/// output, into a data folder or a running server. A bad record is reported and skipped.
enum ImportCommand {
    static let usage = """
        Usage: contact-index import FILE [--data DIR | --connect HOST:PORT] [options]

        Imports contacts in either Rocket.Chat shape from FILE (- for standard input): one JSON
        object per line, a JSON array of objects, or mongoexport output of the contacts
        collection (Extended JSON such as {"$date": …} is read). Prints a progress line every
        100,000 records and a summary; rejected records are listed with their line and reason.
        Exits 0 when every record was imported, 1 when some were rejected or the import failed.

        Options:
          --connect HOST:PORT    import into a running server (which holds its folder's lock)
          --token T              authenticate with a write token first (with --connect)
        \(StoreArguments.usage)
          --help                 show this help
        """

    /// Counts of an import.
    struct Summary {
        var created = 0
        var replaced = 0
        var rejected: [(line: Int, reason: String)] = []

        var text: String {
            var lines = ["imported \(created + replaced) contacts (\(created) new, \(replaced) replaced), rejected \(rejected.count)"]
            for (line, reason) in rejected.sorted(by: { $0.line < $1.line }).prefix(50) { lines.append("  line \(line): \(reason)") }
            if rejected.count > 50 { lines.append("  … and \(rejected.count - 50) more") }
            return lines.joined(separator: "\n")
        }
    }

    static func run(_ arguments: [String]) throws(UsageError) -> Int32 {
        let args = try Arguments(
            arguments, valued: StoreArguments.valued.union(["connect", "token"]), switches: StoreArguments.switches)
        if args.has("help") {
            print(usage)
            return 0
        }
        guard args.positionals.count == 1 else { throw UsageError("import needs one FILE (- for standard input)") }
        let path = args.positionals[0]
        let fd = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw UsageError("cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { if fd != STDIN_FILENO { close(fd) } }
        let sink: ImportSink
        do {
            sink = try args["connect"].map { address throws(UsageError) in try ServerSink(address, token: args["token"]) }
                ?? StoreSink(StoreArguments.open(args, options: StoreArguments.options(args)))
        } catch let error as UsageError {
            throw error
        } catch {
            CommandLineTool.printError("contact-index import: \(error)")
            return 1
        }
        var summary = Summary()
        let started = Clock.now
        do throws(UsageError) {
            var seen = 0
            try ContactRecords.read(fd: fd) { line, record throws(UsageError) in
                switch record {
                case .rejected(let reason): summary.rejected.append((line, reason))
                case .json(let json): try sink.put(json, line: line, into: &summary)
                }
                seen += 1
                if seen % 100_000 == 0 {
                    CommandLineTool.printError("… \(seen) records, \(Int(Double(seen) / max(Clock.seconds(since: started), 0.001)))/s")
                }
            }
            try sink.finish(into: &summary)
        } catch {
            CommandLineTool.printError(summary.text)
            CommandLineTool.printError("contact-index import: \(error.message)")
            return 1
        }
        print(summary.text)
        print("took \(Int(Clock.seconds(since: started) * 1000)) ms")
        return summary.rejected.isEmpty ? 0 : 1
    }
}

/// Where imported contacts go.
protocol ImportSink {
    /// Writes one contact's JSON; counts it or its rejection.
    func put(_ json: [UInt8], line: Int, into summary: inout ImportCommand.Summary) throws(UsageError)
    /// Makes everything durable and settles the counts.
    func finish(into summary: inout ImportCommand.Summary) throws(UsageError)
}

/// Imports into a data folder opened in process, a batch of records at a time (see
/// `ContactStore.upsertUnsynced(batch:)`).
final class StoreSink: ImportSink {
    private let store: ContactStore
    private var batch: [(json: [UInt8], line: Int)] = []
    private var position: LogPosition?
    private var unsynced = 0

    init(_ store: ContactStore) { self.store = store }

    func put(_ json: [UInt8], line: Int, into summary: inout ImportCommand.Summary) throws(UsageError) {
        batch.append((json, line))
        if batch.count == 1024 { try write(into: &summary) }
    }

    func finish(into summary: inout ImportCommand.Summary) throws(UsageError) {
        try write(into: &summary)
        try sync()
        do {
            try store.close()
        } catch {
            throw UsageError(error.description)
        }
    }

    /// Writes the batch and counts each record; syncs every 4,096 records written.
    private func write(into summary: inout ImportCommand.Summary) throws(UsageError) {
        guard !batch.isEmpty else { return }
        defer { batch.removeAll(keepingCapacity: true) }
        do throws(ContactIndexError) {
            let (results, position) = try store.upsertUnsynced(batch: batch.map { $0.json[...] })
            for (result, record) in zip(results, batch) {
                switch result {
                case .success(let written):
                    if written.created { summary.created += 1 } else { summary.replaced += 1 }
                    unsynced += 1
                case .failure(let error):
                    summary.rejected.append((record.line, "\(error.code): \(error.description)"))
                }
            }
            self.position = position ?? self.position
        } catch {
            throw UsageError(error.description)
        }
        if unsynced >= 4096 { try sync() }
    }

    private func sync() throws(UsageError) {
        defer { unsynced = 0 }
        guard let position else { return }
        do {
            try store.waitUntilDurable(position)
        } catch {
            throw UsageError(error.description)
        }
    }
}

/// Imports into a running server with pipelined `PUT`s.
final class ServerSink: ImportSink {
    private let client: LineClient
    private var outstanding: [Int] = []
    private var batch: [[UInt8]] = []

    init(_ address: String, token: String?) throws(UsageError) {
        client = try LineClient(address)
        if let token, let failure = LineClient.failure(try client.request("AUTH \(token)")) {
            throw UsageError("AUTH failed: \(failure)")
        }
    }

    func put(_ json: [UInt8], line: Int, into summary: inout ImportCommand.Summary) throws(UsageError) {
        batch.append(Array("PUT ".utf8) + json)
        outstanding.append(line)
        if batch.count == 256 { try send() }
        if outstanding.count >= 4096 { try receive(outstanding.count - 1024, into: &summary) }
    }

    func finish(into summary: inout ImportCommand.Summary) throws(UsageError) {
        try send()
        try receive(outstanding.count, into: &summary)
    }

    private func send() throws(UsageError) {
        try client.send(batch)
        batch.removeAll(keepingCapacity: true)
    }

    private func receive(_ count: Int, into summary: inout ImportCommand.Summary) throws(UsageError) {
        for _ in 0..<count {
            let response = try client.receive()
            let line = outstanding.removeFirst()
            if let failure = LineClient.failure(response) {
                if failure.hasPrefix("storage_error") { throw UsageError(failure) }
                summary.rejected.append((line, failure))
            } else if response["created"]?.boolValue == true {
                summary.created += 1
            } else {
                summary.replaced += 1
            }
        }
    }
}
