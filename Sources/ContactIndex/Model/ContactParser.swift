import Tokenizer

/// Reads contacts in Rocket.Chat's shapes, validates them, and gives the canonical shape.
///
/// Accepted: the canonical shape (`emails: [{"address"}]` or strings, `phones: [{"phoneNumber"}]`
/// or strings, `customFields: {key: value}`, `contactManager` as a string) and the legacy register
/// payload (`email`, `phone` as strings, `customFields: [{"key","value","overwrite"}]`,
/// `contactManager: {"username"}`, `token`). Unknown keys are kept in place.
public struct ContactParser: Sendable {
    /// Normalizes phones to report those that cannot be read.
    public let phones: PhoneNormalizer

    /// Creates a parser for a default phone region.
    public init(phones: PhoneNormalizer) {
        self.phones = phones
    }

    /// A parsed contact and what is worth telling about it.
    public struct Parsed: Sendable {
        /// The contact in canonical shape, with an id.
        public var contact: Contact
        /// Phones and emails kept as given because they could not be normalized.
        public var warnings: [ContactWarning]
        /// Whether the id was generated because none was given.
        public var generatedID: Bool
    }

    /// Parses a contact from JSON bytes.
    public func parse(_ bytes: some Collection<UInt8>) throws(ContactIndexError) -> Parsed {
        try parse(JSONParser.parseRecord(bytes, "contact", maximumBytes: ContactLimits.maximumContactBytes))
    }

    /// Parses a contact from a JSON value.
    public func parse(_ value: JSONValue) throws(ContactIndexError) -> Parsed {
        guard case .object(let input) = value else { throw .invalidContact("a contact is a JSON object") }
        var out: [(key: String, value: JSONValue)] = []
        var emails: [JSONValue] = []
        var phoneList: [JSONValue] = []
        // The texts that validation and warnings read, as `Contact` would read them back.
        var texts = (name: String?.none, username: String?.none, emails: [String](), phones: [String]())
        var emailsSlot: Int?
        var phonesSlot: Int?
        var id: String?
        for (key, member) in input.members {
            switch key {
            case "_id":
                guard case .string(let s) = member, !s.isEmpty else {
                    if member == .null { continue }
                    throw .invalidContact("_id must be a non-empty string")
                }
                guard s.utf8.count <= ContactLimits.maximumIdBytes else {
                    throw .tooLarge("_id is over \(ContactLimits.maximumIdBytes) bytes")
                }
                id = s
            case "name", "username":
                switch member {
                case .null: continue
                case .string(let s):
                    try checkValue(s, key)
                    if key == "name" { texts.name = s } else { texts.username = s }
                default: throw .invalidContact("\(key) must be a string")
                }
                out.append((key, member))
            case "email", "emails":
                emailsSlot = emailsSlot ?? out.count
                emails += try listItems(member, field: key, itemKey: "address", texts: &texts.emails)
            case "phone", "phones":
                phonesSlot = phonesSlot ?? out.count
                phoneList += try listItems(member, field: key, itemKey: "phoneNumber", texts: &texts.phones)
            case "customFields":
                out.append((key, .object(try customFields(member))))
            case "contactManager":
                switch member {
                case .null: continue
                case .string(let s): try checkValue(s, key); out.append((key, member))
                case .object(let o):
                    guard let name = o["username"]?.stringValue ?? o["_id"]?.stringValue ?? o["id"]?.stringValue else {
                        throw .invalidContact("contactManager must be a string or {\"username\": …}")
                    }
                    try checkValue(name, key)
                    out.append((key, .string(name)))
                default: throw .invalidContact("contactManager must be a string or {\"username\": …}")
                }
            case "channels":
                guard case .array(let items) = member else {
                    if member == .null { continue }
                    throw .invalidContact("channels must be an array")
                }
                guard items.count <= ContactLimits.maximumListCount else {
                    throw .tooLarge("at most \(ContactLimits.maximumListCount) channels")
                }
                for item in items {
                    guard item.objectValue?["name"]?.stringValue != nil else {
                        throw .invalidContact("each channel is an object with a name")
                    }
                }
                out.append((key, member))
            default:
                out.append((key, member))
            }
        }
        guard emails.count <= ContactLimits.maximumListCount, phoneList.count <= ContactLimits.maximumListCount else {
            throw .tooLarge("at most \(ContactLimits.maximumListCount) emails and \(ContactLimits.maximumListCount) phones")
        }
        // Lists go where their first key stood; phones after emails when both share a slot.
        var inserts: [(slot: Int, key: String, value: JSONValue)] = []
        if let slot = emailsSlot, !emails.isEmpty { inserts.append((slot, "emails", .array(emails))) }
        if let slot = phonesSlot, !phoneList.isEmpty { inserts.append((slot, "phones", .array(phoneList))) }
        for insert in inserts.sorted(by: { $0.slot > $1.slot || ($0.slot == $1.slot && $0.key == "phones") }) {
            out.insert((insert.key, insert.value), at: insert.slot)
        }
        let generated = id == nil
        out.insert(("_id", .string(id ?? IdentifierGenerator.next())), at: 0)
        let identified = Self.hasText(texts.name) || Self.hasText(texts.username)
            || texts.emails.contains(where: Self.hasText) || texts.phones.contains(where: Self.hasText)
        guard identified else {
            throw .invalidContact("a contact needs at least one of name, username, email or phone")
        }
        let contact = Contact(canonical: JSONObject(out))
        return Parsed(contact: contact, warnings: warnings(emails: texts.emails, phones: texts.phones), generatedID: generated)
    }

    /// Whether a value holds more than white space. A first byte that is ASCII and not white
    /// space decides at once; else the characters are read.
    private static func hasText(_ s: String?) -> Bool {
        guard let s, let first = s.utf8.first else { return false }
        if first < 0x80 && first != 0x20 && !(0x09...0x0D).contains(first) { return true }
        return !s.allSatisfy(\.isWhitespace)
    }

    private func checkValue(_ s: String, _ field: String) throws(ContactIndexError) {
        guard s.utf8.count <= ContactLimits.maximumValueBytes else {
            throw .tooLarge("\(field) is over \(ContactLimits.maximumValueBytes) bytes")
        }
    }

    /// The items of an email or phone list in canonical shape; their texts are appended to `texts`.
    private func listItems(_ member: JSONValue, field: String, itemKey: String, texts: inout [String]) throws(ContactIndexError) -> [JSONValue] {
        let items: [JSONValue]
        switch member {
        case .null: return []
        case .string: items = [member]
        case .array(let a): items = a
        default: throw .invalidContact("\(field) must be a string or an array")
        }
        var out: [JSONValue] = []
        for item in items {
            switch item {
            case .string(let s):
                try checkValue(s, field)
                out.append(.object(JSONObject([(itemKey, .string(s))])))
                texts.append(s)
            case .object(let o):
                guard let s = o[itemKey]?.stringValue else {
                    throw .invalidContact("each of \(field) is a string or an object with \"\(itemKey)\"")
                }
                try checkValue(s, field)
                out.append(item)
                texts.append(s)
            case .null:
                continue
            default:
                throw .invalidContact("each of \(field) is a string or an object with \"\(itemKey)\"")
            }
        }
        return out
    }

    private func customFields(_ member: JSONValue) throws(ContactIndexError) -> JSONObject {
        var fields = JSONObject()
        switch member {
        case .null:
            return fields
        case .object(let o):
            fields = o
        case .array(let items):
            for item in items {
                guard let o = item.objectValue, let key = o["key"]?.stringValue, let value = o["value"] else {
                    throw .invalidContact("customFields as a list holds {\"key\", \"value\"} objects")
                }
                fields[key] = value
            }
        default:
            throw .invalidContact("customFields must be an object or a list of {\"key\", \"value\"}")
        }
        guard fields.members.count <= ContactLimits.maximumListCount else {
            throw .tooLarge("at most \(ContactLimits.maximumListCount) custom fields")
        }
        for (key, value) in fields.members {
            guard key.utf8.count <= ContactLimits.maximumValueBytes else { throw .tooLarge("a custom field key is over 1 KiB") }
            switch value {
            case .string(let s): try checkValue(s, "customFields.\(key)")
            case .number, .bool, .null: break
            default: throw .invalidContact("customFields.\(key) must be a string, number or Boolean")
            }
        }
        return fields
    }

    private func warnings(emails: [String], phones phoneTexts: [String]) -> [ContactWarning] {
        var warnings: [ContactWarning] = []
        for (i, email) in emails.enumerated() {
            if case .failure(let error) = EmailNormalizer.normalize(email) {
                warnings.append(ContactWarning(field: "emails.\(i)", code: error.code, message: "kept as given: \(error.description)"))
            }
        }
        for (i, phone) in phoneTexts.enumerated() {
            if case .failure(let error) = phones.parse(phone) {
                warnings.append(ContactWarning(field: "phones.\(i)", code: error.code, message: "kept as given: \(error.description)"))
            }
        }
        return warnings
    }
}
