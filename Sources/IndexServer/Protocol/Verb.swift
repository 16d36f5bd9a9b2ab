/// The verbs of protocol v1, matched without regard to case.
enum Verb: String, CaseIterable {
    case ping = "PING", auth = "AUTH", quit = "QUIT"
    case put = "PUT", del = "DEL", get = "GET", search = "SEARCH", lookup = "LOOKUP"
    case field = "FIELD", fields = "FIELDS", analyze = "ANALYZE", snapshot = "SNAPSHOT", stats = "STATS"
    case cput = "CPUT", cdel = "CDEL", cget = "CGET", csearch = "CSEARCH", history = "HISTORY"

    /// The verb of a request's first word, in any case.
    init?(word: some Collection<UInt8>) {
        let upper = String(decoding: word.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
        self.init(rawValue: upper)
    }

    /// Whether the verb may run before `AUTH` on a server with tokens.
    var isOpen: Bool { self == .ping || self == .auth || self == .quit }

    /// Whether the verb changes data and needs a write token.
    var writes: Bool { [.put, .del, .field, .snapshot, .cput, .cdel].contains(self) }
}
