import Glibc

/// The `contact-index` command line: subcommands, help, and exit codes (0 ok, 1 failure, 2 usage).
enum CommandLineTool {
    static let usage = """
        Usage: contact-index <command> [options]

        Commands:
          serve                      run the server on a data folder (--demo N for sample data)
          import FILE                import contacts from JSON lines, a JSON array or mongoexport
          search QUERY               one search in a data folder, a server, or demo contacts
          shell                      search as you type in the terminal, against a server
          analyze text|phone|email   show the folding, normalization and search keys of values

        Run `contact-index <command> --help` for a command's options.
        """

    /// Runs a command line and gives the exit code.
    static func run(_ arguments: [String]) -> Int32 {
        guard let command = arguments.first else {
            printError(usage)
            return 2
        }
        let rest = Array(arguments.dropFirst())
        do throws(UsageError) {
            switch command {
            case "analyze": return try AnalyzeCommand.run(rest)
            case "search": return try SearchCommand.run(rest)
            case "serve": return try ServeCommand.run(rest)
            case "import": return try ImportCommand.run(rest)
            case "shell": return try ShellCommand.run(rest)
            case "--help", "-h", "help":
                print(usage)
                return 0
            default:
                throw UsageError("unknown command '\(command)'")
            }
        } catch {
            printError("contact-index: \(error.message)\n\n\(usage(of: command))")
            return 2
        }
    }

    private static func usage(of command: String) -> String {
        switch command {
        case "analyze": return AnalyzeCommand.usage
        case "search": return SearchCommand.usage
        case "serve": return ServeCommand.usage
        case "import": return ImportCommand.usage
        case "shell": return ShellCommand.usage
        default: return usage
        }
    }

    /// Writes a line to standard error.
    static func printError(_ text: String) {
        var line = Array(text.utf8)
        line.append(0x0A)
        _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
