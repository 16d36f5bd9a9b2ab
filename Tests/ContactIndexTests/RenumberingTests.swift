import ContactGenerator
import Testing
import Tokenizer
@testable import ContactIndex

/// A rebuild under the same schema renumbers the live documents and carries their postings,
/// digit lists and identity keys over, instead of analyzing every contact again.
@Suite struct RenumberingTests {
    static let phones = try! PhoneNormalizer(defaultRegion: "BR")
    static let schema = FieldSchema(fields: [
        "company": CustomFieldDefinition(searchable: true, label: "Company"),
        "document": CustomFieldDefinition(searchable: true, label: "Document"),
    ])
    static let generator = ContactGenerator(seed: 17)

    static func contact(_ i: Int, id: String? = nil) throws -> Contact {
        var json = generator.contact(i).json.objectValue!
        if let id { json["_id"] = .string(id) }
        return try ContactParser(phones: phones).parse(.object(json)).contact
    }

    /// Prefixes of names, emails, usernames, phones and document numbers, and some with a
    /// letter dropped (typos), of contacts below `count`.
    static func queries(_ count: Int) -> [String] {
        var rng = SeededRandom(seed: 4)
        var out = ["m", "a", "ma", "maria s", "gm", "@", "55", "119", "+55 51", ""]
        for _ in 0..<200 {
            let c = generator.contact(rng.below(count))
            let source = [c.firstName, c.name, c.emails[0], c.username, c.phones[0].stored, c.document][rng.below(6)]
            var text = String(source.prefix(1 + rng.below(max(1, source.count))))
            if rng.below(4) == 0, text.count > 5 { text.remove(at: text.index(text.startIndex, offsetBy: 2)) }
            out.append(text)
        }
        return out
    }

    /// What a search gives back, compared whole: the total and each hit's id, score, typos and
    /// highlights.
    static func answers(_ state: IndexState, _ queries: [String]) throws -> [String] {
        try queries.map { text in
            let query = SearchQuery(text, limit: 20)
            let result = state.search(query, plan: try QueryPlan(validating: query, phones: phones))
            return "\(result.total) " + result.hits.map { "\($0.id) \($0.score) \($0.typos) \($0.highlights)" }.joined(separator: "; ")
        }
    }

    /// A state's live documents renumbered in ranking order, as a rebuild makes it; `read` runs
    /// each chunk's reads.
    static func renumbered(_ state: IndexState, chunk: Int, read: (() -> Void) -> Void = { $0() }) -> IndexState {
        state.keepLookupEntries()
        let (start, termCount) = (state.docs.columnsToCopy, state.terms.count)
        let (columns, order) = IndexState.rebuildOrder(of: state, from: start, chunk: chunk, read: read)
        return IndexState.renumbered(
            state, columns: columns, renumbering: Renumbering(order: order, documents: columns.count), schema: schema,
            termCount: termCount, chunk: chunk, read: read)
    }

    /// A state loaded in ranking order with `contacts`, as a load into an empty index makes it.
    static func loaded(_ contacts: [Contact]) -> IndexState {
        let state = IndexState(schema: schema, phones: phones)
        state.appendRanked(ContactIndex.rankSorted(contacts))
        return state
    }

    @Test func aRenumberedIndexAnswersAsAnIndexLoadedWithItsLiveContacts() throws {
        let state = IndexState(schema: Self.schema, phones: Self.phones)
        var live: [String: Contact] = [:]
        for i in 0..<2_000 {
            let contact = try Self.contact(i)
            state.upsert(contact)
            live[contact.id] = contact
        }
        // Replaced contacts leave their old keys behind (terms no live contact has), deleted
        // ones their postings.
        let ids = live.keys.sorted()
        for (k, id) in ids.enumerated() where k % 5 == 0 {
            let replacement = try Self.contact(5_000 + k, id: id)
            state.upsert(replacement)
            live[id] = replacement
        }
        for (k, id) in ids.enumerated() where k % 7 == 1 {
            state.remove(id: id)
            live[id] = nil
        }
        let renumbered = Self.renumbered(state, chunk: 100)
        let reference = Self.loaded(Array(live.values))
        let queries = Self.queries(2_000)
        #expect(try Self.answers(renumbered, queries) == Self.answers(reference, queries))
        #expect(try Self.answers(renumbered, queries) == Self.answers(state, queries))
        #expect(renumbered.keyCount == reference.keyCount && renumbered.keyCount < state.keyCount)
        #expect(renumbered.docs.count == live.count && renumbered.rankedEnd == UInt32(live.count))
        // Each term's postings in increasing document order, as appends leave them.
        for term in 0..<UInt32(renumbered.keyCount) {
            var docs: [UInt32] = []
            renumbered.postings.forEach(of: term) { docs.append($0 >> 8) }
            #expect(!docs.isEmpty && zip(docs, docs.dropFirst()).allSatisfy { $0 < $1 })
        }
        let checked = Array(live.values.prefix(300))
        Self.expectSameLookups(renumbered, reference, of: checked)
        for contact in checked { #expect(renumbered.json(id: contact.id) == contact.jsonBytes) }
    }

    static func made(_ count: Int) throws -> IndexState {
        let state = IndexState(schema: schema, phones: phones)
        for i in 0..<count { state.upsert(try contact(i)) }
        return state
    }

    enum Write {
        case upsert(Contact), delete(String)

        func apply(to state: IndexState) {
            switch self {
            case .upsert(let contact): state.upsert(contact)
            case .delete(let id): state.remove(id: id)
            }
        }
    }

    /// The emails and phones of `contacts` find the same ids in both states.
    static func expectSameLookups(_ a: IndexState, _ b: IndexState, of contacts: [Contact]) {
        for contact in contacts {
            for email in contact.emails {
                if case .success(let key) = EmailNormalizer.normalize(email) { #expect(a.ids(emailKey: key).sorted() == b.ids(emailKey: key).sorted()) }
            }
            for phone in contact.phones {
                if case .success(let number) = phones.parse(phone) { #expect(a.ids(e164: number.e164).sorted() == b.ids(e164: number.e164).sorted()) }
            }
        }
    }

    /// The live index is read a chunk at a time under its read lock, writes going on between
    /// the chunks: what they add is left out, and replayed afterwards (as a rebuild replays its
    /// log) gives the live index's answers and lookups.
    @Test func writesBetweenTheChunksAreLeftToTheReplayThatFollows() throws {
        let state = try Self.made(1_500)
        let ids = (0..<1_500).map { try! Self.contact($0).id }
        var writes: [Write] = []
        var step = 0
        let renumbered = Self.renumbered(state, chunk: 200) { body in
            body()
            step += 1
            let write: Write = switch step % 3 {
            case 0: .upsert(try! Self.contact(3_000 + step))
            case 1: .upsert(try! Self.contact(4_000 + step, id: ids[step * 37 % ids.count]))
            default: .delete(ids[step * 53 % ids.count])
            }
            write.apply(to: state)
            writes.append(write)
        }
        #expect(writes.count > 20, "the terms, digit lists and documents are read in many chunks")
        for write in writes { write.apply(to: renumbered) }
        let queries = Self.queries(1_500) + ["tech", "silva", "+55"]
        #expect(try Self.answers(renumbered, queries) == Self.answers(state, queries))
        Self.expectSameLookups(renumbered, state, of: try (0..<1_500).map { try Self.contact($0) })
    }

    /// The identity lookups are read last, a chunk of slots at a time: removals meanwhile leave
    /// entries in place (a removal shifts the entries after it back), and a lookup that grows
    /// (moving every entry) is read again from its start.
    @Test func aLookupThatGrowsOrLosesEntriesWhileItIsReadIsReadWhole() throws {
        // A run without writes counts the holds: deletions change none of them, and the last
        // ones read the email lookup, then the phone lookup.
        var holds = 0
        _ = Self.renumbered(try Self.made(1_500), chunk: 200) { body in
            body()
            holds += 1
        }
        let state = try Self.made(1_500)
        let ids = (0..<1_500).map { try! Self.contact($0).id }
        let (emailSlots, phoneSlots) = (state.identityLookups.email.slotCount, state.identityLookups.phone.slotCount)
        let lookupHolds = (emailSlots + 199) / 200 + (phoneSlots + 199) / 200
        var writes: [Write] = []
        var step = 0
        let renumbered = Self.renumbered(state, chunk: 200) { body in
            body()
            step += 1
            guard step > holds - lookupHolds else { return }
            var batch: [Write] = (0..<10).map { .delete(ids[(step * 101 + $0 * 7) % ids.count]) }
            if step == holds - 5 { batch += (0..<2_000).map { .upsert(try! Self.contact(10_000 + $0)) } }
            for write in batch { write.apply(to: state) }
            writes += batch
        }
        #expect(state.identityLookups.phone.slotCount > phoneSlots, "the phone lookup grew while it was read")
        for write in writes { write.apply(to: renumbered) }
        Self.expectSameLookups(renumbered, state, of: try (Array(0..<1_500) + Array(10_000..<10_300)).map { try Self.contact($0) })
    }

    /// What the chunked reading of the lookups relies on: once a rebuild has begun, removing a
    /// contact leaves every lookup slot as it was (no entry moves), and lookups still skip it.
    @Test func onceARebuildBeginsRemovalsLeaveTheLookupSlotsInPlaceAndLookupsSkipThem() throws {
        let state = try Self.made(600)
        let everyDocument = Renumbering(order: (0..<UInt32(state.docs.count)).map { $0 }, documents: state.docs.count)
        func slots() -> [[UInt64]] {
            [state.identityLookups.email, state.identityLookups.phone].map { lookup in
                var entries: [UInt64] = []
                lookup.appendRenumbered(slots: 0..<lookup.slotCount, everyDocument, to: &entries)
                return entries
            }
        }
        state.keepLookupEntries()
        let before = slots()
        let removed = try (0..<600).filter { $0 % 3 == 0 }.map { try Self.contact($0) }
        for contact in removed { state.remove(id: contact.id) }
        #expect(slots() == before)
        for contact in removed {
            for email in contact.emails {
                if case .success(let key) = EmailNormalizer.normalize(email) { #expect(!state.ids(emailKey: key).contains(contact.id)) }
            }
            for phone in contact.phones {
                if case .success(let number) = Self.phones.parse(phone) { #expect(!state.ids(e164: number.e164).contains(contact.id)) }
            }
        }
    }
}
