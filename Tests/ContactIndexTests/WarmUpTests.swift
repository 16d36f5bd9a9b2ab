import Testing
import Tokenizer
@testable import ContactIndex

/// The warm-up of the first keystrokes' prefixes, which a server runs while it serves.
@Suite struct WarmUpTests {
    static let phones = try! PhoneNormalizer(defaultRegion: "BR")

    static func contact(_ json: String) throws -> Contact {
        try ContactParser(phones: phones).parse(Array(json.utf8)).contact
    }

    @Test func aWarmUpLetsWritesInBetweenItsStepsAndThePrefixesItMadeFindThem() throws {
        let state = IndexState(schema: FieldSchema(), phones: Self.phones, materializeThreshold: 2)
        for i in 0..<20 { state.upsert(try Self.contact(#"{"_id":"a\#(i)","name":"Ana \#(i)"}"#)) }
        var steps = 0
        var written: [Contact] = []
        IndexState.warmUp { step in
            step(state)
            steps += 1
            written.append(try! Self.contact(#"{"_id":"w\#(steps)","name":"Anabela Written \#(steps)"}"#))
            state.upsert(written.last!)
        }
        #expect(steps > 2, "one step per chunk of keys and per prefix, each taking the lock on its own")
        let query = SearchQuery("an", limit: 100)
        let result = state.search(query, plan: try QueryPlan(validating: query, phones: Self.phones))
        #expect(result.total == 20 + written.count)
        #expect(Set(result.hits.map(\.id)) == Set((0..<20).map { "a\($0)" } + written.map(\.id)))
    }
}
