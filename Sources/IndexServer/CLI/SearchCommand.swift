import ContactGenerator
import ContactIndex
import Glibc

/// `contact-index search QUERY --demo N`: one query, printed as a table or as JSON.
enum SearchCommand {
    static let usage = """
        Usage: contact-index search QUERY --demo N [--limit N] [--json] [--region CC] [--seed S]

        Searches QUERY in N generated demo contacts, in process, and prints the hits as a table
        (or one JSON object with --json). Searching a data folder (--data) or a running server
        (--connect) comes with the server.

        Options:
          --demo N      number of generated contacts to search (1 to 1,000,000)
          --limit N     hits to print, 1 to 100 (default 10)
          --json        print {"total","hits":[{"id","score","contact","highlights"}],"tookMicros"}
          --region CC   default phone region (default BR)
          --seed S      seed of the generated contacts (default \(ContactGenerator.defaultSeed))
          --help        show this help
        """

    static func run(_ arguments: [String]) throws(UsageError) -> Int32 {
        let args = try Arguments(arguments, valued: ["demo", "limit", "region", "seed"], switches: ["json"])
        if args.has("help") {
            print(usage)
            return 0
        }
        guard args.positionals.count == 1 else { throw UsageError("search needs one QUERY (quote it when it has spaces)") }
        guard args["demo"] != nil else { throw UsageError("give --demo N: searching a data folder comes with the server") }
        let count = try args.int("demo", default: 10_000, in: 1...1_000_000)
        let limit = try args.int("limit", default: 10, in: 1...SearchQuery.maximumLimit)
        guard let seed = UInt64(args["seed"] ?? String(ContactGenerator.defaultSeed)) else {
            throw UsageError("--seed takes a whole number")
        }
        let index: ContactIndex
        do {
            index = try DemoData.index(contacts: count, seed: seed, region: args["region"] ?? "BR")
        } catch {
            throw UsageError(error.description)
        }
        let start = Clock.now
        let result: SearchResult
        do {
            result = try index.search(SearchQuery(args.positionals[0], limit: limit))
        } catch {
            throw UsageError(error.description)
        }
        let took = (Clock.now - start) / 1000
        print(args.has("json") ? SearchOutput.json(result, tookMicros: took) : SearchOutput.table(result, tookMicros: took))
        return 0
    }
}
