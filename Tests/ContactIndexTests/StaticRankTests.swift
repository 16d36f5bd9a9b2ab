import ContactGenerator
import Testing
@testable import ContactIndex

/// The static ranking order: most recent `lastChat` first, then name, then id, by their bytes.
@Suite struct StaticRankTests {
    /// Names that share long runs of bytes, differ in length only, hold multi-byte letters or a
    /// NUL, or are missing.
    static let names: [String?] = [
        nil, "", "A", "Ana", "Ana\u{0}", "Ana Souza", "Ana Souz", "Ana Souza Lima", "Ana Souza Li", "Ana Souzb",
        "Ángela", "Ångström", "Zoë", "zoe", "Maria Aparecida", "Maria Aparecid", "Maria Aparecida ", "李小龙", "李小",
    ]

    @Test func theRankOrdersByLastChatThenNameBytesThenIDBytes() {
        var rng = SeededRandom(seed: 11)
        let contacts: [Contact] = (0..<400).map { _ in
            var members: [(key: String, value: JSONValue)] = [("_id", .string("c\(rng.below(40))"))]
            if let name = Self.names[rng.below(Self.names.count)] { members.append(("name", .string(name))) }
            if rng.below(3) > 0 {
                members.append(("lastChat", .object(JSONObject([("ts", .string(ISOTime.format(milliseconds: Int64(rng.below(3)) * 1000)))]))))
            }
            return Contact(canonical: JSONObject(members))
        }
        func expected(_ a: Contact, _ b: Contact) -> Bool {
            let (x, y) = (a.lastChatMillis ?? Int64.min, b.lastChatMillis ?? Int64.min)
            if x != y { return x > y }
            let (p, q) = (Array((a.name ?? "").utf8), Array((b.name ?? "").utf8))
            if p != q { return p.lexicographicallyPrecedes(q) }
            return Array(a.id.utf8).lexicographicallyPrecedes(Array(b.id.utf8))
        }
        for _ in 0..<4_000 {
            let (a, b) = (contacts[rng.below(contacts.count)], contacts[rng.below(contacts.count)])
            #expect((StaticRank(a) < StaticRank(b)) == expected(a, b), "\(a.jsonText) vs \(b.jsonText)")
        }
        // Ids repeat: the last contact given with each id is the one kept, as upserts would.
        let latest = Dictionary(contacts.map { ($0.id, $0) }, uniquingKeysWith: { _, later in later })
        let sorted = ContactIndex.rankSorted(contacts)
        #expect(sorted.map(\.jsonText).sorted() == latest.values.map(\.jsonText).sorted())
        #expect(zip(sorted, sorted.dropFirst()).allSatisfy { !expected($1, $0) })
    }
}
