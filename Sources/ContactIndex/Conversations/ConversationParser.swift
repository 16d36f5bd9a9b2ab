import Tokenizer

/// Reads conversations, validates them, and gives the canonical shape.
///
/// Required: `kind` (`chat` or `call`), `contactId`, `status` (`open`, `onhold`, `closed`), and
/// `closedAt` exactly when closed. `createdAt` defaults to the time of the write. `durationSeconds`,
/// `direction` and `wrapUpNotes` belong to calls. Times are ISO-8601 strings, milliseconds, or
/// `{"$date": …}`. Unknown keys are kept in place.
public struct ConversationParser: Sendable {
    /// Normalizes phones to report those that cannot be read.
    public let phones: PhoneNormalizer

    /// Creates a parser for a default phone region.
    public init(phones: PhoneNormalizer) {
        self.phones = phones
    }

    /// A parsed conversation and what is worth telling about it.
    public struct Parsed: Sendable {
        /// The conversation in canonical shape, with an id and a `createdAt`.
        public var conversation: Conversation
        /// A phone kept as given because it could not be normalized.
        public var warnings: [ContactWarning]
    }

    /// Parses a conversation from JSON bytes.
    /// - Parameter now: the time to give a conversation without `createdAt`, in milliseconds.
    public func parse(_ bytes: some Collection<UInt8>, now: Int64) throws(ContactIndexError) -> Parsed {
        try parse(JSONParser.parseRecord(bytes, "conversation", maximumBytes: ConversationLimits.maximumConversationBytes), now: now)
    }

    /// Parses a conversation from a JSON value.
    /// - Parameter now: the time to give a conversation without `createdAt`, in milliseconds.
    public func parse(_ value: JSONValue, now: Int64) throws(ContactIndexError) -> Parsed {
        guard case .object(let input) = value else { throw .invalidConversation("a conversation is a JSON object") }
        var out: [(key: String, value: JSONValue)] = []
        var id: String?
        for (key, member) in input.members {
            if member == .null && Self.knownKeys.contains(key) { continue }
            switch key {
            case "_id":
                guard let s = member.stringValue, !s.isEmpty else { throw .invalidConversation("_id must be a non-empty string") }
                guard s.utf8.count <= ContactLimits.maximumIdBytes else {
                    throw .tooLarge("_id is over \(ContactLimits.maximumIdBytes) bytes")
                }
                id = s
                continue
            case "kind":
                try oneOf(member, key, ConversationKind.allCases.map(\.rawValue))
            case "status":
                try oneOf(member, key, ConversationStatus.allCases.map(\.rawValue))
            case "direction":
                try oneOf(member, key, ["inbound", "outbound"])
            case "contactId", "name", "phone", "channel", "topic", "department":
                try text(member, key, limit: ConversationLimits.maximumValueBytes)
            case "wrapUpNotes":
                try text(member, key, limit: ConversationLimits.maximumNotesBytes)
            case "agents", "tags":
                guard let items = member.arrayValue else { throw .invalidConversation("\(key) must be an array of strings") }
                guard items.count <= ConversationLimits.maximumListCount else {
                    throw .tooLarge("at most \(ConversationLimits.maximumListCount) \(key)")
                }
                for item in items { try text(item, key, limit: ConversationLimits.maximumValueBytes) }
            case "createdAt", "closedAt":
                guard Contact.millis(member) != nil else {
                    throw .invalidConversation("\(key) must be an ISO-8601 time, milliseconds, or {\"$date\": …}")
                }
            case "durationSeconds":
                guard case .number(let n) = member, let seconds = Double(n), seconds >= 0 else {
                    throw .invalidConversation("durationSeconds must be a number of seconds, 0 or more")
                }
            default:
                break
            }
            out.append((key, member))
        }
        out.insert(("_id", .string(id ?? IdentifierGenerator.next())), at: 0)
        var conversation = Conversation(canonical: JSONObject(out))
        if conversation.json["createdAt"] == nil {
            conversation = Conversation(canonical: JSONObject(out + [("createdAt", .string(ISOTime.format(milliseconds: now)))]))
        }
        try check(conversation)
        var warnings: [ContactWarning] = []
        if let phone = conversation.phone, case .failure(let error) = phones.parse(phone) {
            warnings.append(ContactWarning(field: "phone", code: error.code, message: "kept as given: \(error.description)"))
        }
        return Parsed(conversation: conversation, warnings: warnings)
    }

    /// The keys this parser reads; `null` for one of them means absent.
    private static let knownKeys: Set<String> = [
        "_id", "kind", "status", "direction", "contactId", "name", "phone", "channel", "topic", "department", "wrapUpNotes",
        "agents", "tags", "createdAt", "closedAt", "durationSeconds",
    ]

    /// The rules between fields.
    private func check(_ conversation: Conversation) throws(ContactIndexError) {
        let json = conversation.json
        for key in ["kind", "contactId", "status"] where json[key] == nil {
            throw .invalidConversation("a conversation needs \(key)")
        }
        guard !conversation.contactID.isEmpty else { throw .invalidConversation("contactId must be a non-empty string") }
        if conversation.kind == .chat {
            for key in ["durationSeconds", "direction", "wrapUpNotes"] where json[key] != nil {
                throw .invalidConversation("\(key) belongs to calls; this conversation is a chat")
            }
        }
        switch (conversation.status, conversation.closedAtMillis) {
        case (.closed, nil):
            throw .invalidConversation("a closed conversation needs closedAt")
        case (.closed, let closedAt?):
            guard closedAt >= conversation.createdAtMillis else { throw .invalidConversation("closedAt is before createdAt") }
        case (_, .some):
            throw .invalidConversation("closedAt is given only for a closed conversation")
        default:
            break
        }
    }

    private func oneOf(_ member: JSONValue, _ key: String, _ allowed: [String]) throws(ContactIndexError) {
        guard let s = member.stringValue, allowed.contains(s) else {
            throw .invalidConversation("\(key) must be one of \(allowed.joined(separator: ", "))")
        }
    }

    private func text(_ member: JSONValue, _ key: String, limit: Int) throws(ContactIndexError) {
        guard let s = member.stringValue else { throw .invalidConversation("\(key) must be a string") }
        guard s.utf8.count <= limit else { throw .tooLarge("\(key) is over \(limit) bytes") }
    }
}
