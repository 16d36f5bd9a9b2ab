import Testing
@testable import ContactIndex

@Suite struct TypoTests {
    let index: ContactIndex

    init() throws {
        index = try ContactIndex(defaultRegion: "BR")
        for json in [
            #"{"_id":"john","name":"John Smith","phones":["(51) 5555-1234"]}"#,
            #"{"_id":"johnson","name":"Mary Johnson"}"#,
            #"{"_id":"maria","name":"Maria Souza","emails":["maria.souza@example.com"]}"#,
            #"{"_id":"schmidt","name":"Günter Schmidt","username":"guest-1234","customFields":{"document":"123.456.789-09"}}"#,
            #"{"_id":"christina","name":"Christina Alves","lastChat":{"ts":"2020-01-01T00:00:00Z"}}"#,
            #"{"_id":"christine","name":"Christine Alves","lastChat":{"ts":"2026-01-01T00:00:00Z"}}"#,
        ] {
            _ = try index.upsert(json: json)
        }
        index.setField("document", CustomFieldDefinition(searchable: true))
    }

    func ids(_ text: String, typos: Int? = nil) throws -> [String] {
        try index.search(SearchQuery(text, typos: typos)).hits.map(\.id)
    }

    @Test(arguments: [
        ("jhon", "john"),          // two neighbours swapped
        ("shmidt", "schmidt"),     // a letter missing
        ("schmiddt", "schmidt"),   // a letter doubled
        ("souzq", "maria"),        // a letter replaced
        ("jhons", "johnson"),      // a typo inside the prefix being typed
        ("mraia souza", "maria"),  // with another word typed right
    ])
    func eachKindOfEditFindsTheContact(query: String, expected: String) throws {
        #expect(try ids(query).contains(expected))
    }

    @Test func wordsUnderFourCharactersMatchExactlyAndTwoEditsNeedEightCharacters() throws {
        #expect(try ids("jhn").isEmpty)
        #expect(try ids("mraai").isEmpty)
        #expect(try ids("chrisitne").contains("christine"))
        #expect(try ids("chrsitnie").contains("christine"))
    }

    @Test func digitsAndWholeEmailAddressesNeverMatchWithTypos() throws {
        #expect(try ids("5555-1243").isEmpty)
        #expect(try ids("5555 1243").isEmpty)
        #expect(try ids("123.456.788").isEmpty)
        #expect(try ids("guest-1243").isEmpty)
        #expect(try ids("maria.souzq@").isEmpty)
        #expect(try ids("maria.souzq@example.com").isEmpty)
    }

    @Test func fewerEditsRankFirstAndTypoFreeHitsAreNeverOutranked() throws {
        let result = try index.search(SearchQuery("chrisitna"))
        #expect(result.hits.map(\.id) == ["christina", "christine"])
        #expect(result.hits.map(\.typos) == [1, 2])
        #expect(result.hits[0].score > result.hits[1].score)
        let exact = try index.search(SearchQuery("christine"))
        #expect(exact.hits.map(\.id) == ["christine"])
        #expect(exact.hits[0].typos == 0)
        #expect(exact.hits[0].score > result.hits[0].score)
    }

    @Test func aWholeEmailWordMatchedWithATypoRanksBeforeANamePrefixThatComesFirstInStaticOrder() throws {
        let index = try ContactIndex(defaultRegion: "BR")
        // The name's contact chatted last, so it is walked first; its word is only a prefix,
        // the email's whole, and whole words rank before fields. Both are one edit from `xebb`
        // through the same key prefix, `webb`.
        _ = try index.upsert(json: #"{"_id":"email","name":"Ana","emails":["x.webb@example.com"],"lastChat":{"ts":"2020-01-01T00:00:00Z"}}"#)
        _ = try index.upsert(json: #"{"_id":"name","name":"Zed Webbing","lastChat":{"ts":"2026-01-01T00:00:00Z"}}"#)
        index.rebuild()
        #expect(try index.search(SearchQuery("xebb", limit: 1)).hits.map(\.id) == ["email"])
        #expect(try index.search(SearchQuery("xebb", limit: 2)).hits.map(\.id) == ["email", "name"])
        // The same as typed without the typo: rule 1 before rule 2.
        #expect(try index.search(SearchQuery("webb", limit: 2)).hits.map(\.id) == ["email", "name"])
    }

    @Test(arguments: [2048, 1])
    func aWordSpelledWholeWithATypoRanksBeforeLongerKeysItOnlyStarts(materializeThreshold: Int) throws {
        let index = try ContactIndex(defaultRegion: "BR", schema: FieldSchema(), materializeThreshold: materializeThreshold)
        // The names the mistyped word only starts chatted last, so they are walked first.
        for (id, name, year) in [
            ("johnny", "Johnny Abe", 2026), ("john", "John Zed", 2020),
            ("marie", "Marie Abe", 2026), ("mariana", "Mariana Abe", 2025), ("maria", "Maria Zed", 2020),
        ] {
            _ = try index.upsert(json: #"{"_id":"\#(id)","name":"\#(name)","lastChat":{"ts":"\#(year)-01-01T00:00:00Z"}}"#)
        }
        index.rebuild()
        // `jhon` is one edit from `john`, under which `johnny` lies; `marai` one edit from
        // `mari`, under which lie `maria` (itself one edit away), `marie` and `mariana`.
        let john = try index.search(SearchQuery("jhon"))
        #expect(john.hits.map(\.id) == ["john", "johnny"])
        #expect(john.hits[0].score > john.hits[1].score)
        let maria = try index.search(SearchQuery("marai"))
        #expect(maria.hits.map(\.id) == ["maria", "marie", "mariana"])
        #expect(maria.hits.map(\.typos) == [1, 1, 1])
        #expect(maria.hits[0].score > maria.hits[1].score)
        #expect(maria.hits[0].highlights.first { $0.field == "name" }?.ranges == [0..<5])
    }

    @Test func aTypoSearchRepeatedAfterEachWriteSeesIt() throws {
        // The words of a typo search are kept for the next keystroke; a write must not leave
        // them stale.
        let index = try ContactIndex(defaultRegion: "BR")
        _ = try index.upsert(json: #"{"_id":"a","name":"Maria Souza"}"#)
        #expect(try index.search(SearchQuery("marai souza")).hits.map(\.id) == ["a"])
        _ = try index.upsert(json: #"{"_id":"b","name":"Mario Souza"}"#)
        #expect(Set(try index.search(SearchQuery("marai souza")).hits.map(\.id)) == ["a", "b"])
        _ = index.delete(id: "a")
        #expect(try index.search(SearchQuery("marai souza")).hits.map(\.id) == ["b"])
        let oneWord = try index.search(SearchQuery("marai"))
        #expect(oneWord.hits.map(\.id) == ["b"] && oneWord.total == 1)
        _ = try index.upsert(json: #"{"_id":"b","name":"Mario Santos"}"#)
        #expect(try index.search(SearchQuery("marai souza")).total == 0)
    }

    @Test func aTypoMatchSaysWhichWordsHadTyposAndHighlightsWhatMatched() throws {
        let hit = try #require(try index.search(SearchQuery("jhon smith")).hits.first)
        #expect(hit.id == "john")
        #expect(hit.typos == 1)
        #expect(hit.typoWords == ["jhon"])
        #expect(hit.score < 0)
        #expect(hit.highlights.first { $0.field == "name" }?.ranges == [0..<4, 5..<10])
    }

    @Test func theTyposOptionCapsOrTurnsOffTypoMatching() throws {
        #expect(try ids("jhon", typos: 0).isEmpty)
        #expect(try ids("chrsitnie", typos: 1).isEmpty)
        #expect(try ids("chrsitnie", typos: 2).contains("christine"))
        #expect(throws: ContactIndexError.self) { try index.search(SearchQuery("jhon", typos: 3)) }
    }

    /// An index of `contacts`, loaded at once (its typo trie compacted) or written one by one.
    static func index(_ contacts: [String], loaded: Bool) throws -> ContactIndex {
        let index = try ContactIndex(defaultRegion: "BR")
        if loaded {
            index.load(try contacts.map { try index.parser.parse(Array($0.utf8)).contact })
        } else {
            for json in contacts { _ = try index.upsert(json: json) }
        }
        return index
    }

    @Test(arguments: [false, true])
    func aKeyWithDigitsUnderASubtreeOneEditAwayMatchesLikeTheKeysBesideIt(loaded: Bool) throws {
        let index = try Self.index([
            #"{"_id":"user","username":"kowalski77"}"#,
            #"{"_id":"name","name":"Anna Kowalskiego"}"#,
        ], loaded: loaded)
        let result = try index.search(SearchQuery("kowlaski"))
        #expect(Set(result.hits.map(\.id)) == ["user", "name"])
        #expect(result.hits.allSatisfy { $0.typos == 1 })
    }

    @Test(arguments: [false, true])
    func anAddressUnderASubtreeOneEditAwayMatchesThroughItsLocalPart(loaded: Bool) throws {
        let index = try Self.index([
            #"{"_id":"mail","emails":["kowalskin@example.com"]}"#,
            #"{"_id":"name","name":"Anna Kowalskiego"}"#,
        ], loaded: loaded)
        let result = try index.search(SearchQuery("kowlaski"))
        #expect(Set(result.hits.map(\.id)) == ["mail", "name"])
        let mail = try #require(result.hits.first { $0.id == "mail" })
        #expect(mail.highlights.first { $0.field == "emails.0" }?.ranges == [0..<8])
    }

    @Test func theTrieWalkFindsEveryKeyWithinTheEditsOfAPrefix() {
        var dictionary = TermDictionary()
        let keys = ["john", "johnson", "jon", "jonas", "joan", "hon", "mary", "jhonatan", "j", "ohn"]
        for key in keys { _ = Array(key.utf8).withUnsafeBufferPointer { dictionary.intern($0) } }
        var found: [String: Int] = [:]
        Array("jhon".utf8).withUnsafeBufferPointer { word in
            dictionary.forEachTerm(within: 1, of: word) { term, prefix, edits, _ in
                let key = term.map { t in dictionary.withKey(t) { String(decoding: $0, as: UTF8.self) } }
                found[key ?? String(decoding: prefix, as: UTF8.self) + "…"] = edits
            }
        }
        #expect(found == ["jho…": 1, "john…": 1, "jon…": 1, "hon…": 1])
    }

    /// The optimal-string-alignment distance, the textbook way.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    @Test func wordsUpToTheTypoLimitMatchWithTyposAndLongerOnesOnlyExactly() throws {
        let long = String(repeating: "abcdefgh", count: 8)  // 64 bytes
        let atLimit = String(long.dropLast())
        _ = try index.upsert(json: #"{"_id":"long","name":"\#(long)"}"#)
        _ = try index.upsert(json: #"{"_id":"limit","name":"\#(atLimit)x"}"#)
        // One byte replaced near the end: two edits allowed at this length.
        #expect(try ids(String(atLimit.dropLast(2)) + "zh").contains("limit"))
        #expect(try ids(String(long.dropLast(2)) + "zh").isEmpty)
        #expect(try ids(long) == ["long"])
    }

    /// Few letters make most paths near the word; many leave most of a node's children far from
    /// it, which the walk does not visit.
    @Test(arguments: ["abcde", "abcdefghijklmnopqrst"])
    func theTrieWalkAgreesWithBruteForceOnRandomKeys(letters: String) {
        var random = SystemRandomNumberGenerator()
        let alphabet = Array(letters.utf8)
        for _ in 0..<40 {
            var dictionary = TermDictionary()
            var keys = Set<[UInt8]>()
            for _ in 0..<300 {
                let key = (0..<Int.random(in: 1...7, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
                keys.insert(key)
                _ = key.withUnsafeBufferPointer { dictionary.intern($0) }
            }
            let word = (0..<Int.random(in: 4...9, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            let maxEdits = word.count >= 8 ? 2 : 1
            var covered: [[UInt8]: Int] = [:]
            var reportedWhole = Set<[UInt8]>()
            var subtrees: [[UInt8]] = []
            word.withUnsafeBufferPointer { w in
                dictionary.forEachTerm(within: maxEdits, of: w) { term, prefix, edits, _ in
                    guard let term else {
                        subtrees.append(Array(prefix))
                        reportedWhole.insert(Array(prefix))
                        return
                    }
                    let key = dictionary.withKey(term) { Array($0) }
                    covered[key] = edits
                    if prefix.count == key.count { reportedWhole.insert(key) }
                }
            }
            for key in keys {
                let best = (0...key.count).map { Self.distance(Array(key[..<$0]), word) }.min()!
                // A key whose fewest edits it reaches as a whole must be told so, to rank as a
                // whole word.
                if best > 0, best <= maxEdits, Self.distance(key, word) == best {
                    #expect(reportedWhole.contains(key), "\(key) is \(best) edits from \(word) as a whole")
                }
                let inSubtree = subtrees.contains { key.starts(with: $0) }
                if inSubtree {
                    #expect(best <= 1, "\(key) under a subtree of \(word) has \(best) edits")
                } else if let edits = covered[key] {
                    #expect(edits == best, "\(key) reported with \(edits) edits, \(best) expected, word \(word)")
                } else {
                    #expect(best > maxEdits, "\(key) missed: \(best) edits from \(word)")
                }
            }
        }
    }

    @Test func theTrieWalkAgreesWithBruteForceOnWordsUpToTheLimit() {
        var random = SystemRandomNumberGenerator()
        let alphabet = Array("abc".utf8)
        for _ in 0..<4 {
            let word = (0..<Int.random(in: 50...TermDictionary.maximumTypoWordBytes, using: &random)).map { _ in
                alphabet.randomElement(using: &random)!
            }
            // Keys near the word: a prefix of it with up to three random edits and a random tail.
            var dictionary = TermDictionary()
            var keys = Set<[UInt8]>()
            for _ in 0..<80 {
                var key = Array(word.prefix(Int.random(in: 40...word.count, using: &random)))
                for _ in 0..<Int.random(in: 0...3, using: &random) {
                    let at = Int.random(in: 0..<key.count, using: &random)
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0: key.remove(at: at)
                    case 1: key.insert(alphabet.randomElement(using: &random)!, at: at)
                    default: key[at] = alphabet.randomElement(using: &random)!
                    }
                }
                key += (0..<Int.random(in: 0...6, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
                keys.insert(key)
                _ = key.withUnsafeBufferPointer { dictionary.intern($0) }
            }
            var covered: [[UInt8]: Int] = [:]
            var subtrees: [[UInt8]] = []
            word.withUnsafeBufferPointer { w in
                dictionary.forEachTerm(within: 2, of: w) { term, prefix, edits, _ in
                    guard let term else { return subtrees.append(Array(prefix)) }
                    covered[dictionary.withKey(term) { Array($0) }] = edits
                }
            }
            for key in keys {
                let best = (0...key.count).map { Self.distance(Array(key[..<$0]), word) }.min()!
                if subtrees.contains(where: { key.starts(with: $0) }) {
                    #expect(best <= 1, "\(key) under a subtree has \(best) edits")
                } else if let edits = covered[key] {
                    #expect(edits == best, "\(key) reported with \(edits) edits, \(best) expected")
                } else {
                    #expect(best > 2, "\(key) missed: \(best) edits")
                }
            }
        }
    }

    /// Every report of the walk (key or subtree prefix, reached prefix, edits), sorted.
    static func walk(_ dictionary: TermDictionary, _ word: [UInt8], maxEdits: Int) -> [String] {
        var reports: [String] = []
        word.withUnsafeBufferPointer { w in
            dictionary.forEachTerm(within: maxEdits, of: w) { term, prefix, edits, _ in
                let key = term.map { t in dictionary.withKey(t) { String(decoding: $0, as: UTF8.self) } } ?? "…"
                reports.append("\(key) \(String(decoding: prefix, as: UTF8.self)) \(edits)")
            }
        }
        return reports.sorted()
    }

    @Test func aCompactedTrieWalksToTheSameKeysAndTakesNewOnes() {
        var random = SystemRandomNumberGenerator()
        let alphabet = Array("abcdé".utf8)
        for _ in 0..<20 {
            let keys = (0..<400).map { _ in (0..<Int.random(in: 1...8, using: &random)).map { _ in alphabet.randomElement(using: &random)! } }
            var grown = TermDictionary()
            var compacted = TermDictionary()
            for key in keys.prefix(300) {
                _ = key.withUnsafeBufferPointer { grown.intern($0) }
                _ = key.withUnsafeBufferPointer { compacted.intern($0) }
            }
            compacted.compactTypoTrie()
            for key in keys.dropFirst(300) {
                _ = key.withUnsafeBufferPointer { grown.intern($0) }
                _ = key.withUnsafeBufferPointer { compacted.intern($0) }
            }
            #expect(compacted.typoTrie.count == grown.typoTrie.count)
            for _ in 0..<10 {
                let word = (0..<Int.random(in: 4...9, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
                let maxEdits = word.count >= 8 ? 2 : 1
                #expect(Self.walk(compacted, word, maxEdits: maxEdits) == Self.walk(grown, word, maxEdits: maxEdits))
            }
        }
    }
}
