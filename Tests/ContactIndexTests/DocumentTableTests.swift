import ContactGenerator
import Testing
import Tokenizer
@testable import ContactIndex

/// The document table's id lookup, and the ids and names read from its stored entries, against
/// a dictionary and `String` order over random operations.
@Suite struct DocumentTableTests {
    static func contact(_ id: String, name: String? = nil) -> Contact {
        Contact(canonical: JSONObject([("_id", .string(id)), ("name", .string(name ?? "Name of \(id)"))]))
    }

    @Test func idsAreFoundAfterRandomAppendsAndKillsAsADictionaryWouldFindThem() {
        var rng = SeededRandom(seed: 7)
        var table = DocumentTable()
        var model: [String: UInt32] = [:]
        for step in 0..<20_000 {
            // Few distinct ids, so that ids come back after being deleted and probe chains cross.
            let id = "id-\(rng.below(3_000))" + (rng.chance(0.1) ? "-with-a-longer-tail-\(step % 7)" : "")
            if let doc = model[id], rng.chance(0.5) {
                table.kill(doc)
                model[id] = nil
            } else if model[id] == nil {
                model[id] = table.append(Self.contact(id))
            }
            if step % 500 == 0 {
                for (id, doc) in model { #expect(table.document(id: id) == doc) }
            }
        }
        for (id, doc) in model {
            #expect(table.document(id: id) == doc)
            #expect(table.id(doc) == id)
        }
        #expect(table.document(id: "never-added") == nil)
        #expect(table.aliveCount == model.count)
    }

    @Test func aCopyOfTheEntriesAndColumnsThatARebuildReadsIsNotChangedByLaterWrites() {
        var table = DocumentTable()
        for i in 0..<3_000 { _ = table.append(Self.contact("c\(i)", name: "Before \(i)")) }
        let (entries, lastChat, alive) = (table.entries, table.lastChat, table.alive)
        for i in 0..<3_000 where i % 3 == 0 { table.kill(UInt32(i)) }
        for i in 0..<3_000 { _ = table.append(Self.contact("n\(i)", name: "After \(i)")) }
        let live = DocumentTable.documents(alive: alive, count: entries.count)
        #expect(live == (0..<3_000).map(UInt32.init))
        #expect(entries.count == 3_000 && lastChat.count == 3_000)
        #expect(live.map { entries.contact($0).name } == (0..<3_000).map { "Before \($0)" })
        #expect(table.aliveCount == 5_000)
        #expect(DocumentTable.documents(alive: table.alive, count: table.count).count == 5_000)
    }

    @Test func aKilledDocumentIsNoLongerFoundByIdAndItsIdCanComeBack() {
        var table = DocumentTable()
        let first = table.append(Self.contact("a"))
        _ = table.append(Self.contact("b"))
        table.kill(first)
        #expect(table.document(id: "a") == nil)
        #expect(table.document(id: "b") == 1)
        let again = table.append(Self.contact("a"))
        #expect(table.document(id: "a") == again)
        #expect(again == 2)
    }

    @Test func idsOfEveryScriptAndLengthAreReadBackUnchanged() {
        var table = DocumentTable()
        let ids = ["", "x", "exactly-15-bytes", "Jürgen-Müller-Ünal", "山田太郎-0001", String(repeating: "long", count: 300)]
        for id in ids { _ = table.append(Self.contact(id, name: id)) }
        for (doc, id) in ids.enumerated() {
            #expect(table.id(UInt32(doc)) == id)
            #expect(table.document(id: id) == UInt32(doc))
            #expect(table.json(UInt32(doc)) == Self.contact(id, name: id).jsonBytes, "stored JSON comes back unchanged")
        }
    }

    @Test func namesAndIdsCompareByTheirUTF8BytesAsCodePointOrderWhateverTheyHold() {
        var rng = SeededRandom(seed: 11)
        // Quotes and backslashes are escaped in JSON: those entries are read by parsing it.
        let alphabet = Array("aAzZ é山🙂-\"\\")
        var table = DocumentTable()
        var names: [String] = []
        var ids: [String] = []
        for i in 0..<400 {
            let name = String((0..<rng.below(6)).map { _ in alphabet[rng.below(alphabet.count)] })
            let id = String((0..<rng.below(4)).map { _ in alphabet[rng.below(alphabet.count)] }) + "#\(i)"
            names.append(name)
            ids.append(id)
            let members: [(String, JSONValue)] = [("_id", .string(id))] + (name.isEmpty ? [] : [("name", .string(name))])
            _ = table.append(Contact(canonical: JSONObject(members)))
        }
        for _ in 0..<4_000 {
            let a = rng.below(names.count), b = rng.below(names.count)
            let (x, y) = (UInt32(a), UInt32(b))
            #expect(table.entries.compareNames(x, y).signum() == ByteOrder.compare(names[a], names[b]).signum())
            #expect(table.entries.compareIDs(x, y).signum() == ByteOrder.compare(ids[a], ids[b]).signum())
            #expect((table.entries.compareNames(x, y) < 0) == names[a].unicodeScalars.lexicographicallyPrecedes(names[b].unicodeScalars))
        }
        for (doc, id) in ids.enumerated() {
            #expect(table.id(UInt32(doc)) == id)
            #expect(table.document(id: id) == UInt32(doc))
        }
    }

    @Test func idsAndNamesInAnUnusualKeyOrderOrWithEscapesAreStillReadRight() {
        var table = DocumentTable()
        let contacts = [
            Contact(canonical: JSONObject([("name", .string("Ana")), ("_id", .string("late-id"))])),
            Contact(canonical: JSONObject([("_id", .string("no-name")), ("username", .string("ana"))])),
            Contact(canonical: JSONObject([("_id", .string("far-name")), ("username", .string("bo")), ("name", .string("Bo"))])),
            Contact(canonical: JSONObject([("_id", .string("quoted\"id")), ("name", .string("Zoë \"Z\""))])),
        ]
        for contact in contacts { _ = table.append(contact) }
        for (doc, contact) in contacts.enumerated() {
            #expect(table.id(UInt32(doc)) == contact.id)
            #expect(table.document(id: contact.id) == UInt32(doc))
            #expect(table.entries.name(UInt32(doc)) == Array((contact.name ?? "").utf8))
        }
    }

    @Test func theStaticOrderSortsDocumentsAsItComparesThem() {
        var rng = SeededRandom(seed: 13)
        var table = DocumentTable()
        let names = ["Ana", "Ana", "Bo", "", "Zoë \"Z\"", "ana"]
        for i in 0..<300 {
            var members: [(String, JSONValue)] = [("_id", .string("id-\(rng.below(50))-\(i)"))]
            let name = names[rng.below(names.count)]
            if !name.isEmpty { members.append(("name", .string(name))) }
            if rng.chance(0.5) { members.append(("lastChat", .object(JSONObject([("ts", .string("2026-0\(1 + rng.below(3))-01T00:00:00.000Z"))])))) }
            _ = table.append(Contact(canonical: JSONObject(members)))
        }
        let order = StaticOrder(rankedEnd: 0, docs: table)
        let documents = (0..<UInt32(300)).shuffled(using: &rng)
        #expect(order.sorted(documents) == documents.sorted { order.columnsBefore($0, $1) })
        let contacts = (0..<UInt32(300)).map { table.contact($0) }
        #expect(order.sorted(documents).map { contacts[Int($0)].id } == ContactIndex.rankSorted(documents.map { contacts[Int($0)] }).map(\.id))
    }

    @Test func generatedContactsHaveTheirIdAndNameReadInPlace() {
        let generator = ContactGenerator(seed: 3)
        let parser = ContactParser(phones: try! PhoneNormalizer(defaultRegion: "BR"))
        var table = DocumentTable()
        for i in 0..<500 { _ = table.append(try! parser.parse(generator.contact(i).json).contact) }
        let inPlace = (0..<UInt32(500)).filter { doc in table.withFields(doc) { _, record in record.first.map { $0 & StoredEntries.inPlace != 0 } ?? false } }
        #expect(inPlace.count == 500, "an id or name read by parsing its entry's JSON costs a parse for every hit and tie")
    }
}
