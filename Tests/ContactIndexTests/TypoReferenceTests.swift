import ContactGenerator
import Testing
import Tokenizer
@testable import ContactIndex

/// Searches with typos compared with a brute-force reading of the typo rule over contacts that
/// have only names: the same totals, and each hit with the fewest edits its words allow. A filter
/// that every contact passes makes the search rank every match, so its page checks the ranking
/// walk that stops early.
@Suite struct TypoReferenceTests {
    /// The fewest edits between `word` and a prefix of `key` (optimal string alignment).
    static func prefixDistance(_ key: [UInt8], _ word: [UInt8]) -> Int {
        let m = word.count
        var rows = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: key.count + 1)
        for j in 0...m { rows[0][j] = j }
        var best = m
        for i in stride(from: 1, through: key.count, by: 1) {
            rows[i][0] = i
            for j in stride(from: 1, through: m, by: 1) {
                rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + (key[i - 1] == word[j - 1] ? 0 : 1))
                if i > 1, j > 1, key[i - 1] == word[j - 2], key[i - 2] == word[j - 1] {
                    rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
                }
            }
            best = min(best, rows[i][m])
        }
        return best
    }

    /// A name prefix of at least four letters with one random edit, and sometimes the start of
    /// another contact's last name.
    static func misspelled(_ names: [(first: String, last: String)], _ rng: inout SeededRandom) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let name = names[rng.below(names.count)]
        var word = Array(name.first.lowercased())
        word = Array(word.prefix(4 + rng.below(max(1, word.count - 3))))
        let at = rng.below(word.count)
        switch rng.below(4) {
        case 0: word[at] = letters[rng.below(letters.count)]
        case 1: word.remove(at: at)
        case 2: word.insert(letters[rng.below(letters.count)], at: at)
        default: if at + 1 < word.count { word.swapAt(at, at + 1) }
        }
        guard rng.below(2) == 0 else { return String(word) }
        let other = Array(names[rng.below(names.count)].last.lowercased())
        return String(word) + " " + String(other.prefix(2 + rng.below(max(1, other.count - 1))))
    }

    @Test(arguments: [2048, 16])
    func typoSearchesFindEveryContactWithinTheAllowedEditsAndRankByThem(materializeThreshold: Int) throws {
        let generator = ContactGenerator(seed: 23)
        let index = try ContactIndex(defaultRegion: "BR", schema: FieldSchema(), materializeThreshold: materializeThreshold)
        let names = (0..<1500).map { i in
            let contact = generator.contact(i)
            return (first: contact.firstName, last: contact.lastName)
        }
        let contacts = try names.enumerated().map { i, name in
            try index.parser.parse(.object(JSONObject([
                ("_id", .string("c\(i)")), ("name", .string(name.first + " " + name.last)),
                ("channels", .array([.object(JSONObject([("name", .string("livechat"))]))])),
            ]))).contact
        }
        index.load(contacts)
        let phones = try PhoneNormalizer(defaultRegion: "BR")
        let keys = contacts.map { ContactKeys($0, schema: FieldSchema(), phones: phones) }
        var rng = SeededRandom(seed: 29)
        var typoQueries = 0
        for _ in 0..<80 {
            let text = Self.misspelled(names, &rng)
            let query = SearchQuery(text, limit: 20)
            let plan = QueryPlan(text, phones: phones)
            var edits: [String: Int] = [:]
            var exactOnly = true
            for (contact, keys) in zip(contacts, keys) {
                var sum = 0
                for word in plan.words {
                    let allowed = TypoMatches.allowedEdits(word, query)
                    let best = keys.keys.map { Self.prefixDistance(Array(keys.bytes[$0.0]), word.prefix) }.min() ?? .max
                    guard best <= allowed else {
                        sum = -1
                        break
                    }
                    sum += best
                }
                if sum >= 0 { edits[contact.id] = sum }
                if sum > 0 { exactOnly = false }
            }
            let got = try index.search(query)
            if edits.values.contains(0) || exactOnly { continue }
            typoQueries += 1
            #expect(got.total == edits.count, "total of \(text.debugDescription)")
            for hit in got.hits { #expect(hit.typos == edits[hit.id], "edits of \(hit.id) for \(text.debugDescription)") }
            #expect(got.hits.map(\.typos) == edits.values.sorted().prefix(20).map { $0 }, "ranking of \(text.debugDescription)")
            let everyMatchRanked = try index.search(SearchQuery(text, limit: 20, filter: SearchFilter(channel: "livechat")))
            #expect(everyMatchRanked.total == got.total)
            #expect(everyMatchRanked.hits.map(\.id) == got.hits.map(\.id), "page of \(text.debugDescription)")
            #expect(everyMatchRanked.hits.map(\.score) == got.hits.map(\.score))
        }
        #expect(typoQueries > 40)
    }

    /// Two words that many contacts share, one or both mistyped (`marai silv`): the hits found by
    /// combining the words' matches best first must be those of ranking every match (what a
    /// filter that every contact passes makes the search do), in the same order and scores.
    @Test func typoSearchesOfWordsManyContactsShareRankAsRankingEveryMatchDoes() throws {
        let generator = ContactGenerator(seed: 31)
        let index = try ContactIndex(defaultRegion: "BR", schema: FieldSchema(), materializeThreshold: 16)
        let contacts = try (0..<3_000).map { i in
            let contact = generator.contact(i)
            return try index.parser.parse(.object(JSONObject([
                ("_id", .string("c\(i)")), ("name", .string(contact.firstName + " " + contact.lastName)),
                ("channels", .array([.object(JSONObject([("name", .string("livechat"))]))])),
            ]))).contact
        }
        index.load(contacts)
        var rng = SeededRandom(seed: 37)
        var compared = 0
        for _ in 0..<4_000 {
            let a = generator.contact(rng.below(3_000)), b = generator.contact(rng.below(3_000))
            var first = Array(a.firstName.lowercased()), last = Array(b.lastName.lowercased())
            guard first.count >= 4, last.count >= 5 else { continue }
            let text: String
            if rng.chance(0.5) {
                // The first name mistyped, the start of a last name as typed.
                let at = rng.below(first.count - 1)
                first.swapAt(at, at + 1)
                text = String(first) + " " + String(last.prefix(1 + rng.below(2)))
            } else {
                // The first name as typed, which also matches other names with one edit, and a
                // last name missing a letter.
                last.remove(at: 1 + rng.below(3))
                text = String(first) + " " + String(last.prefix(4))
            }
            let limit = 1 + rng.below(30)
            let got = try index.search(SearchQuery(text, limit: limit))
            guard got.total > 32, got.hits.first?.typos ?? 0 > 0 else { continue }
            compared += 1
            let everyMatchRanked = try index.search(SearchQuery(text, limit: limit, filter: SearchFilter(channel: "livechat")))
            #expect(everyMatchRanked.total == got.total, "total of \(text.debugDescription)")
            #expect(everyMatchRanked.hits.map(\.id) == got.hits.map(\.id), "page of \(text.debugDescription)")
            #expect(everyMatchRanked.hits.map(\.score) == got.hits.map(\.score), "scores of \(text.debugDescription)")
            #expect(everyMatchRanked.hits.map(\.typoWords) == got.hits.map(\.typoWords), "typo words of \(text.debugDescription)")
        }
        #expect(compared > 50)
    }
}
