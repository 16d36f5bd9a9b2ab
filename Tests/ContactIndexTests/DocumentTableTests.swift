import ContactGenerator
import Testing
@testable import ContactIndex

/// The document table's id lookup and string columns, against a dictionary and `String` order
/// over random operations.
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

    @Test func stringColumnsCompareByTheirUTF8BytesAsCodePointOrder() {
        var rng = SeededRandom(seed: 11)
        let alphabet = Array("aAzZ é山🙂-")
        var column = StringColumn()
        var values: [String] = []
        for _ in 0..<400 {
            let value = String((0..<rng.below(6)).map { _ in alphabet[rng.below(alphabet.count)] })
            values.append(value)
            column.append(value)
        }
        for _ in 0..<4_000 {
            let a = rng.below(values.count), b = rng.below(values.count)
            let before = values[a].unicodeScalars.lexicographicallyPrecedes(values[b].unicodeScalars)
            let after = values[b].unicodeScalars.lexicographicallyPrecedes(values[a].unicodeScalars)
            #expect((column.compare(a, b) < 0) == before)
            #expect((column.compare(a, b) > 0) == after)
            #expect(ByteOrder.compare(values[a], values[b]).signum() == column.compare(a, b).signum())
            #expect(column[a] == values[a])
        }
    }
}
