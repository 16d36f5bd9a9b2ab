import Testing
@testable import ContactIndex

/// Conversations in a durable store: visibility, the rules tying them to contacts, history,
/// filters, search, and restarts.
@Suite struct ConversationStoreTests {
    static let options = StoreOptions(snapshotAfterMutations: 0, snapshotAfterSeconds: 0)

    /// A conversation's JSON; `closedDay` nil leaves it open.
    static func conversation(
        _ id: String, contact: String, kind: String = "chat", agents: [String] = ["a1"], day: Int = 1, closedDay: Int? = 2,
        name: String = "Maria Souza", phone: String? = nil, channel: String = "whatsapp", tags: [String] = [],
        topic: String? = nil, department: String = "sales", extra: String = ""
    ) -> String {
        let status = closedDay == nil ? "open" : "closed"
        var json = #"{"_id":"\#(id)","kind":"\#(kind)","contactId":"\#(contact)","name":"\#(name)","channel":"\#(channel)","#
        json += #""agents":[\#(agents.map { "\"\($0)\"" }.joined(separator: ","))],"status":"\#(status)","#
        json += #""tags":[\#(tags.map { "\"\($0)\"" }.joined(separator: ","))],"department":"\#(department)","#
        json += #""createdAt":"2026-01-\#(pad(day))T10:00:00.000Z""#
        if let closedDay { json += #","closedAt":"2026-01-\#(pad(closedDay))T11:00:00.000Z""# }
        if let phone { json += #","phone":"\#(phone)""# }
        if let topic { json += #","topic":"\#(topic)""# }
        return json + extra + "}"
    }

    static func pad(_ day: Int) -> String { day < 10 ? "0\(day)" : "\(day)" }

    static func put(_ store: ContactStore, _ json: String) throws -> ContactStore.ConversationUpsert {
        try store.upsertConversation(jsonBytes: Array(json.utf8))
    }

    static func ids(_ result: ConversationResult) -> [String] { result.hits.map(\.id) }

    static func history(_ store: ContactStore, _ contact: String, _ viewer: ConversationViewer, limit: Int = 10, offset: Int = 0) throws
        -> [String]
    {
        try store.history(HistoryQuery(contactID: contact, viewer: viewer, limit: limit, offset: offset)).conversations.map { json in
            (try JSONParser.parse(json))["_id"]!.stringValue!
        }
    }

    /// A store with contacts `c1` (Maria Souza) and `c2` (João Pereira).
    static func openStore(_ folder: TemporaryFolder) throws -> ContactStore {
        let store = try ContactStore(folder: folder.path, options: options)
        _ = try store.upsert(json: #"{"_id":"c1","name":"Maria Souza","phones":["+55 51 5555-5555"]}"#)
        _ = try store.upsert(json: #"{"_id":"c2","name":"João Pereira"}"#)
        return store
    }

    @Test func anAgentSeesOnlyTheConversationsTheyServedThroughSearchGetAndHistory() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try Self.openStore(folder)
        defer { try? store.close() }
        _ = try Self.put(store, Self.conversation("v1", contact: "c1", agents: ["a1"], day: 1, closedDay: 1))
        _ = try Self.put(store, Self.conversation("v2", contact: "c1", agents: ["a2"], day: 2, closedDay: 2))
        _ = try Self.put(store, Self.conversation("v3", contact: "c1", agents: ["a1", "a2"], day: 3, closedDay: 3))

        #expect(Self.ids(try store.search(ConversationQuery("maria", viewer: .agent("a1")))) == ["v3", "v1"])
        #expect(Self.ids(try store.search(ConversationQuery("", viewer: .agent("a2")))) == ["v3", "v2"])
        #expect(Self.ids(try store.search(ConversationQuery("maria", viewer: .manager))) == ["v3", "v2", "v1"])
        #expect(try store.search(ConversationQuery("maria", viewer: .agent("nobody"))).total == 0)
        #expect(store.conversationJSON(id: "v2", viewer: .agent("a1")) == nil)
        #expect(store.conversationJSON(id: "v2", viewer: .agent("a2")) != nil)
        #expect(store.conversationJSON(id: "v2", viewer: .manager) != nil)
        #expect(try Self.history(store, "c1", .agent("a1")) == ["v3", "v1"])
        #expect(try Self.history(store, "c1", .manager) == ["v3", "v2", "v1"])
    }

    @Test func aContactWithAnOpenConversationCannotBeDeletedAndDeletingOneDeletesItsConversations() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        do {
            let store = try Self.openStore(folder)
            _ = try Self.put(store, Self.conversation("v1", contact: "c1", day: 1, closedDay: 1))
            _ = try Self.put(store, Self.conversation("v2", contact: "c1", day: 2, closedDay: nil))
            _ = try Self.put(store, Self.conversation("v3", contact: "c2", day: 2, closedDay: 3, name: "João Pereira"))
            #expect(throws: ContactIndexError.hasOpenConversations("c1")) { try store.delete(id: "c1") }
            #expect(store.get(id: "c1") != nil)
            _ = try Self.put(store, Self.conversation("v2", contact: "c1", day: 2, closedDay: 4))
            #expect(try store.delete(id: "c1"))
            #expect(store.conversationJSON(id: "v1", viewer: .manager) == nil)
            #expect(store.conversationJSON(id: "v2", viewer: .manager) == nil)
            #expect(Self.ids(try store.search(ConversationQuery("", viewer: .manager))) == ["v3"])
            try store.close(snapshot: false)
        }
        let store = try ContactStore(folder: folder.path, options: Self.options)
        defer { try? store.close() }
        #expect(store.get(id: "c1") == nil)
        #expect(store.conversationStats().conversations == 1)
        #expect(Self.ids(try store.search(ConversationQuery("", viewer: .manager))) == ["v3"])
    }

    @Test func aConversationNeedsAnExistingContact() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try Self.openStore(folder)
        defer { try? store.close() }
        #expect(throws: ContactIndexError.self) { try Self.put(store, Self.conversation("v1", contact: "missing")) }
        #expect(store.conversationStats().conversations == 0)
        #expect(throws: ContactIndexError.self) {
            try store.load(conversations: [Conversation(canonical: try JSONParser.parse(Self.conversation("v2", contact: "missing")).objectValue!)])
        }
        #expect(store.conversationStats().conversations == 0)
    }

    @Test func historyIsClosedConversationsNewestClosedFirstInPages() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try Self.openStore(folder)
        defer { try? store.close() }
        for day in 1...9 {
            _ = try Self.put(store, Self.conversation("v\(day)", contact: "c1", day: day, closedDay: 20 - day))
        }
        _ = try Self.put(store, Self.conversation("open", contact: "c1", day: 25, closedDay: nil))
        _ = try Self.put(store, Self.conversation("other", contact: "c2", day: 1, closedDay: 28, name: "João Pereira"))
        #expect(try Self.history(store, "c1", .manager, limit: 4) == ["v1", "v2", "v3", "v4"])
        #expect(try Self.history(store, "c1", .manager, limit: 4, offset: 4) == ["v5", "v6", "v7", "v8"])
        #expect(try Self.history(store, "c1", .manager, limit: 4, offset: 8) == ["v9"])
        #expect(try store.history(HistoryQuery(contactID: "c1", viewer: .manager)).total == 9)
        #expect(try store.history(HistoryQuery(contactID: "nobody", viewer: .manager)).total == 0)
        #expect(throws: ContactIndexError.self) { try store.history(HistoryQuery(contactID: "c1", viewer: .manager, limit: 0)) }
    }

    @Test func everyFilterKeepsOnlyWhatItNames() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try Self.openStore(folder)
        defer { try? store.close() }
        _ = try Self.put(store, Self.conversation(
            "chat1", contact: "c1", kind: "chat", agents: ["a1"], day: 1, closedDay: 2, channel: "whatsapp", tags: ["vip"],
            department: "sales"))
        _ = try Self.put(store, Self.conversation(
            "call1", contact: "c1", kind: "call", agents: ["a2"], day: 5, closedDay: 6, channel: "voip", tags: ["billing"],
            department: "support", extra: #","direction":"inbound","durationSeconds":95"#))
        _ = try Self.put(store, Self.conversation(
            "open1", contact: "c1", kind: "chat", agents: ["a1", "a2"], day: 10, closedDay: nil, channel: "livechat",
            tags: ["vip", "billing"], department: "support"))
        func found(_ filter: ConversationFilter) throws -> Set<String> {
            Set(Self.ids(try store.search(ConversationQuery("maria", viewer: .manager, filter: filter))))
        }
        let day = { (d: Int) in ISOTime.parse("2026-01-\(Self.pad(d))T00:00:00Z")! }
        #expect(try found(ConversationFilter(kind: .call)) == ["call1"])
        #expect(try found(ConversationFilter(kind: .chat)) == ["chat1", "open1"])
        #expect(try found(ConversationFilter(status: .open)) == ["open1"])
        #expect(try found(ConversationFilter(status: .closed)) == ["chat1", "call1"])
        #expect(try found(ConversationFilter(channel: "voip")) == ["call1"])
        #expect(try found(ConversationFilter(channel: "sms")) == [])
        #expect(try found(ConversationFilter(agent: "a2")) == ["call1", "open1"])
        #expect(try found(ConversationFilter(department: "support")) == ["call1", "open1"])
        #expect(try found(ConversationFilter(tag: "vip")) == ["chat1", "open1"])
        #expect(try found(ConversationFilter(department: "support", tag: "vip")) == ["open1"])
        #expect(try found(ConversationFilter(createdAt: .init(from: day(5)))) == ["call1", "open1"])
        #expect(try found(ConversationFilter(createdAt: .init(from: day(1), to: day(5)))) == ["chat1"])
        #expect(try found(ConversationFilter(closedAt: .init(to: day(3)))) == ["chat1"])
        #expect(try found(ConversationFilter(closedAt: .init(from: day(1)))) == ["chat1", "call1"])
        #expect(try Set(Self.ids(store.search(ConversationQuery("", viewer: .agent("a1"), filter: ConversationFilter(tag: "billing")))))
            == ["open1"])
    }

    @Test func searchFindsNamePhoneTagsTopicAndNotesAsYouTypeWithHighlights() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try Self.openStore(folder)
        defer { try? store.close() }
        _ = try Self.put(store, Self.conversation(
            "call1", contact: "c1", kind: "call", day: 3, closedDay: 3, phone: "(51) 5555-5555", tags: ["reembolso"],
            topic: "Cartão bloqueado", extra: #","wrapUpNotes":"cliente pediu segunda via""#))
        _ = try Self.put(store, Self.conversation("chat1", contact: "c2", day: 4, closedDay: 4, name: "João Pereira", topic: "Maria ligou"))
        func search(_ text: String) throws -> ConversationResult {
            try store.search(ConversationQuery(text, viewer: .manager))
        }
        #expect(Self.ids(try search("+55 51 5555-5555")) == ["call1"])
        #expect(Self.ids(try search("5555")) == ["call1"])
        #expect(Self.ids(try search("reem")) == ["call1"])
        #expect(Self.ids(try search("cartao blo")) == ["call1"])
        #expect(Self.ids(try search("segunda")) == ["call1"])
        #expect(Self.ids(try search("joao")) == ["chat1"])
        #expect(Self.ids(try search("mar")) == ["call1", "chat1"], "a name match ranks before a topic match")
        #expect(Self.ids(try search("marai")) == ["call1", "chat1"], "typos apply as in contact search")
        let hit = try search("reem 5555").hits[0]
        #expect(hit.highlights.map(\.field).sorted() == ["phone", "tags.0"])
        #expect(try search("cartao").hits[0].highlights.first { $0.field == "topic" }?.ranges == [0..<6])
    }

    @Test func equalMatchesRankNewestFirstAndAnEmptyQueryListsNewestClosedOrCreatedFirst() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try Self.openStore(folder)
        defer { try? store.close() }
        _ = try Self.put(store, Self.conversation("old", contact: "c1", day: 1, closedDay: 2))
        _ = try Self.put(store, Self.conversation("new", contact: "c1", day: 3, closedDay: 9))
        _ = try Self.put(store, Self.conversation("open", contact: "c1", day: 5, closedDay: nil))
        #expect(Self.ids(try store.search(ConversationQuery("maria", viewer: .manager))) == ["new", "open", "old"])
        #expect(Self.ids(try store.search(ConversationQuery("", viewer: .manager))) == ["new", "open", "old"])
    }

    @Test func aContactsLastChatFollowsItsNewestConversation() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try Self.openStore(folder)
        defer { try? store.close() }
        let day = { (d: Int) in ISOTime.parse("2026-01-\(Self.pad(d))T10:00:00Z")! }
        _ = try Self.put(store, Self.conversation("v1", contact: "c1", day: 3, closedDay: 4))
        #expect(store.get(id: "c1")?.lastChatMillis == day(3))
        _ = try Self.put(store, Self.conversation("v2", contact: "c1", day: 7, closedDay: nil))
        #expect(store.get(id: "c1")?.lastChatMillis == day(7))
        #expect(store.get(id: "c1")?.json["lastChat"]?["_id"] == .string("v2"))
        _ = try store.upsert(json: #"{"_id":"c1","name":"Maria Souza","lastChat":{"ts":"2020-01-01T00:00:00Z"}}"#)
        #expect(store.get(id: "c1")?.lastChatMillis == day(7), "a rewritten contact keeps the lastChat of its conversations")
        _ = try Self.put(store, Self.conversation("v2", contact: "c1", day: 7, closedDay: 8))
        #expect(try store.deleteConversation(id: "v2"))
        #expect(store.get(id: "c1")?.lastChatMillis == day(3))
        #expect(try store.search(SearchQuery("maria")).hits.first?.contact.lastChatMillis == day(3))
    }

    @Test func conversationsSurviveARestartFromTheLogAndFromASnapshot() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        do {
            let store = try Self.openStore(folder)
            for i in 0..<30 { _ = try Self.put(store, Self.conversation("v\(i)", contact: "c1", agents: ["a\(i % 3)"], day: 1 + i % 20, closedDay: 25)) }
            try store.snapshot()
            for i in 30..<40 { _ = try Self.put(store, Self.conversation("v\(i)", contact: "c2", agents: ["a1"], name: "João Pereira")) }
            #expect(try store.deleteConversation(id: "v0"))
            try store.close(snapshot: false)
        }
        for round in 0..<2 {
            let store = try ContactStore(folder: folder.path, options: Self.options)
            #expect(store.conversationStats().conversations == 39)
            #expect(store.conversationJSON(id: "v0", viewer: .manager) == nil)
            #expect(try store.search(ConversationQuery("joao", viewer: .manager)).total == 10)
            #expect(try store.search(ConversationQuery("maria", viewer: .agent("a1"))).total == 10)
            #expect(try store.history(HistoryQuery(contactID: "c1", viewer: .manager)).total == 29)
            try store.close(snapshot: round == 0)
        }
    }

    @Test func badConversationsAreRefusedWithStableCodes() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try Self.openStore(folder)
        defer { try? store.close() }
        func code(_ json: String) -> String? {
            do {
                _ = try Self.put(store, json)
                return nil
            } catch let error as ContactIndexError {
                return error.code
            } catch {
                return "untyped"
            }
        }
        #expect(code(#"{"kind":"chat","status":"open"}"#) == "invalid_conversation")
        #expect(code(#"{"kind":"fax","contactId":"c1","status":"open"}"#) == "invalid_conversation")
        #expect(code(#"{"kind":"chat","contactId":"c1","status":"done"}"#) == "invalid_conversation")
        #expect(code(#"{"kind":"chat","contactId":"c1","status":"closed"}"#) == "invalid_conversation")
        #expect(code(#"{"kind":"chat","contactId":"c1","status":"open","closedAt":"2026-01-01T00:00:00Z"}"#) == "invalid_conversation")
        #expect(code(#"{"kind":"chat","contactId":"c1","status":"open","direction":"inbound"}"#) == "invalid_conversation")
        #expect(code(#"{"kind":"call","contactId":"c1","status":"open","durationSeconds":-1}"#) == "invalid_conversation")
        #expect(code(#"{"kind":"call","contactId":"c1","status":"open","createdAt":"yesterday"}"#) == "invalid_conversation")
        #expect(code(#"{"kind":"call","contactId":"c1","status":"open","tags":"vip"}"#) == "invalid_conversation")
        #expect(code(#"{"kind":"call","contactId":"c1","status":"open","topic":"\#(String(repeating: "x", count: 2000))"}"#)
            == "too_large")
        #expect(code(#"{"kind":"call""#) == "bad_json")
        #expect(code("[1]") == "invalid_conversation")
        #expect(throws: ContactIndexError.invalidUTF8(offset: 2)) { try store.upsertConversation(jsonBytes: [0x7B, 0x22, 0xFF]) }
        #expect(store.conversationStats().conversations == 0)

        let written = try Self.put(store, #"{"kind":"call","contactId":"c1","status":"open","phone":"+999 123","custom":{"a":null}}"#)
        #expect(written.created)
        #expect(written.warnings.map(\.field) == ["phone"])
        let json = try JSONParser.parse(store.conversationJSON(id: written.id, viewer: .manager)!)
        #expect(json["custom"] == .object(JSONObject([("a", .null)])), "unknown keys are kept")
        #expect(json["createdAt"]?.stringValue != nil, "createdAt defaults to the time of the write")
    }
}
