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
}
