import ContactGenerator

/// Command-line options of `contact-index-bench`.
struct BenchOptions {
    var contacts = 10_000
    var sessions = 1_000
    var seed = ContactGenerator.defaultSeed
    var jsonPath: String?
    /// Where the search group writes each keystroke's time, one line per keystroke.
    var keystrokesPath: String?
    var only: Set<String> = []
    var repetitions = 3

    static let groups = ["tokenizer", "search", "durability", "server", "conversations"]
    static let usage = """
        Usage: contact-index-bench [--contacts N] [--sessions K] [--seed S] [--repetitions R] [--json FILE] [--keystrokes FILE] [--only GROUP[,GROUP]]

        Groups: \(groups.joined(separator: ", ")), and quick (a short smoke run of every group).
        Build with -c release to measure: swift build -c release && .build/release/contact-index-bench
        (the server group runs the contact-index executable built beside it).
        --keystrokes FILE: the search group writes each keystroke's median time over the runs,
        in µs, its typed field and its query, tab-separated, in the order typed (the same order
        for every build, so that two builds' files compare line by line).
        """

    init(_ arguments: [String]) throws {
        var i = 0
        func value() throws -> String {
            i += 1
            guard i < arguments.count else { throw BenchError("\(arguments[i - 1]) needs a value") }
            return arguments[i]
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--contacts": contacts = try Self.positive(value(), "--contacts")
            case "--sessions": sessions = try Self.positive(value(), "--sessions")
            case "--repetitions": repetitions = try Self.positive(value(), "--repetitions")
            case "--seed":
                guard let s = UInt64(try value()) else { throw BenchError("--seed takes a whole number") }
                seed = s
            case "--json": jsonPath = try value()
            case "--keystrokes": keystrokesPath = try value()
            case "--only":
                only = Set(try value().split(separator: ",").map(String.init))
                for group in only where !Self.groups.contains(group) && group != "quick" {
                    throw BenchError("unknown group \(group)")
                }
            case "--help", "-h": throw BenchError(nil)
            default: throw BenchError("unknown option \(arguments[i])")
            }
            i += 1
        }
        if only.contains("quick") { repetitions = min(repetitions, 2) }
    }

    /// Whether a group runs.
    func runs(_ group: String) -> Bool {
        only.isEmpty || only.contains(group) || only.contains("quick")
    }

    private static func positive(_ text: String, _ name: String) throws -> Int {
        guard let n = Int(text), n > 0 else { throw BenchError("\(name) takes a positive whole number") }
        return n
    }
}

struct BenchError: Error {
    let message: String?
    init(_ message: String?) { self.message = message }
}
