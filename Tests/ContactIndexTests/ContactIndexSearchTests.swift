import Testing
@testable import ContactIndex

@Suite struct ContactIndexSearchTests {
    func index(_ contacts: [String], schema: FieldSchema = FieldSchema()) throws -> ContactIndex {
        let index = try ContactIndex(defaultRegion: "BR", schema: schema)
        for json in contacts { _ = try index.upsert(json: json) }
        return index
    }

    func ids(_ index: ContactIndex, _ text: String, limit: Int = 10) throws -> [String] {
        try index.search(SearchQuery(text, limit: limit)).hits.map(\.id)
    }

    @Test func everyWordMustMatchAPrefixOfSomeField() throws {
        let index = try index([
            #"{"_id":"ana","name":"Ana Souza","emails":["ana.souza@gmail.com"]}"#,
            #"{"_id":"ana2","name":"Ana Lima","emails":["ana@empresa.com.br"]}"#,
            #"{"_id":"bia","name":"Bia Souza","emails":["bia@gmail.com"]}"#,
        ])
        #expect(try ids(index, "ana gmail") == ["ana"])
        #expect(Set(try ids(index, "souza")) == ["ana", "bia"])
        #expect(try ids(index, "sou gm ana") == ["ana"])
        #expect(try ids(index, "ana xyz").isEmpty)
    }

    @Test(arguments: ["ana\tgmail", " ana\r\ngmail ", "ana\u{00A0}gmail", "ana\u{2003}gmail", "ana\u{000B}gmail"])
    func anyWhiteSpaceSeparatesQueryWords(query: String) throws {
        let index = try index([
            #"{"_id":"ana","name":"Ana Souza","emails":["ana.souza@gmail.com"]}"#,
            #"{"_id":"ana2","name":"Ana Lima","emails":["ana@empresa.com.br"]}"#,
        ])
        #expect(try ids(index, query) == ["ana"])
    }

    @Test func foldedQueriesFindAccentedNames() throws {
        let index = try index([#"{"_id":"j","name":"José Müller-Łukasz"}"#])
        for query in ["jose", "JOSÉ", "muller", "lukasz", "mullerlukasz", "Müll"] {
            #expect(try ids(index, query) == ["j"], "\(query)")
        }
    }

    @Test func aWordWithAtMatchesTheWholeAddressAsAPrefix() throws {
        let index = try index([
            #"{"_id":"a","name":"A","emails":["john.doe@example.com"]}"#,
            #"{"_id":"b","name":"B","emails":["doe.john@example.com"]}"#,
        ])
        #expect(try ids(index, "john.doe@exa") == ["a"])
        #expect(try ids(index, "doe@") .isEmpty)
        #expect(Set(try ids(index, "doe")) == ["a", "b"])
    }

    @Test(arguments: ["051 5555", "+55 51 5555-5555", "(51) 5555", "5555-5", "0055 51 5555", "51 5555 5555"])
    func phoneFragmentsFindTheNumberWhateverTheFormat(query: String) throws {
        let index = try index([
            #"{"_id":"p","name":"Paulo","phones":["+55 51 5555-5555"]}"#,
            #"{"_id":"q","name":"Quim","phones":["+55 11 4444-3333"]}"#,
        ])
        #expect(try ids(index, query) == ["p"])
    }

    /// Regression: the national reading `519` of `+55 51 9` matched inside foreign numbers
    /// (`+351 967 114 851`) at the same tier as the Brazilian numbers it begins.
    @Test(arguments: ["+55 51 9", "+55 51 98", "+55 51 987", "(51) 98", "519"])
    func aNumberThatBeginsWithTheFragmentRanksBeforeOneHoldingItInside(query: String) throws {
        let index = try index([
            #"{"_id":"pt","name":"Ana","phones":["+351 967-114-851", "+48 505 198 226"],"lastChat":{"ts":"2026-11-20T10:00:00Z"}}"#,
            #"{"_id":"gr","name":"Bia","phones":["+306969875198"],"lastChat":{"ts":"2026-11-19T10:00:00Z"}}"#,
            #"{"_id":"br","name":"Zé","phones":["(51) 98765-4321"],"lastChat":{"ts":"2020-01-01T10:00:00Z"}}"#,
            #"{"_id":"br2","name":"Zuza","phones":["+55 51 98700 0000"]}"#,
        ])
        let result = try index.search(SearchQuery(query))
        #expect(Array(result.hits.map(\.id).prefix(2)) == ["br", "br2"])
        if let first = result.hits.first, let last = result.hits.last, result.hits.count > 2 {
            #expect(first.score > last.score)
        }
    }

    /// Regression: beside a name, `11 98765-4321` was two words, and `11`, too short for a digit
    /// fragment, had to prefix a word of some field: João's number was not found.
    @Test func phoneChunksBesideANameAreOneNumber() throws {
        let index = try index([
            #"{"_id":"joao","name":"João Silva","phones":["(11) 98765-4321"]}"#,
            #"{"_id":"maria","name":"Maria Souza","phones":["+55 51 91234-0000"]}"#,
            #"{"_id":"maria2","name":"Maria Lima","username":"guest-51","customFields":{"ref":"9"}}"#,
            #"{"_id":"ana","name":"Ana","phones":["(11) 98765-4321"]}"#,
        ])
        #expect(try ids(index, "joão 11 98765-4321") == ["joao"])
        #expect(try ids(index, "11 98765 joão") == ["joao"])
        #expect(try ids(index, "maria 51 9") == ["maria"])
        #expect(try ids(index, "maria (51) 91234") == ["maria"])
        // Too few digits for a substring: one word prefix, as a whole query of them is.
        #expect(try ids(index, "maria 5 1") == ["maria2"])
    }

    @Test func theFirstDigitsOfANumberInChunksAreOneWord() throws {
        let index = try index([#"{"_id":"g","username":"guest-791"}"#, #"{"_id":"p","name":"P","phones":["+7 912 345-67-89"]}"#])
        #expect(try ids(index, "+7 9") == ["g"])
        #expect(try ids(index, "+7 91") == ["p"])
    }

    @Test func aNumberStoredNationallyIsFoundInInternationalForm() throws {
        let index = try index([#"{"_id":"jp","name":"Sato","phones":["03 9826 2045"]}"#])
        #expect(try ids(index, "+81 3 9826 2045") == ["jp"])
    }

    @Test func aFragmentWithATrunkPrefixFindsAForeignNumber() throws {
        let index = try index([#"{"_id":"jp","name":"Sato","phones":["+81 90 6513 3387"]}"#])
        #expect(try ids(index, "090-6513-3387") == ["jp"])
    }

    @Test func documentNumbersAreFoundByBareDigits() throws {
        let schema = FieldSchema(fields: ["document": CustomFieldDefinition(searchable: true, label: "CPF")])
        let index = try index([#"{"_id":"d","name":"Dora","customFields":{"document":"123.456.789-09"}}"#], schema: schema)
        #expect(try ids(index, "12345678909") == ["d"])
        #expect(try ids(index, "456789") == ["d"])
        #expect(try ids(index, "dora 789") == ["d"])
    }

    /// A word of digits alone matches phones by substring and keys by prefix (`guest-551…`), and
    /// once many contacts share it, it is kept ready: writes after that still count.
    @Test(arguments: [2048, 1])
    func aWordOfDigitsAloneFindsPhonesAndKeysBeforeAndAfterWrites(materializeThreshold: Int) throws {
        let index = try ContactIndex(defaultRegion: "BR", schema: FieldSchema(), materializeThreshold: materializeThreshold)
        for json in [
            #"{"_id":"u1","username":"guest-5510"}"#, #"{"_id":"u2","username":"guest-5521"}"#,
            #"{"_id":"p1","name":"Paula","phones":["+55 51 3551-0000"]}"#, #"{"_id":"p2","name":"Pedro","phones":["+55 21 4444-3333"]}"#,
            #"{"_id":"p3","name":"Pia","phones":["+1 212 666 1234"]}"#,
        ] { _ = try index.upsert(json: json) }
        #expect(Set(try ids(index, "551")) == ["u1", "p1"])
        _ = try index.upsert(json: #"{"_id":"u3","username":"guest-5519"}"#)
        _ = try index.upsert(json: #"{"_id":"p4","name":"Pam","phones":["(51) 9551-2222"]}"#)
        _ = try index.upsert(json: #"{"_id":"p1","name":"Paula","phones":["+55 21 3000-0000"]}"#)
        index.delete(id: "u1")
        let result = try index.search(SearchQuery("551"))
        #expect(Set(result.hits.map(\.id)) == ["u3", "p4"])
        #expect(result.total == 2)
    }

    @Test func wholeWordMatchesRankBeforePrefixMatches() throws {
        let index = try index([
            #"{"_id":"anabela","name":"Anabela","lastChat":{"ts":"2025-01-01T00:00:00Z"}}"#,
            #"{"_id":"ana","name":"Ana","lastChat":{"ts":"2020-01-01T00:00:00Z"}}"#,
        ])
        #expect(try ids(index, "ana") == ["ana", "anabela"])
    }

    /// Regression: a second bulk load into a loaded index marked its contacts as ranked after
    /// the first load's, so more recent contacts of the second load came last.
    @Test func aSecondBulkLoadKeepsTheMostRecentContactsFirst() throws {
        let index = try ContactIndex(defaultRegion: "BR")
        func contacts(_ year: Int, _ ids: ClosedRange<Int>) throws -> [Contact] {
            try ids.map { i in
                try index.parser.parse(Array(#"{"_id":"\#(year)-\#(i)","name":"Bruno \#(i)","lastChat":{"ts":"\#(year)-01-01T00:00:00Z"}}"#.utf8)).contact
            }
        }
        index.load(try contacts(2020, 1...3))
        index.load(try contacts(2026, 1...3))
        #expect(try ids(index, "", limit: 6) == ["2026-1", "2026-2", "2026-3", "2020-1", "2020-2", "2020-3"])
        #expect(try ids(index, "bruno", limit: 2) == ["2026-1", "2026-2"])
    }

    /// Regression: a bulk load holding two versions of one contact kept the one that ranked last
    /// (the older last chat), not the one given last, as upserts in the same order would.
    @Test func theLaterVersionOfAContactInOneBulkLoadWins() throws {
        for years in [(2020, 2024), (2024, 2020)] {
            let index = try ContactIndex(defaultRegion: "BR")
            let versions = try [("Old", years.0), ("New", years.1)].map { name, year in
                try index.parser.parse(Array(#"{"_id":"d","name":"\#(name) Name","lastChat":{"ts":"\#(year)-01-01T00:00:00Z"}}"#.utf8)).contact
            }
            let other = try index.parser.parse(Array(#"{"_id":"e","name":"Other"}"#.utf8)).contact
            index.load([versions[0], other, versions[1]])
            #expect(index.get(id: "d")?.name == "New Name")
            #expect(try ids(index, "old", limit: 10) == [])
            #expect(try ids(index, "new", limit: 10) == ["d"])
            #expect(index.stats().contacts == 2)
        }
    }

    /// Words that many contacts share rank by their best tiers first: a hit whose words stand in
    /// other places with the same score still ranks by recency, and the total counts them all.
    @Test(arguments: [2048, 2])
    func equalScoresFromDifferentWordPlacesRankByRecentLastChat(materializeThreshold: Int) throws {
        let index = try ContactIndex(defaultRegion: "BR", schema: FieldSchema(), materializeThreshold: materializeThreshold)
        var contacts: [Contact] = []
        for i in 0..<400 {
            let json = #"{"_id":"ms\#(i)","name":"Maria Santos","lastChat":{"ts":"\#(i == 7 ? 2026 : 2020)-01-10T00:00:00Z"}}"#
            contacts.append(try index.parser.parse(Array(json.utf8)).contact)
        }
        contacts.append(try index.parser.parse(Array(#"{"_id":"sm","name":"Santos Maria","lastChat":{"ts":"2025-01-01T00:00:00Z"}}"#.utf8)).contact)
        contacts.append(try index.parser.parse(Array(#"{"_id":"mx","name":"Maria Xavier","lastChat":{"ts":"2026-02-01T00:00:00Z"}}"#.utf8)).contact)
        index.load(contacts)
        let result = try index.search(SearchQuery("maria s", limit: 2))
        #expect(result.total == 401)
        #expect(result.hits.map(\.id) == ["ms7", "sm"])
        #expect(result.hits.map(\.score) == [result.hits[0].score, result.hits[0].score])
        #expect(try ids(index, "maria s", limit: 1) == ["ms7"])
        // Written one by one, after the load: outside the part of the index in ranking order.
        _ = try index.upsert(json: #"{"_id":"late","name":"Santos Maria","lastChat":{"ts":"2026-03-01T00:00:00Z"}}"#)
        index.delete(id: "sm")
        let after = try index.search(SearchQuery("maria s", limit: 2))
        #expect(after.total == 401)
        #expect(after.hits.map(\.id) == ["late", "ms7"])
    }

    /// Two words may match two keys at the same place of different values of a field (the first
    /// word of each of two addresses), also when many contacts share both words.
    @Test(arguments: [2048, 2])
    func twoWordsMatchingTheStartOfTwoEmailAddressesFindTheContact(materializeThreshold: Int) throws {
        let index = try ContactIndex(defaultRegion: "BR", schema: FieldSchema(), materializeThreshold: materializeThreshold)
        let contacts = try (0..<300).map { i in
            try index.parser.parse(Array(#"{"_id":"c\#(i)","name":"Carla","emails":["ana@x.com","bob@y.com"]}"#.utf8)).contact
        }
        index.load(contacts)
        let result = try index.search(SearchQuery("ana bob", limit: 3))
        #expect(result.total == 300)
        #expect(result.hits.count == 3)
    }

    /// A name written with a joiner holds its joined form at the place of its first part: words
    /// for the joined form and for a later part find it, also when many contacts share it.
    @Test(arguments: [2048, 2])
    func aJoinedNameIsFoundByItsJoinedFormAndALaterPartWhenManyShareIt(materializeThreshold: Int) throws {
        let index = try ContactIndex(defaultRegion: "BR", schema: FieldSchema(), materializeThreshold: materializeThreshold)
        let contacts = try (0..<300).map { i in
            try index.parser.parse(Array(#"{"_id":"c\#(i)","name":"Ana-Clara Souza"}"#.utf8)).contact
        }
        index.load(contacts)
        for query in ["anac cla", "anacl s", "clara anacla", "ana anaclara"] {
            let result = try index.search(SearchQuery(query, limit: 3))
            #expect(result.total == 300, "\(query)")
            #expect(result.hits.count == 3, "\(query)")
        }
    }

    @Test func aLoneLetterIsNeverAWholeWordMatch() throws {
        let schema = FieldSchema(fields: ["company": CustomFieldDefinition(searchable: true)])
        let index = try index([
            #"{"_id":"company","name":"Maria Rodrigues","customFields":{"company":"Umbrella S.A."},"lastChat":{"ts":"2026-01-01T00:00:00Z"}}"#,
            #"{"_id":"name","name":"Maria Silva","lastChat":{"ts":"2020-01-01T00:00:00Z"}}"#,
        ], schema: schema)
        #expect(try ids(index, "maria s") == ["name", "company"])
    }

    @Test func fieldsRankNameThenUsernameThenEmailThenPhoneThenCustom() throws {
        let schema = FieldSchema(fields: ["note": CustomFieldDefinition(searchable: true)])
        let index = try index([
            #"{"_id":"custom","name":"X","customFields":{"note":"marlin"}}"#,
            #"{"_id":"email","name":"X","emails":["marlin@x.com"]}"#,
            #"{"_id":"user","name":"X","username":"marlin"}"#,
            #"{"_id":"name","name":"Marlin"}"#,
        ], schema: schema)
        #expect(try ids(index, "marl") == ["name", "user", "email", "custom"])
    }

    @Test func earlierWordPositionRanksFirstThenRecentLastChatThenNameThenId() throws {
        let index = try index([
            #"{"_id":"last","name":"Ana Silva","lastChat":{"ts":"2026-01-01T00:00:00Z"}}"#,
            #"{"_id":"old","name":"Silva Ana","lastChat":{"ts":"2020-01-01T00:00:00Z"}}"#,
            #"{"_id":"new","name":"Silva Bia","lastChat":{"ts":"2025-01-01T00:00:00Z"}}"#,
            #"{"_id":"z2","name":"Silva Zé"}"#,
            #"{"_id":"z1","name":"Silva Zé"}"#,
            #"{"_id":"y","name":"Silva Ana"}"#,
        ])
        #expect(try ids(index, "silva") == ["new", "old", "y", "z1", "z2", "last"])
    }

    @Test func scoresAreGivenBackAndFollowTheOrder() throws {
        let index = try index([#"{"_id":"a","name":"Ana"}"#, #"{"_id":"b","name":"Anabela"}"#])
        let hits = try index.search(SearchQuery("ana")).hits
        #expect(hits.map(\.score) == [10_000, 0])
    }

    @Test func highlightsAreUTF16RangesOfTheStoredValue() throws {
        let index = try index([#"{"_id":"h","name":"😀 José Souza","emails":["jose@x.com"],"phones":["(51) 5555-5555"]}"#])
        let hit = try #require(try index.search(SearchQuery("jos")).hits.first)
        #expect(hit.highlights.first { $0.field == "name" }?.ranges == [3..<6])
        #expect(hit.highlights.first { $0.field == "emails.0" }?.ranges == [0..<3])
        let phoneHit = try #require(try index.search(SearchQuery("5555-55")).hits.first)
        #expect(phoneHit.highlights.first { $0.field == "phones.0" }?.ranges == [5..<12])
    }

    @Test func anAddressPrefixWithAHyphenHighlightsExactlyWhatWasTyped() throws {
        let index = try index([
            #"{"_id":"a","name":"A","emails":["jean-luc@example.com"]}"#,
            #"{"_id":"u","name":"U","emails":["jöan-luc@example.com"]}"#,
        ])
        let ascii = try #require(try index.search(SearchQuery("jean-luc@ex")).hits.first)
        #expect(ascii.highlights.first { $0.field == "emails.0" }?.ranges == [0..<11])
        let unicode = try #require(try index.search(SearchQuery("jöan-luc@ex")).hits.first)
        #expect(unicode.highlights.first { $0.field == "emails.0" }?.ranges == [0..<11])
    }

    @Test func anInternationalFragmentHighlightsTheNationalDigitsOfTheStoredPhone() throws {
        let index = try index([#"{"_id":"p","name":"P","phones":["(11) 95679-0269"]}"#])
        let hit = try #require(try index.search(SearchQuery("+55 11 9567")).hits.first)
        #expect(hit.highlights.first { $0.field == "phones.0" }?.ranges == [1..<9])
    }

    /// `+55 1` matches `(11) …` through its E.164 digits only (too short for a national reading):
    /// the digits the index keeps for each phone position say where its national number begins;
    /// positions from the sixteenth on are shared, and such a phone is parsed again.
    @Test(arguments: [0, 1, 14, 15, 20])
    func anInternationalFragmentHighlightsTheNationalDigitsOfAPhoneAtAnyPosition(position: Int) throws {
        let others = (0..<position).map { #""(21) 3333-40\#($0 < 10 ? "0" : "")\#($0)""# }
        let phones = (others + [#""(11) 95679-0269""#, #""(31) 2222-1111""#]).joined(separator: ",")
        let json = #"{"_id":"p","name":"P","phones":[\#(phones)]}"#
        let written = try index([json])
        let loaded = try ContactIndex(defaultRegion: "BR")
        loaded.load([try loaded.parser.parse(Array(json.utf8)).contact])
        for index in [written, loaded] {
            let hit = try #require(try index.search(SearchQuery("+55 1")).hits.first)
            #expect(hit.highlights.filter { $0.field.hasPrefix("phones.") }.map(\.field) == ["phones.\(position)"])
            #expect(hit.highlights.first { $0.field == "phones.\(position)" }?.ranges == [1..<2])
        }
    }

    @Test func theFirstDigitsOfAnInternationalNumberHighlightItsNationalDigitsInTheMatchingPhoneOnly() throws {
        let br = try index([#"{"_id":"b","name":"B","phones":["(11) 95679-0269","(21) 3333-4444"]}"#])
        let brHit = try #require(try br.search(SearchQuery("+55 1")).hits.first)
        #expect(brHit.highlights.filter { $0.field.hasPrefix("phones.") }.map(\.field) == ["phones.0"])
        #expect(brHit.highlights.first { $0.field == "phones.0" }?.ranges == [1..<2])
        let us = try ContactIndex(defaultRegion: "US")
        _ = try us.upsert(json: #"{"_id":"u","name":"U","phones":["(650) 253-0000"]}"#)
        let usHit = try #require(try us.search(SearchQuery("+1 65")).hits.first)
        #expect(usHit.highlights.first { $0.field == "phones.0" }?.ranges == [1..<3])
    }

    @Test func aPartOfANumberIsNotAWholeWordMatch() throws {
        let index = try index([#"{"_id":"part","name":"A","phones":["+55 11 5551-2345"]}"#, #"{"_id":"whole","name":"B","phones":["5551 2345"]}"#])
        let hits = try index.search(SearchQuery("55512345")).hits
        #expect(hits.map(\.id) == ["whole", "part"])
        #expect(hits[0].score > hits[1].score)
    }

    @Test func pagingGivesTheExactTotalAndStablePages() throws {
        let contacts = (0..<35).map { #"{"_id":"c\#($0)","name":"Maria \#($0)"}"# }
        let index = try index(contacts)
        let first = try index.search(SearchQuery("maria", limit: 10, offset: 0))
        let second = try index.search(SearchQuery("maria", limit: 10, offset: 10))
        let last = try index.search(SearchQuery("maria", limit: 10, offset: 30))
        #expect(first.total == 35)
        #expect(second.total == 35)
        #expect(last.hits.count == 5)
        #expect(Set(first.hits.map(\.id)).isDisjoint(with: second.hits.map(\.id)))
        let all = try index.search(SearchQuery("maria", limit: 100)).hits.map(\.id)
        #expect(Array(all[10..<20]) == second.hits.map(\.id))
    }

    @Test func optionsOutOfRangeAreBadRequests() throws {
        let index = try index([])
        #expect(throws: ContactIndexError.self) { _ = try index.search(SearchQuery("a", limit: 0)) }
        #expect(throws: ContactIndexError.self) { _ = try index.search(SearchQuery("a", limit: 101)) }
        #expect(throws: ContactIndexError.self) { _ = try index.search(SearchQuery("a", offset: -1)) }
        #expect(throws: ContactIndexError.self) { _ = try index.search(SearchQuery("a", filter: SearchFilter(blocked: true))) }
    }

    @Test func overlongQueriesAreBadRequestsNotHangs() throws {
        let index = try index([#"{"_id":"a","name":"Ana"}"#])
        #expect(throws: ContactIndexError.self) { _ = try index.search(SearchQuery(String(repeating: "a", count: 1025))) }
        let manyWords = (0..<17).map { _ in "a" }.joined(separator: " ")
        #expect(throws: ContactIndexError.badRequest("a query has at most 16 words")) { _ = try index.search(SearchQuery(manyWords)) }
        #expect(try index.search(SearchQuery((0..<16).map { _ in "an" }.joined(separator: " "))).total == 1)
    }

    @Test func randomQueriesNeverCrashAndAgreeOnTotals() throws {
        let index = try index((0..<200).map { #"{"_id":"c\#($0)","name":"Ána \#($0) O'Brien-Souza 山田","emails":["a\#($0)@x.com"],"phones":["+55 51 9\#($0)-0000"]}"# })
        var state: UInt64 = 9
        let alphabet = Array("aAnÁ'-+@. 0159()山田😀\u{301}".unicodeScalars)
        for _ in 0..<500 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(state % 12) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let result = try index.search(SearchQuery(String(text), limit: 100))
            #expect(result.hits.count == min(100, result.total))
            #expect(Set(result.hits.map(\.id)).count == result.hits.count)
        }
    }

    @Test func filtersOnManagerAndChannel() throws {
        let index = try index([
            #"{"_id":"a","name":"Ana","contactManager":"agent-1","channels":[{"name":"whatsapp","blocked":true,"verified":false}]}"#,
            #"{"_id":"b","name":"Ana","contactManager":"agent-2","channels":[{"name":"livechat","blocked":false,"verified":true}]}"#,
        ])
        func run(_ filter: SearchFilter) throws -> [String] { try index.search(SearchQuery("ana", filter: filter)).hits.map(\.id) }
        #expect(try run(SearchFilter(contactManager: "agent-1")) == ["a"])
        #expect(try run(SearchFilter(contactManager: "agent-9")).isEmpty)
        #expect(try run(SearchFilter(channel: "livechat")) == ["b"])
        #expect(try run(SearchFilter(channel: "whatsapp", blocked: true)) == ["a"])
        #expect(try run(SearchFilter(channel: "whatsapp", blocked: false)).isEmpty)
        #expect(try run(SearchFilter(channel: "livechat", verified: true)) == ["b"])
    }

    @Test func fieldsOptionRestrictsTheSearch() throws {
        let index = try index([#"{"_id":"a","name":"Maria","emails":["x@maria.com"]}"#, #"{"_id":"b","name":"B","emails":["maria@x.com"]}"#])
        #expect(try index.search(SearchQuery("maria", fields: [.email])).hits.map(\.id).sorted() == ["a", "b"])
        #expect(try index.search(SearchQuery("maria", fields: [.name])).hits.map(\.id) == ["a"])
    }

    @Test func identityLookupReturnsEveryContactSharingTheKey() throws {
        let index = try index([
            #"{"_id":"a","name":"A","emails":["Ana@München.de"],"phones":["(51) 5555-5555"]}"#,
            #"{"_id":"b","name":"B","phones":["+55 51 5555 5555"]}"#,
        ])
        #expect(index.lookup(email: "ana@xn--mnchen-3ya.de") == ["a"])
        #expect(Set(index.lookup(phone: "051 5555-5555")) == ["a", "b"])
        #expect(index.lookup(phone: "not a phone").isEmpty)
    }

    /// Contacts sharing a number come most recent last chat first (then by name, then id), as
    /// search ranks them: the order does not depend on where a lookup's slots found them, nor
    /// change with a rebuild.
    @Test func identityLookupGivesContactsSharingAKeyInRankingOrder() throws {
        let index = try index([
            #"{"_id":"old","name":"Zed Old","phones":["+55 51 5555-5555"],"lastChat":{"ts":"2020-01-01T00:00:00Z"}}"#,
            #"{"_id":"none","name":"Ana None","phones":["(51) 5555-5555"]}"#,
            #"{"_id":"new","name":"Bia New","phones":["051 5555-5555"],"lastChat":{"ts":"2025-06-01T00:00:00Z"}}"#,
        ])
        _ = try index.upsert(json: #"{"_id":"mid","name":"Caio Mid","phones":["+555155555555"],"lastChat":{"ts":"2023-01-01T00:00:00Z"}}"#)
        _ = try index.upsert(json: #"{"_id":"tie","name":"Ana Tie","phones":["+55 (51) 5555-5555"]}"#)
        let expected = ["new", "mid", "old", "none", "tie"]
        #expect(index.lookup(phone: "+55 51 5555-5555") == expected)
        index.rebuild()
        #expect(index.lookup(phone: "+55 51 5555-5555") == expected)
    }

    @Test func replacingAContactLeavesNoStaleKeys() throws {
        let index = try index([#"{"_id":"a","name":"Old Name","emails":["old@x.com"],"phones":["+55 51 5555-5555"]}"#])
        let result = try index.upsert(json: #"{"_id":"a","name":"New Name","emails":["new@x.com"]}"#)
        #expect(result.created == false)
        #expect(try ids(index, "old").isEmpty)
        #expect(try ids(index, "5555").isEmpty)
        #expect(index.lookup(email: "old@x.com").isEmpty)
        #expect(try ids(index, "new") == ["a"])
        #expect(try index.search(SearchQuery("name")).total == 1)
    }

    @Test func deletingAContactRemovesItFromSearchGetAndLookup() throws {
        let index = try index([#"{"_id":"a","name":"Ana","phones":["+55 51 5555-5555"]}"#])
        #expect(index.delete(id: "a"))
        #expect(!index.delete(id: "a"))
        #expect(index.get(id: "a") == nil)
        #expect(try ids(index, "ana").isEmpty)
        #expect(index.lookup(phone: "+55 51 5555-5555").isEmpty)
        #expect(index.stats().contacts == 0)
    }

    @Test func turningACustomFieldSearchableReindexesIt() throws {
        let index = try index([#"{"_id":"a","name":"A","customFields":{"city":"Porto Alegre"}}"#])
        #expect(try ids(index, "porto").isEmpty)
        index.setField("city", CustomFieldDefinition(searchable: true, label: "City"))
        #expect(try ids(index, "porto") == ["a"])
        #expect(index.schema.fields["city"]?.label == "City")
        index.setField("city", CustomFieldDefinition(searchable: false, label: "City"))
        #expect(try ids(index, "porto").isEmpty)
    }

    @Test func searchableCustomFieldsAreHighlightedByTheirPathAndOthersAreNot() throws {
        let schema = FieldSchema(fields: ["document": CustomFieldDefinition(searchable: true, label: "CPF")])
        let index = try index(
            [#"{"_id":"a","name":"Porto","customFields":{"document":"123.456.789-09","city":"Porto Alegre"}}"#], schema: schema)
        let byDigits = try #require(try index.search(SearchQuery("456789")).hits.first)
        #expect(byDigits.highlights.first { $0.field == "customFields.document" }?.ranges == [4..<11])
        let byName = try #require(try index.search(SearchQuery("port")).hits.first)
        #expect(byName.highlights.map(\.field) == ["name"])
        index.setField("city", CustomFieldDefinition(searchable: true, label: "City"))
        let byCity = try #require(try index.search(SearchQuery("port")).hits.first)
        #expect(byCity.highlights.map(\.field) == ["name", "customFields.city"])
        #expect(byCity.highlights.last?.ranges == [0..<4])
    }

    @Test func emptyQueriesListContactsMostRecentFirst() throws {
        let index = try index([
            #"{"_id":"a","name":"A","lastChat":{"ts":"2020-01-01T00:00:00Z"}}"#,
            #"{"_id":"b","name":"B","lastChat":{"ts":"2024-01-01T00:00:00Z"}}"#,
        ])
        let result = try index.search(SearchQuery(""))
        #expect(result.total == 2)
        #expect(result.hits.map(\.id) == ["b", "a"])
    }

    @Test func hyphenatedQueriesMatchTheJoinedKey() throws {
        let index = try index([
            #"{"_id":"g","username":"guest-1234"}"#, #"{"_id":"h","username":"guest-9999"}"#,
            #"{"_id":"j","name":"Jean-Luc Picard"}"#, #"{"_id":"o","name":"Conan O'Brien"}"#,
        ])
        #expect(try ids(index, "guest-12") == ["g"])
        #expect(try ids(index, "jean-l") == ["j"])
        #expect(try ids(index, "o'bri") == ["o"])
        #expect(try ids(index, "obrien") == ["o"])
    }

    @Test func handleLikeQueriesMatchWholeAddressesAndUsernames() throws {
        let index = try index([
            #"{"_id":"e","name":"E","emails":["maria.silva@gmail.com"]}"#, #"{"_id":"u","username":"maria.souza87"}"#,
            #"{"_id":"n","name":"Maria Silva"}"#, #"{"_id":"j","username":"joão.santos"}"#,
        ])
        #expect(try ids(index, "maria.s").sorted() == ["e", "u"])
        #expect(try ids(index, "maria.souza8") == ["u"])
        #expect(try ids(index, "gmail.com") == ["e"])
        #expect(try ids(index, "joão.s") == ["j"])
        // A separator at an end joins nothing: the word alone matches.
        #expect(try ids(index, "maria.").sorted() == ["e", "n", "u"])
    }

    @Test func cjkNamesAreFoundByAnyPart() throws {
        let index = try index([#"{"_id":"y","name":"山田太郎"}"#])
        #expect(try ids(index, "山田") == ["y"])
        #expect(try ids(index, "太郎") == ["y"])
    }
}
