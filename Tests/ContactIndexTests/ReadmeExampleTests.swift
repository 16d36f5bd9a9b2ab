import Testing
import ContactIndex

/// The embedding example of the README, compiled and run.
@Suite struct ReadmeExampleTests {
    @Test func theReadmeEmbeddingExampleWorks() throws {
        let index = try ContactIndex(defaultRegion: "BR")
        index.setField("document", CustomFieldDefinition(searchable: true, label: "CPF"))
        let result = try index.upsert(json: #"{"name":"Ana Souza","phones":["(51) 5555-5555"],"customFields":{"document":"123.456.789-09"}}"#)
        let page = try index.search(SearchQuery("+55 51 5555", limit: 10))
        for hit in page.hits { print(hit.id, hit.score, hit.highlights) }
        #expect(page.hits.map(\.id) == [result.id])
        #expect(index.lookup(phone: "051 5555-5555") == [result.id])
    }

    @Test func theReadmeConversationExampleWorks() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try ContactStore(folder: folder.path)
        defer { try? store.close() }
        _ = try store.upsert(json: #"{"_id":"c1","name":"Maria Souza","phones":["(51) 5555-5555"]}"#)
        _ = try store.upsertConversation(jsonBytes: Array(#"{"kind":"call","contactId":"c1","name":"Maria Souza","phone":"(51) 5555-5555","agents":["a7"],"status":"open","topic":"Cartão bloqueado"}"#.utf8))
        let calls = try store.search(ConversationQuery("+55 51 5555", viewer: .agent("a7"), filter: ConversationFilter(kind: .call)))
        let history = try store.history(HistoryQuery(contactID: "c1", viewer: .manager))
        #expect(calls.total == 1)
        #expect(history.total == 0, "an open call is not history yet")
    }
}
