/// The contacts and their conversations, and the rules that tie them: a conversation belongs to
/// a contact that exists; a contact's `lastChat` follows its newest conversation; a contact with
/// a conversation not yet closed cannot be deleted, and deleting a contact deletes its
/// conversations. The store's writes and recovery's replay both go through it, so that one log
/// record (a contact's deletion, say) replays to the same state as it was written.
final class ContactBook: Sendable {
    let contacts: ContactIndex
    let conversations: ConversationIndex

    init(contacts: ContactIndex, conversations: ConversationIndex) {
        self.contacts = contacts
        self.conversations = conversations
    }

    // MARK: Rules checked before a write is logged

    /// Checks that a conversation's contact exists.
    /// - Throws: `invalidConversation` naming the missing contact.
    func check(_ conversation: Conversation) throws(ContactIndexError) {
        guard contacts.contains(id: conversation.contactID) else {
            throw .invalidConversation("contactId '\(conversation.contactID)' names no contact; write the contact first")
        }
    }

    /// Checks that a contact may be deleted.
    /// - Throws: `hasOpenConversations` when one of its conversations is not closed.
    func checkDeletion(ofContact id: String) throws(ContactIndexError) {
        if conversations.hasOpenConversations(contact: id) { throw .hasOpenConversations(id) }
    }

    /// A contact as it is stored: with `lastChat` from its newest conversation, when it has one.
    func prepared(_ contact: Contact) -> Contact {
        lastChatMoved(contact) ?? contact
    }

    /// The contact with `lastChat` from its newest conversation when that differs from its own,
    /// else nil (the contact is stored as given).
    func lastChatMoved(_ contact: Contact) -> Contact? {
        guard let newest = conversations.newest(ofContact: contact.id), contact.lastChatMillis != newest.createdAt else {
            return nil
        }
        return contact.withLastChat(conversation: newest.id, at: newest.createdAt)
    }

    // MARK: Applying writes

    /// Adds or replaces contacts already prepared (`prepared(_:)`, then `PreparedContact` under
    /// `schema`), in order; for each, true when it was new.
    func upsert(contacts prepared: [PreparedContact], preparedWith schema: FieldSchema) -> [Bool] {
        contacts.upsert(prepared, preparedWith: schema)
    }

    /// Deletes a contact and its conversations; true when the contact existed.
    @discardableResult
    func delete(contact id: String) -> Bool {
        guard contacts.delete(id: id) else { return false }
        for conversation in conversations.ids(ofContact: id) { conversations.delete(id: conversation) }
        return true
    }

    /// Adds or replaces a conversation and moves its contact's `lastChat`; true when it was new.
    @discardableResult
    func upsert(conversation: Conversation) -> Bool {
        let replacedContact = conversations.upsert(conversation)
        followLastChat(ofContact: conversation.contactID)
        if let replacedContact, replacedContact != conversation.contactID { followLastChat(ofContact: replacedContact) }
        return replacedContact == nil
    }

    /// Deletes a conversation and moves its contact's `lastChat`; true when it existed.
    @discardableResult
    func delete(conversation id: String) -> Bool {
        guard let contact = conversations.delete(id: id) else { return false }
        followLastChat(ofContact: contact)
        return true
    }

    /// Loads many conversations at once and moves their contacts' `lastChat`.
    func load(conversations loaded: [Conversation]) {
        conversations.load(loaded)
        contacts.load(Set(loaded.map(\.contactID)).compactMap(movedLastChat))
    }

    /// Applies one log record, as it was applied when written.
    func apply(_ mutation: Mutation) throws(ContactIndexError) {
        switch mutation {
        case .upsert(let json):
            let contact = Contact(canonical: try Self.object(json, "contact"))
            _ = contacts.upsert(parsed: ContactParser.Parsed(contact: contact, warnings: [], generatedID: false))
        case .delete(let id):
            delete(contact: id)
        case .field(let key, let definition):
            contacts.setField(key, definition)
        case .conversation(let json):
            upsert(conversation: Conversation(canonical: try Self.object(json, "conversation")))
        case .deleteConversation(let id):
            delete(conversation: id)
        }
    }

    private static func object(_ json: [UInt8], _ what: String) throws(ContactIndexError) -> JSONObject {
        guard let object = (try? JSONParser.parse(json))?.objectValue else {
            throw .storageError("a logged \(what) is not valid JSON")
        }
        return object
    }

    private func followLastChat(ofContact id: String) {
        guard let moved = movedLastChat(ofContact: id) else { return }
        _ = contacts.upsert(parsed: ContactParser.Parsed(contact: moved, warnings: [], generatedID: false))
    }

    /// A contact as it should now be stored, when its `lastChat` no longer follows its newest
    /// conversation; nil when it does, or when there is no such contact.
    private func movedLastChat(ofContact id: String) -> Contact? {
        contacts.get(id: id).flatMap(lastChatMoved)
    }
}
