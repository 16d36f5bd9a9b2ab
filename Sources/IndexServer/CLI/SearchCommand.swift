import ContactGenerator
import ContactIndex

/// `contact-index search QUERY`: one query against a data folder, a running server, or
/// generated demo contacts, printed as a table or as the protocol's JSON.
enum SearchCommand {
    static let usage = """
        Usage: contact-index search QUERY [--data DIR | --connect HOST:PORT | --demo N] [--limit N] [--json]

        Runs one search and prints the hits as a table (or the protocol's JSON response with
        --json). By default it opens the data folder ./\(StoreArguments.defaultFolder); a folder that a
        running server holds is searched through the server with --connect.

        Options:
          --data DIR            search the data folder DIR in process
          --connect HOST:PORT   search a running server
          --token T             authenticate with token T first (with --connect)
          --demo N              search N generated demo contacts (1 to 1,000,000)
          --limit N             hits to print, 1 to 100 (default 10)
          --json                print {"ok","total","hits":[{"id","score","contact","highlights"}],"tookMicros"}
          --default-region CC   default phone region (default BR)
          --seed S              seed of the demo contacts (default \(ContactGenerator.defaultSeed))
          --help                show this help
        """

    static func run(_ arguments: [String]) throws(UsageError) -> Int32 {
        let args = try Arguments(
            arguments, valued: ["data", "connect", "token", "demo", "limit", "default-region", "seed"], switches: ["json"])
        if args.has("help") {
            print(usage)
            return 0
        }
        guard args.positionals.count == 1 else { throw UsageError("search needs one QUERY (quote it when it has spaces)") }
        let sources = ["data", "connect", "demo"].filter { args[$0] != nil }
        guard sources.count <= 1 else { throw UsageError("give one of --data, --connect or --demo") }
        let limit = try args.int("limit", default: 10, in: 1...SearchQuery.maximumLimit)
        let request = JSONWriter.string(.object(JSONObject([("q", .string(args.positionals[0])), ("limit", .int(limit))])))
        let response: JSONValue
        if let address = args["connect"] {
            let client = try LineClient(address)
            if let token = args["token"] {
                if let failure = LineClient.failure(try client.request("AUTH \(token)")) { return fail(failure) }
            }
            response = try client.request("SEARCH " + request)
        } else {
            response = try inProcess(args, query: SearchQuery(args.positionals[0], limit: limit))
        }
        if let failure = LineClient.failure(response) { return fail(failure) }
        print(args.has("json") ? JSONWriter.string(response) : SearchOutput.table(response))
        return 0
    }

    /// The protocol response of a search of the demo contacts or of a data folder.
    private static func inProcess(_ args: Arguments, query: SearchQuery) throws(UsageError) -> JSONValue {
        let region = args["default-region"] ?? "BR"
        let demo = try args["demo"].map { _ throws(UsageError) in try args.int("demo", default: 0, in: 1...1_000_000) }
        guard let seed = UInt64(args["seed"] ?? String(ContactGenerator.defaultSeed)) else {
            throw UsageError("--seed takes a whole number")
        }
        var line: [UInt8]
        do throws(ContactIndexError) {
            let result: SearchResult
            let started: UInt64
            if let demo {
                let index = try DemoData.index(contacts: demo, seed: seed, region: region)
                started = Clock.now
                result = try index.search(query)
            } else {
                let store = try ContactStore(
                    folder: args["data"] ?? StoreArguments.defaultFolder,
                    options: StoreOptions(defaultRegion: region, snapshotAfterMutations: 0, snapshotAfterSeconds: 0))
                defer { try? store.close(snapshot: false) }
                started = Clock.now
                result = try store.search(query)
            }
            line = Response.search(result, tookMicros: Int((Clock.now - started) / 1000))
        } catch {
            line = Response.error(ProtocolError(error))
        }
        return (try? JSONParser.parse(line.dropLast())) ?? .null
    }

    private static func fail(_ message: String) -> Int32 {
        CommandLineTool.printError("contact-index search: \(message)")
        return 1
    }
}
