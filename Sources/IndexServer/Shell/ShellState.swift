import ContactIndex

/// What the search-as-you-type shell shows: the query being typed, the last response, and the
/// selected hit. Pure state, so that it is tested without a terminal.
struct ShellState {
    /// What the shell asks of its driver after a key.
    enum Action: Equatable {
        /// Search this text and show the result.
        case search(String)
        /// Redraw without searching.
        case redraw
        /// Print this contact (its JSON text) and leave.
        case show(String)
        /// Leave.
        case quit
    }

    private(set) var query = ""
    private(set) var selected = 0
    /// The last `SEARCH` response.
    var response: JSONValue = .null
    /// Latency of the last search as the client saw it, in microseconds.
    var roundTripMicros = 0

    var hits: [JSONValue] { response["hits"]?.arrayValue ?? [] }

    /// Applies a key.
    mutating func apply(_ key: ShellKey) -> Action {
        switch key {
        case .text(let text):
            query += text
            selected = 0
            return .search(query)
        case .backspace:
            guard !query.isEmpty else { return .redraw }
            query.removeLast()
            selected = 0
            return .search(query)
        case .clearLine:
            query = ""
            selected = 0
            return .search(query)
        case .up:
            selected = max(0, selected - 1)
            return .redraw
        case .down:
            selected = min(max(0, hits.count - 1), selected + 1)
            return .redraw
        case .enter:
            guard selected < hits.count, let contact = hits[selected]["contact"] else { return .redraw }
            return .show(JSONWriter.string(contact))
        case .interrupt:
            return .quit
        }
    }
}
