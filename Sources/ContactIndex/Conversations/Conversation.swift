/// A chat or a call with a contact: the records behind the Chats and Calls tabs and a contact's
/// history.
///
/// The whole JSON object is kept, unknown keys included, and given back unchanged; the fields
/// that search, filters and ordering use are read out of it.
public struct Conversation: Sendable, Equatable {
    /// The canonical JSON object.
    public private(set) var json: JSONObject

    /// The conversation's id (`_id`).
    public var id: String { json["_id"]?.stringValue ?? "" }
    /// Chat or call.
    public var kind: ConversationKind { json["kind"]?.stringValue.flatMap(ConversationKind.init(rawValue:)) ?? .chat }
    /// The id of the contact it was with.
    public var contactID: String { json["contactId"]?.stringValue ?? "" }
    /// The contact's name as seen in this conversation.
    public var name: String? { json["name"]?.stringValue }
    /// The contact's phone as seen in this conversation.
    public var phone: String? { json["phone"]?.stringValue }
    /// The channel: `livechat`, `whatsapp`, `email`, `sms`, `voip`, …
    public var channel: String? { json["channel"]?.stringValue }
    /// Ids of the agents who served it.
    public var agents: [String] { (json["agents"]?.arrayValue ?? []).compactMap(\.stringValue) }
    /// Open, on hold or closed.
    public var status: ConversationStatus {
        json["status"]?.stringValue.flatMap(ConversationStatus.init(rawValue:)) ?? .open
    }
    /// Tags given by agents.
    public var tags: [String] { (json["tags"]?.arrayValue ?? []).compactMap(\.stringValue) }
    /// The topic.
    public var topic: String? { json["topic"]?.stringValue }
    /// The department that served it.
    public var department: String? { json["department"]?.stringValue }
    /// A call's wrap-up notes.
    public var wrapUpNotes: String? { json["wrapUpNotes"]?.stringValue }
    /// `createdAt` in milliseconds since 1970.
    public var createdAtMillis: Int64 { json["createdAt"].flatMap(Contact.millis) ?? 0 }
    /// `closedAt` in milliseconds since 1970, for a closed conversation.
    public var closedAtMillis: Int64? { json["closedAt"].flatMap(Contact.millis) }

    /// The time that orders conversations, newest first: `closedAt`, or `createdAt` while open.
    var activityMillis: Int64 { closedAtMillis ?? createdAtMillis }

    /// Creates a conversation from a canonical JSON object, without validation (see
    /// `ConversationParser`).
    init(canonical json: JSONObject) {
        self.json = json
    }

    /// The JSON of the conversation as UTF-8 bytes, as stored and logged.
    var jsonBytes: [UInt8] {
        JSONWriter.bytes(.object(json))
    }

    /// The conversation as the search index sees it: a contact with its name and phone, its tags,
    /// topic and wrap-up notes as searchable custom fields, and its activity time as `lastChat`,
    /// so that the contact ranking applies and breaks ties newest first.
    var searchView: Contact {
        var members: [(key: String, value: JSONValue)] = [("_id", .string(id))]
        if let name { members.append(("name", .string(name))) }
        if let phone { members.append(("phones", .array([.string(phone)]))) }
        var fields: [(key: String, value: JSONValue)] = []
        for (i, tag) in tags.enumerated() { fields.append((Self.tagField(i), .string(tag))) }
        if let topic { fields.append(("topic", .string(topic))) }
        if let wrapUpNotes { fields.append(("wrapUpNotes", .string(wrapUpNotes))) }
        if !fields.isEmpty { members.append(("customFields", .object(JSONObject(fields)))) }
        members.append(("lastChat", .object(JSONObject([("ts", .number(String(activityMillis)))]))))
        return Contact(canonical: JSONObject(members))
    }

    /// The search view's custom field of the tag at `index`.
    static func tagField(_ index: Int) -> String { "tags.\(index)" }

    /// The search view's schema: tags, topic and wrap-up notes searchable.
    static let searchSchema = FieldSchema(fields: Dictionary(
        uniqueKeysWithValues: (["topic", "wrapUpNotes"] + (0..<ConversationLimits.maximumListCount).map(tagField))
            .map { ($0, CustomFieldDefinition(searchable: true)) }))

    /// The field path in a conversation of a highlight found in its search view:
    /// `phones.0` is `phone`, `customFields.tags.1` is `tags.1`.
    static func fieldPath(ofViewField field: String) -> String {
        if field.hasPrefix("phones.") { return "phone" }
        if field.hasPrefix("customFields.") { return String(field.dropFirst("customFields.".count)) }
        return field
    }
}
