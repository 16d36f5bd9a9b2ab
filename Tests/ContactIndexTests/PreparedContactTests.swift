import Testing
import Tokenizer
@testable import ContactIndex

/// Contacts prepared for the index apart from it (on other threads, in bulk loads and batches of
/// upserts), and the helpers that spread that work over the cores.
@Suite struct PreparedContactTests {
    static let phones = try! PhoneNormalizer(defaultRegion: "BR")
    static let companySearchable = FieldSchema(fields: ["company": CustomFieldDefinition(searchable: true, label: "Company")])

    static func contact(_ json: String) throws -> Contact {
        try ContactParser(phones: phones).parse(Array(json.utf8)).contact
    }

    static func ids(_ state: IndexState, _ text: String) throws -> [String] {
        let query = SearchQuery(text)
        return state.search(query, plan: try QueryPlan(validating: query, phones: phones)).hits.map(\.id)
    }

    @Test func contactsPreparedUnderAnOlderSchemaAreIndexedUnderTheCurrentOne() throws {
        let contact = try Self.contact(#"{"_id":"a","name":"Ana","customFields":{"company":"Umbrella"}}"#)
        let upserted = IndexState(schema: Self.companySearchable, phones: Self.phones)
        #expect(upserted.upsert([PreparedContact(contact, schema: FieldSchema(), phones: Self.phones)], preparedWith: FieldSchema()) == [true])
        #expect(try Self.ids(upserted, "umbrella") == ["a"])
        let loaded = IndexState(schema: FieldSchema(), phones: Self.phones)
        loaded.appendRanked([PreparedContact(contact, schema: Self.companySearchable, phones: Self.phones)], preparedWith: Self.companySearchable)
        #expect(try Self.ids(loaded, "umbrella").isEmpty)
        #expect(try Self.ids(loaded, "ana") == ["a"])
    }

    @Test func aBatchGivingOneIdTwiceCreatesItOnceAndKeepsTheLater() throws {
        let state = IndexState(schema: FieldSchema(), phones: Self.phones)
        let contacts = try [#"{"_id":"a","name":"First Name"}"#, #"{"_id":"a","name":"Second Name"}"#].map(Self.contact)
        #expect(state.upsert(contacts.map { PreparedContact($0, schema: FieldSchema(), phones: Self.phones) }, preparedWith: FieldSchema()) == [true, false])
        #expect(try Self.ids(state, "second") == ["a"])
        #expect(try Self.ids(state, "first").isEmpty)
    }

    @Test func batchesCoverEveryContactInOrder() throws {
        let contacts = try (0..<10).map { try Self.contact(#"{"_id":"c\#($0)","name":"N"}"#) }
        var seen: [[String]] = []
        PreparedContact.forEachBatch(count: contacts.count, size: 4, { PreparedContact(contacts[$0], schema: FieldSchema(), phones: Self.phones) }) {
            seen.append($0.map(\.contact.id))
        }
        #expect(seen == [["c0", "c1", "c2", "c3"], ["c4", "c5", "c6", "c7"], ["c8", "c9"]])
        var called = false
        PreparedContact.forEachBatch(count: 0, size: 4, { _ in fatalError("nothing to prepare") }) { _ in called = true }
        #expect(!called)
    }

    @Test func aContactPreparedFromItsStoredEntryIsTheOneStored() throws {
        var docs = DocumentTable()
        let contact = try Self.contact(#"{"_id":"a","name":"Ana Stored","customFields":{"company":"Umbrella"},"lastChat":{"ts":"2025-01-02T03:04:05.000Z"}}"#)
        let doc = docs.append(contact)
        let prepared = PreparedContact(stored: doc, in: docs.entries, schema: Self.companySearchable, phones: Self.phones)
        #expect(prepared.contact == contact)
        #expect(prepared.entry == StoredEntries.entry(of: contact))
        #expect(prepared.keys.keys.count == ContactKeys(contact, schema: Self.companySearchable, phones: Self.phones).keys.count)
    }

    @Test func chunkedWorkGivesEveryResultInOrderWhicheverThreadMadeIt() {
        let alone = ChunkedWork(count: 1_000, chunk: 7) { $0 * 2 }
        #expect(alone.results() == (0..<1_000).map { $0 * 2 })
        let helped = ChunkedWork(count: 1_000, chunk: 7) { $0 * 2 }
        helped.startHelper()
        #expect(helped.results() == (0..<1_000).map { $0 * 2 })
        #expect(ChunkedWork(count: 0, chunk: 7) { $0 }.results().isEmpty)
    }

    @Test func aConcurrentMapKeepsTheOrderOfItsItems() {
        let items = Array(0..<10_000)
        #expect(concurrentMap(items) { $0 * 3 } == items.map { $0 * 3 })
        #expect(concurrentMap([7]) { $0 + 1 } == [8])
        #expect(concurrentMap([Int]()) { $0 }.isEmpty)
    }
}
