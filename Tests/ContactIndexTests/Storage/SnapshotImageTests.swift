import ContactGenerator
import Testing
@testable import ContactIndex

@Suite struct SnapshotImageTests {
    /// Everything a search gives back, to compare two indexes.
    static func answers(_ store: ContactStore, _ queries: [String]) throws -> [String] {
        try queries.map { query in
            let result = try store.search(SearchQuery(query, limit: 20))
            let hits = result.hits.map { hit in
                "\(hit.id):\(hit.score):\(hit.highlights.map { "\($0.field)=\($0.ranges)" }.joined(separator: ","))"
            }
            return "\(query) → \(result.total) \(hits.joined(separator: " "))"
        }
    }

    @Test func anIndexRestoredFromItsImageAnswersExactlyAsBeforeTheRestart() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let generator = ContactGenerator(seed: 11)
        // Misspelled names too: the restored typo trie's marks send subtrees that hold keys
        // with digits (usernames like `ana.silva42`) to the dictionary, as before the restart.
        let names = (0..<3000).map { (first: generator.contact($0).firstName, last: generator.contact($0).lastName) }
        var rng = SeededRandom(seed: 13)
        let queries = ReferenceModelTests().queries(generator, count: 150) + (0..<60).map { _ in TypoReferenceTests.misspelled(names, &rng) }
        let before: [String]
        do {
            let store = try ContactStoreTests.open(folder)
            for (key, definition) in ReferenceModelTests.schema.fields { try store.setField(key, definition) }
            try store.load((0..<3000).map { try store.parser.parse(generator.contact($0).json).contact })
            for i in 0..<200 {
                if i % 3 == 0 {
                    try store.delete(id: generator.contact(i * 7).id)
                } else {
                    var json = generator.contact(5000 + i).json.objectValue!
                    json["_id"] = .string(generator.contact(i * 11).id)
                    _ = try store.upsert(json: JSONWriter.string(.object(json)))
                }
            }
            _ = try store.upsert(json: #"{"_id":"digits","username":"qwertyuk77"}"#)
            _ = try store.upsert(json: #"{"_id":"name","name":"Anna Qwertyukin"}"#)
            before = try Self.answers(store, queries + ["qwretyuk"])
            try store.close()
        }
        let store = try ContactStoreTests.open(folder)
        defer { try? store.close() }
        #expect(store.recovery.replayedRecords == 0)
        #expect(store.recovery.reusedIndexImage)
        let after = try Self.answers(store, queries + ["qwretyuk"])
        #expect(Set(try store.search(SearchQuery("qwretyuk")).hits.map(\.id)) == ["digits", "name"])
        for (a, b) in zip(before, after) where a != b { Issue.record("before: \(a)\nafter:  \(b)") }

        _ = try store.upsert(json: #"{"_id":"new","name":"Zuleica Restored","phones":["+55 51 98765-4321"]}"#)
        try store.delete(id: generator.contact(1).id)
        #expect(try store.search(SearchQuery("zuleica")).hits.map(\.id) == ["new"])
        #expect(try store.search(SearchQuery("98765")).hits.map(\.id).contains("new"))
        #expect(store.get(id: generator.contact(1).id) == nil)
        #expect(store.lookup(phone: "(51) 98765-4321") == ["new"])
    }

    @Test func theImageASnapshotCopiesWritesTheSameFileAsTheIndexItCameFromAndLaterWritesLeaveIt() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let generator = ContactGenerator(seed: 17)
        let phones = try ContactIndex.phones("BR")
        let state = IndexState(schema: ReferenceModelTests.schema, phones: phones)
        for i in 0..<1_500 { state.upsert(try ContactParser(phones: phones).parse(generator.contact(i).json).contact) }
        for i in 0..<40 { _ = state.remove(id: generator.contact(i * 13).id) }
        func write(_ image: IndexImage, _ name: String) throws -> [UInt8] {
            _ = try SnapshotWriter(schema: state.schema, image: image, conversations: ConversationRecords(arena: ByteArena(), locations: []))
                .write(to: folder.file(name), folder: DataFolder(path: folder.path), faults: nil, createdAt: 42)
            return folder.read(name)
        }
        let copy = state.image.snapshotCopy()
        let expected = try write(state.image, "shared.cisnap")
        for i in 2_000..<2_300 { state.upsert(try ContactParser(phones: phones).parse(generator.contact(i).json).contact) }
        for i in 40..<80 { _ = state.remove(id: generator.contact(i * 13).id) }
        #expect(try write(copy, "copied.cisnap") == expected)
        #expect(try write(state.image, "later.cisnap") != expected)
    }

    @Test func contactManagerFiltersWorkAfterARestartFromTheImageAndNewManagersGetTheirOwnNumber() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        func managed(_ store: ContactStore, _ manager: String) throws -> [String] {
            try store.search(SearchQuery("ana", limit: 20, filter: SearchFilter(contactManager: manager))).hits.map(\.id).sorted()
        }
        do {
            let store = try ContactStoreTests.open(folder)
            for (id, manager) in [("a", "agent-1"), ("b", "agent-2"), ("c", "agent-1"), ("d", "agent-3")] {
                _ = try store.upsert(json: #"{"_id":"\#(id)","name":"Ana","contactManager":"\#(manager)"}"#)
            }
            try store.close()
        }
        let store = try ContactStoreTests.open(folder)
        defer { try? store.close() }
        #expect(store.recovery.reusedIndexImage)
        #expect(try managed(store, "agent-1") == ["a", "c"])
        #expect(try managed(store, "agent-3") == ["d"])
        _ = try store.upsert(json: #"{"_id":"e","name":"Ana","contactManager":"agent-4"}"#)
        #expect(try managed(store, "agent-4") == ["e"])
        #expect(try managed(store, "agent-2") == ["b"])
    }

    @Test func anImageMadeForAnotherRegionIsSetAsideAndTheIndexRebuiltFromTheContacts() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        do {
            let store = try ContactStoreTests.open(folder)
            _ = try store.upsert(json: #"{"_id":"us","name":"Sam","phones":["(201) 555-0123"]}"#)
            try store.close()
        }
        let store = try ContactStoreTests.open(folder, StoreOptions(defaultRegion: "US", snapshotAfterMutations: 0, snapshotAfterSeconds: 0))
        defer { try? store.close() }
        #expect(store.recovery.snapshotContacts == 1)
        #expect(!store.recovery.reusedIndexImage)
        #expect(store.lookup(phone: "+1 201 555 0123") == ["us"])
    }
}
