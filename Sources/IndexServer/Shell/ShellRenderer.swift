import ContactIndex

/// Draws the shell's screen as ANSI text: the prompt, the total and latency, and the top hits
/// with matched parts in bold and the selected line reversed.
enum ShellRenderer {
    static let bold = "\u{1B}[1m", reverse = "\u{1B}[7m", reset = "\u{1B}[0m"
    static let clearScreen = "\u{1B}[H\u{1B}[2J"

    /// The whole screen for a state, lines cut to `width` columns of text.
    static func render(_ state: ShellState, width: Int = 100) -> String {
        var lines = ["search> " + state.query]
        if let error = state.response["error"] {
            lines.append("error: \(error["code"]?.stringValue ?? "") \(error["message"]?.stringValue ?? "")")
        } else {
            let total = state.response["total"].flatMap(SearchOutput.number) ?? 0
            let server = state.response["tookMicros"].flatMap(SearchOutput.number) ?? 0
            lines.append("\(total) contacts · server \(server) µs · round trip \(state.roundTripMicros) µs · ↑↓ pick · Enter show · Ctrl-C leave")
        }
        for (i, hit) in state.hits.enumerated() {
            let name = hit["contact"]?["name"]?.stringValue ?? hit["contact"]?["username"]?.stringValue ?? ""
            let ranges = SearchOutput.ranges(hit["highlights"]?["name"])
            let shown = SearchOutput.marked(String(name.prefix(40)), ranges.filter { $0.upperBound <= name.prefix(40).utf16.count },
                                            open: bold, close: reset + (i == state.selected ? reverse : ""))
            let text = String((shown + "  " + SearchOutput.detail(hit)).prefix(width + 32))
            lines.append(i == state.selected ? "\(reverse)> \(text)\(reset)" : "  \(text)")
        }
        return clearScreen + lines.joined(separator: "\r\n") + "\u{1B}[1;\(9 + state.query.count)H"
    }
}
