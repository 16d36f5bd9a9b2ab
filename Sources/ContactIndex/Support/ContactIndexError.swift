/// Every way an index operation can fail, each with a stable snake_case `code` that the wire
/// protocol sends as is.
public enum ContactIndexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request is malformed (a bad option, a bad limit).
    case badRequest(String)
    /// The text is not valid JSON.
    case badJSON(String)
    /// The bytes are not valid UTF-8.
    case invalidUTF8(offset: Int)
    /// The contact breaks a rule of the contact shape.
    case invalidContact(String)
    /// A contact, field value or list is over its limit.
    case tooLarge(String)
    /// No contact has this id.
    case notFound(String)
    /// The conversation breaks a rule of the conversation shape.
    case invalidConversation(String)
    /// No conversation has this id, or none the asker may see.
    case conversationNotFound(String)
    /// The contact has conversations not yet closed, so it cannot be deleted.
    case hasOpenConversations(String)
    /// The durable store could not write or read.
    case storageError(String)

    /// Stable machine-readable code.
    public var code: String {
        switch self {
        case .badRequest: return "bad_request"
        case .badJSON: return "bad_json"
        case .invalidUTF8: return "invalid_utf8"
        case .invalidContact: return "invalid_contact"
        case .tooLarge: return "too_large"
        case .notFound, .conversationNotFound: return "not_found"
        case .invalidConversation: return "invalid_conversation"
        case .hasOpenConversations: return "has_open_conversations"
        case .storageError: return "storage_error"
        }
    }

    /// A message for people.
    public var description: String {
        switch self {
        case .badRequest(let m), .badJSON(let m), .invalidContact(let m), .tooLarge(let m), .storageError(let m),
             .invalidConversation(let m):
            return m
        case .invalidUTF8(let offset): return "invalid UTF-8 at byte \(offset)"
        case .notFound(let id): return "no contact with id '\(id)'"
        case .conversationNotFound(let id): return "no conversation with id '\(id)'"
        case .hasOpenConversations(let id):
            return "contact '\(id)' has open or on-hold conversations; close them before deleting the contact"
        }
    }
}
