/// The arguments of one subcommand: positionals, `--name value` options and `--flag` switches.
struct Arguments {
    private(set) var positionals: [String] = []
    private var options: [String: String] = [:]
    private var flags: Set<String> = []

    /// Reads arguments, given which option names take a value.
    init(_ arguments: [String], valued: Set<String>, switches: Set<String>) throws(UsageError) {
        var i = 0
        while i < arguments.count {
            let arg = arguments[i]
            if arg == "--help" || arg == "-h" {
                flags.insert("help")
            } else if arg.hasPrefix("--") {
                var name = String(arg.dropFirst(2))
                var inlineValue: String?
                if let eq = name.firstIndex(of: "=") {
                    inlineValue = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                if valued.contains(name) {
                    if let inlineValue {
                        options[name] = inlineValue
                    } else {
                        guard i + 1 < arguments.count else { throw UsageError("--\(name) needs a value") }
                        i += 1
                        options[name] = arguments[i]
                    }
                } else if switches.contains(name), inlineValue == nil {
                    flags.insert(name)
                } else {
                    throw UsageError("unknown option --\(name)")
                }
            } else {
                positionals.append(arg)
            }
            i += 1
        }
    }

    /// The value of an option.
    subscript(option: String) -> String? { options[option] }

    /// Whether a switch was given.
    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// An integer option within a range.
    func int(_ option: String, default value: Int, in range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let text = options[option] else { return value }
        guard let n = Int(text), range.contains(n) else {
            throw UsageError("--\(option) takes a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }
}

/// A mistake in how a command was called: printed with the usage, exit code 2.
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
