/// One change to the store, as the log records it and recovery replays it.
enum Mutation: Equatable {
    /// A contact added or replaced, as its canonical JSON.
    case upsert(json: [UInt8])
    /// A contact deleted by id.
    case delete(id: String)
    /// A custom field defined.
    case field(key: String, definition: CustomFieldDefinition)
    /// A conversation added or replaced, as its canonical JSON.
    case conversation(json: [UInt8])
    /// A conversation deleted by id.
    case deleteConversation(id: String)

    private enum Kind: UInt8 {
        case upsert = 1, delete = 2, field = 3, conversation = 4, deleteConversation = 5
    }

    /// The record's kind byte and payload.
    func encode(into writer: inout ByteWriter) {
        switch self {
        case .upsert(let json):
            writer.u8(Kind.upsert.rawValue)
            writer.bytes.append(contentsOf: json)
        case .delete(let id):
            writer.u8(Kind.delete.rawValue)
            writer.bytes.append(contentsOf: id.utf8)
        case .conversation(let json):
            writer.u8(Kind.conversation.rawValue)
            writer.bytes.append(contentsOf: json)
        case .deleteConversation(let id):
            writer.u8(Kind.deleteConversation.rawValue)
            writer.bytes.append(contentsOf: id.utf8)
        case .field(let key, let definition):
            writer.u8(Kind.field.rawValue)
            writer.string(key)
            writer.u8(definition.searchable ? 1 : 0)
            writer.string(definition.label)
        }
    }

    /// Decodes a record's kind byte and payload; nil when they make no sense.
    static func decode(_ body: UnsafeRawBufferPointer) -> Mutation? {
        var reader = ByteReader(body)
        guard let kind = reader.u8().flatMap(Kind.init(rawValue:)) else { return nil }
        let rest = UnsafeRawBufferPointer(rebasing: body[1...])
        switch kind {
        case .upsert:
            return .upsert(json: Array(rest))
        case .delete:
            return String(validating: rest, as: UTF8.self).map { .delete(id: $0) }
        case .conversation:
            return .conversation(json: Array(rest))
        case .deleteConversation:
            return String(validating: rest, as: UTF8.self).map { .deleteConversation(id: $0) }
        case .field:
            guard let key = reader.string(), let searchable = reader.u8(), searchable <= 1,
                  let label = reader.string(), reader.remaining == 0
            else { return nil }
            return .field(key: key, definition: CustomFieldDefinition(searchable: searchable == 1, label: label))
        }
    }
}
