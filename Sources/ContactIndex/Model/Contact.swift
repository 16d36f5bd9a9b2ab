/// A contact in Rocket.Chat's canonical shape.
///
/// The whole JSON object is kept, unknown keys included, and given back unchanged; the fields
/// that search, filters and ranking use are read out of it.
public struct Contact: Sendable, Equatable {
    /// The canonical JSON object.
    public private(set) var json: JSONObject

    /// The contact's id (`_id`).
    public var id: String { json["_id"]?.stringValue ?? "" }
    /// The display name.
    public var name: String? { json["name"]?.stringValue }
    /// The username (`guest-1234`).
    public var username: String? { json["username"]?.stringValue }
    /// The email addresses as given.
    public var emails: [String] { Self.values(json["emails"], key: "address") }
    /// The phone numbers as given.
    public var phones: [String] { Self.values(json["phones"], key: "phoneNumber") }
    /// Custom field values by key, as text.
    public var customFields: [(key: String, value: String)] {
        (json["customFields"]?.objectValue?.members ?? []).compactMap { member in
            Self.text(member.value).map { (member.key, $0) }
        }
    }
    /// The contact manager: an agent's id or username.
    public var contactManager: String? { json["contactManager"]?.stringValue }
    /// The channels the contact was reached through.
    public var channels: [ContactChannel] {
        (json["channels"]?.arrayValue ?? []).compactMap { value in
            guard let object = value.objectValue, let name = object["name"]?.stringValue else { return nil }
            return ContactChannel(
                name: name, blocked: object["blocked"]?.boolValue ?? false, verified: object["verified"]?.boolValue ?? false)
        }
    }
    /// `lastChat.ts` in milliseconds since 1970, when present and readable.
    public var lastChatMillis: Int64? {
        guard let ts = json["lastChat"]?["ts"] else { return nil }
        return Self.millis(ts)
    }

    /// Creates a contact from a canonical JSON object, without validation (see `ContactParser`).
    init(canonical json: JSONObject) {
        self.json = json
    }

    /// This contact with `lastChat` pointing at a conversation.
    func withLastChat(conversation id: String, at millis: Int64) -> Contact {
        var json = json
        json["lastChat"] = .object(JSONObject([("_id", .string(id)), ("ts", .string(ISOTime.format(milliseconds: millis)))]))
        return Contact(canonical: json)
    }

    /// The JSON text of the contact.
    public var jsonText: String { String(decoding: jsonBytes, as: UTF8.self) }

    /// The JSON of the contact as UTF-8 bytes, as stored and logged.
    var jsonBytes: [UInt8] {
        JSONWriter.bytes(.object(json), reservingCapacity: 512)  // most contacts fit (generated ones: 495 bytes on average)
    }

    private static func values(_ list: JSONValue?, key: String) -> [String] {
        (list?.arrayValue ?? []).compactMap { item in
            if let s = item.stringValue { return s }
            return item[key]?.stringValue
        }
    }

    /// The text of a scalar JSON value (strings, numbers and Booleans).
    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    /// Milliseconds of an ISO-8601 string, a number of milliseconds, or `{"$date": …}`.
    static func millis(_ value: JSONValue) -> Int64? {
        switch value {
        case .string(let s): return ISOTime.parse(s)
        case .number(let n): return Int64(n) ?? Double(n).map { Int64($0) }
        case .object(let o):
            if let date = o["$date"] { return millis(date) }
            if let long = o["$numberLong"]?.stringValue { return Int64(long) }
            return nil
        default: return nil
        }
    }
}
