import ContactGenerator
import Testing
import Tokenizer
@testable import ContactIndex

/// The conversation index against a reference: a restricted search (an agent, filters) gives
/// exactly the unrestricted hits that pass the restriction, in the same order.
@Suite struct ConversationIndexTests {
    static let names = ["Maria Souza", "Maria Silva", "Mario Santos", "João Pereira", "Ana Lima", "Marta Souza"]
    static let tags = ["vip", "billing", "refund", "mar"]

    /// Deterministic conversations: one agent serves most of them, the others few.
    static func conversations(_ count: Int, seed: UInt64) -> [Conversation] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { i in
            let closed = random.below(4) > 0
            let day = 1 + random.below(28)
            var members: [(key: String, value: JSONValue)] = [
                ("_id", .string("v\(i)")), ("kind", .string(random.below(2) == 0 ? "chat" : "call")),
                ("contactId", .string("c\(random.below(200))")), ("name", .string(names[random.below(names.count)])),
                ("phone", .string("+55 51 9\(1000 + random.below(9000))-\(1000 + random.below(9000))")),
                ("channel", .string(["whatsapp", "voip", "sms"][random.below(3)])),
                ("agents", .array(((random.below(10) < 7 ? ["big"] : []) + ["a\(random.below(40))"]).map(JSONValue.string))),
                ("status", .string(closed ? "closed" : "open")),
                ("tags", .array((0..<random.below(3)).map { _ in .string(tags[random.below(tags.count)]) })),
                ("department", .string(["sales", "support"][random.below(2)])),
                ("createdAt", .number(String(Int64(day) * 86_400_000))),
            ]
            if closed { members.append(("closedAt", .number(String(Int64(day + random.below(3)) * 86_400_000)))) }
            return Conversation(canonical: JSONObject(members))
        }
    }

    /// Every hit of an unrestricted search, in order, by paging through it.
    static func everyHit(_ index: ConversationIndex, _ text: String) throws -> [String] {
        var ids: [String] = []
        while true {
            let page = try index.search(ConversationQuery(text, viewer: .manager, limit: 100, offset: ids.count))
            ids += page.hits.map(\.id)
            if page.hits.isEmpty || ids.count >= page.total { return ids }
        }
    }

    static func passes(_ c: Conversation, _ viewer: ConversationViewer, _ filter: ConversationFilter) -> Bool {
        if case .agent(let agent) = viewer, !c.agents.contains(agent) { return false }
        if let agent = filter.agent, !c.agents.contains(agent) { return false }
        if let tag = filter.tag, !c.tags.contains(tag) { return false }
        if let kind = filter.kind, c.kind != kind { return false }
        if let status = filter.status, c.status != status { return false }
        if let channel = filter.channel, c.channel != channel { return false }
        if let created = filter.createdAt, !created.contains(c.createdAtMillis) { return false }
        return true
    }

    @Test func aRestrictedSearchGivesTheUnrestrictedHitsThatPassInTheSameOrder() throws {
        let all = Self.conversations(3000, seed: 7)
        let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
        let index = ConversationIndex(phones: try PhoneNormalizer(defaultRegion: "BR"))
        index.load(all)
        let viewers: [ConversationViewer] = [.manager, .agent("big"), .agent("a3"), .agent("a39")]
        let filters = [
            ConversationFilter(), ConversationFilter(kind: .call), ConversationFilter(tag: "vip"),
            ConversationFilter(status: .open, channel: "voip"), ConversationFilter(agent: "a7"),
            ConversationFilter(createdAt: .init(from: 10 * 86_400_000, to: 20 * 86_400_000)),
        ]
        for text in ["", "m", "mar", "maria s", "souza", "vip", "+55 51 9", "joao", "mari souz", "marai souz", "suoza"] {
            let reference = try Self.everyHit(index, text)
            if ["marai souz", "suoza"].contains(text) {
                let typed = try index.search(ConversationQuery(text, viewer: .manager, limit: 1))
                #expect(typed.total > 0 && typed.hits.allSatisfy { $0.typos > 0 }, "\(text) needs typos")
            }
            for viewer in viewers {
                for filter in filters {
                    let expected = reference.filter { Self.passes(byID[$0]!, viewer, filter) }
                    let found = try index.search(ConversationQuery(text, viewer: viewer, filter: filter, limit: 100))
                    #expect(found.hits.allSatisfy { Self.passes(byID[$0.id]!, viewer, filter) }, "\(text) \(viewer) \(filter)")
                    guard !expected.isEmpty else {
                        // Nothing matches without typos, so the hits (if any) are typo matches.
                        #expect(found.hits.allSatisfy { $0.typos > 0 }, "\(text) \(viewer) \(filter)")
                        continue
                    }
                    #expect(found.total == expected.count, "\(text) \(viewer) \(filter)")
                    #expect(found.hits.map(\.id) == Array(expected.prefix(100)), "\(text) \(viewer) \(filter)")
                }
            }
        }
    }

    @Test func aRebuildAfterWritesKeepsEveryAnswer() throws {
        let index = ConversationIndex(phones: try PhoneNormalizer(defaultRegion: "BR"))
        let all = Self.conversations(1500, seed: 11)
        index.load(Array(all[..<1000]))
        for conversation in all[1000...] { index.upsert(conversation) }
        for i in stride(from: 0, to: 1500, by: 7) { index.delete(id: "v\(i)") }
        let queries = ["", "m", "maria", "vip", "+55 51 9", "ana"]
        func answers() throws -> [[String]] {
            try queries.flatMap { text in
                [try Self.everyHit(index, text),
                 try index.search(ConversationQuery(text, viewer: .agent("big"), limit: 100)).hits.map(\.id)]
            }
        }
        let before = try answers()
        index.rebuild()
        #expect(try answers() == before)
        #expect(index.count == 1500 - (0..<1500).filter { $0 % 7 == 0 }.count)
    }
}
