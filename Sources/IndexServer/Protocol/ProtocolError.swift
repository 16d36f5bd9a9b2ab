import ContactIndex

/// A failed request: a stable snake_case code and a message for people, sent as
/// `{"ok":false,"error":{"code":…,"message":…}}`.
struct ProtocolError: Error, Equatable {
    let code: String
    let message: String

    static func badRequest(_ message: String) -> ProtocolError { ProtocolError(code: "bad_request", message: message) }
    static func unknownVerb(_ verb: String) -> ProtocolError {
        ProtocolError(code: "unknown_verb", message: "unknown verb '\(verb)'; see docs/PROTOCOL.md")
    }
    static func lineTooLong(_ limit: Int) -> ProtocolError {
        ProtocolError(code: "line_too_long", message: "a request line has at most \(limit) bytes; closing the connection")
    }
    static let unauthorized = ProtocolError(code: "unauthorized", message: "authenticate first with AUTH <token>")
    static func forbidden(_ verb: Verb) -> ProtocolError {
        ProtocolError(code: "forbidden", message: "\(verb.rawValue) needs a write token")
    }
    static func busy(_ message: String) -> ProtocolError { ProtocolError(code: "busy", message: message) }

    /// The protocol error of an index or store error, with the same code.
    init(_ error: ContactIndexError) {
        self.init(code: error.code, message: error.description)
    }

    /// The protocol error of a JSON syntax error.
    init(_ error: JSONParseError) {
        self.init(code: "bad_json", message: error.description)
    }

    init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
