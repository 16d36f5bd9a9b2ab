import ContactGenerator
import Testing
import Tokenizer
@testable import ContactIndex

/// Searches compared with a brute-force reading of the same semantics over generated contacts:
/// the same totals and the same ranked pages, including one-letter queries, after updates and
/// deletes, and after a rebuild.
@Suite struct ReferenceModelTests {
    static let schema = FieldSchema(fields: [
        "company": CustomFieldDefinition(searchable: true), "document": CustomFieldDefinition(searchable: true),
    ])

    struct Reference {
        var contacts: [String: Contact] = [:] {
            didSet { keys = contacts.mapValues { ContactKeys($0, schema: ReferenceModelTests.schema, phones: phones) } }
        }
        private var keys: [String: ContactKeys] = [:]
        let phones = try! PhoneNormalizer(defaultRegion: "BR")

        func search(_ text: String, limit: Int) -> (Int, [String]) {
            let plan = QueryPlan(text, phones: phones)
            var scored: [(RankKey, Contact)] = []
            for contact in contacts.values {
                let keys = keys[contact.id]!
                var tiers: [UInt8] = []
                for word in plan.words {
                    var best: UInt8?
                    for (range, info) in keys.keys where !word.prefix.isEmpty {
                        let key = Array(keys.bytes[range])
                        guard key.starts(with: word.prefix) else { continue }
                        let tier = (key.count == word.prefix.count && key.count > 1 ? 0 : 0x80) | info.raw
                        best = min(best ?? .max, tier)
                    }
                    for fragment in word.digitFragments where fragment.count >= 3 {
                        if let tier = DigitIndexTests.expectedTier(keys.digits, fragment) { best = min(best ?? .max, tier) }
                    }
                    guard let best else { break }
                    tiers.append(best)
                }
                // A query without words (empty, or punctuation only) lists every contact.
                guard tiers.count == plan.words.count else { continue }
                scored.append((tiers.withUnsafeBufferPointer { RankKey(tiers: $0) }, contact))
            }
            scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : ContactIndex.staticOrder($0.1, $1.1) }
            return (scored.count, scored.prefix(limit).map(\.1.id))
        }
    }

    func queries(_ generator: ContactGenerator, count: Int) -> [String] {
        var rng = SeededRandom(seed: 3)
        var out: [String] = ["m", "a", "s", "j", "ma", "mar", "maria s", "g", "gm", "@", "5", "55", "119", "9"]
        for _ in 0..<count {
            let c = generator.contact(rng.below(3000))
            let source: String
            switch rng.below(6) {
            case 0: source = c.firstName
            case 1: source = c.name
            case 2: source = c.emails[0]
            case 3: source = c.username
            case 4: source = c.phones[0].stored
            default: source = c.document
            }
            let length = 1 + rng.below(max(1, source.count))
            out.append(String(source.prefix(length)))
        }
        // Several words, each a prefix of a word of some field of one contact (or of another).
        for _ in 0..<count / 2 {
            let c = generator.contact(rng.below(3000)), other = generator.contact(rng.below(3000))
            let words = (c.name + " " + c.username + " " + other.name).split(separator: " ")
            let picked = (0..<(2 + rng.below(2))).map { _ in words[rng.below(words.count)] }
            out.append(picked.map { $0.prefix(1 + rng.below($0.count)) }.joined(separator: " "))
        }
        return out
    }

    @Test(arguments: [2048, 16])
    func searchesAgreeWithABruteForceReference(materializeThreshold: Int) throws {
        let generator = ContactGenerator(seed: 11)
        let index = try ContactIndex(defaultRegion: "BR", schema: Self.schema, materializeThreshold: materializeThreshold)
        var reference = Reference()
        let contacts = (0..<3000).map { try! index.parser.parse(generator.contact($0).json).contact }
        index.load(contacts)
        reference.contacts = Dictionary(uniqueKeysWithValues: contacts.map { ($0.id, $0) })
        let queries = queries(generator, count: 150)
        try compare(index, reference, queries)

        // Updates and deletes leave a tail of documents out of ranked order.
        var rng = SeededRandom(seed: 5)
        var changed = reference.contacts
        for i in 0..<300 {
            let victim = contacts[rng.below(contacts.count)].id
            if i % 3 == 0 {
                index.delete(id: victim)
                changed[victim] = nil
            } else {
                var json = generator.contact(5000 + i).json.objectValue!
                json["_id"] = .string(victim)
                let contact = try index.parser.parse(.object(json)).contact
                _ = index.upsert(parsed: .init(contact: contact, warnings: [], generatedID: false))
                changed[victim] = contact
            }
        }
        reference.contacts = changed
        try compare(index, reference, queries)
        index.rebuild()
        try compare(index, reference, queries)
    }

    func compare(_ index: ContactIndex, _ reference: Reference, _ queries: [String]) throws {
        for query in queries {
            let expected = reference.search(query, limit: 20)
            // The reference has no typos: a query that matches nothing must not fall back to them.
            let got = try index.search(SearchQuery(query, limit: 20, typos: 0))
            #expect(got.total == expected.0, "total of \(query.debugDescription)")
            if got.total == expected.0 { #expect(got.hits.map(\.id) == expected.1, "page of \(query.debugDescription)") }
        }
    }
}
