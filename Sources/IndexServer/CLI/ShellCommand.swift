import ContactIndex

/// `contact-index shell`: search as you type against a running server.
enum ShellCommand {
    static let usage = """
        Usage: contact-index shell [--connect HOST:PORT] [--token T]

        Searches as you type: the top ten are redrawn at every keystroke with the matched parts
        in bold and the latency shown. Up and Down pick a contact, Enter prints it, Ctrl-U clears
        the query, Ctrl-C leaves and restores the terminal.

        Options:
          --connect HOST:PORT   the server (default 127.0.0.1:7420)
          --token T             authenticate with token T first
          --help                show this help
        """

    static func run(_ arguments: [String]) throws(UsageError) -> Int32 {
        let args = try Arguments(arguments, valued: ["connect", "token"], switches: [])
        if args.has("help") {
            print(usage)
            return 0
        }
        let client = try LineClient(args["connect"] ?? "127.0.0.1:7420")
        if let token = args["token"], let failure = LineClient.failure(try client.request("AUTH \(token)")) {
            throw UsageError("AUTH failed: \(failure)")
        }
        let terminal = try Terminal()
        defer { terminal.restore() }
        var state = ShellState()
        var decoder = ShellKey.Decoder()
        state.response = try search("", client, &state)
        terminal.write(ShellRenderer.render(state))
        while true {
            for key in decoder.keys(terminal.read()) {
                switch state.apply(key) {
                case .search(let text): state.response = try search(text, client, &state)
                case .redraw: break
                case .show(let json):
                    terminal.restore()
                    print("\u{1B}[H\u{1B}[2J" + json)
                    return 0
                case .quit:
                    terminal.restore()
                    print("\u{1B}[H\u{1B}[2J", terminator: "")
                    return 0
                }
            }
            terminal.write(ShellRenderer.render(state))
        }
    }

    private static func search(_ text: String, _ client: LineClient, _ state: inout ShellState) throws(UsageError) -> JSONValue {
        let started = Clock.now
        let response = try client.request("SEARCH " + JSONWriter.string(.object(JSONObject([("q", .string(text))]))))
        state.roundTripMicros = Int((Clock.now - started) / 1000)
        return response
    }
}
