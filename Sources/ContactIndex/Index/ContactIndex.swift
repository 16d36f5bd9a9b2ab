import Glibc
import Tokenizer

/// A search-as-you-type index of contacts, in memory, safe to share between threads.
///
/// Any number of searches run at once; a write holds the index for the microseconds it takes
/// to index one contact. Long work (a bulk load, re-indexing a custom field, renumbering) builds
/// a new index beside the live one and swaps it in, so searches never wait for it.
///
/// ```swift
/// let index = try ContactIndex(defaultRegion: "BR")
/// _ = try index.upsert(json: #"{"name":"Ana Souza","phones":["(51) 5555-5555"]}"#)
/// let page = try index.search(SearchQuery("ana 5555"))
/// ```
public final class ContactIndex: Sendable {
    private let lock = ReadWriteLock()
    private let box: StateBox
    private let rebuilding = Lock()
    private let log = PendingWrites<Contact>()
    private let maintenance = Maintenance()
    /// Reads contacts and normalizes their phones for the default region.
    public let parser: ContactParser

    /// The outcome of an upsert.
    public struct UpsertResult: Sendable, Equatable {
        /// The contact's id, generated when none was given.
        public var id: String
        /// Whether the contact was new.
        public var created: Bool
        /// Phones and emails kept as given because they could not be normalized.
        public var warnings: [ContactWarning]
    }

    /// Counts and sizes of the index.
    public struct Stats: Sendable, Equatable {
        /// Live contacts.
        public var contacts: Int
        /// Distinct search keys.
        public var keys: Int
        /// An estimate of the memory the index holds, in bytes.
        public var memoryBytes: Int
    }

    /// Creates an empty index.
    /// - Parameters:
    ///   - defaultRegion: the ISO 3166 region of phone numbers written without a country code.
    ///   - schema: the custom fields and whether each is searchable.
    /// - Throws: `ContactIndexError.badRequest` for an unknown region.
    public convenience init(defaultRegion: String = "BR", schema: FieldSchema = FieldSchema()) throws(ContactIndexError) {
        try self.init(defaultRegion: defaultRegion, schema: schema, materializeThreshold: 2048)
    }

    /// Creates an empty index that materializes prefixes past `materializeThreshold` postings
    /// (tests lower it to run those paths on small data).
    init(defaultRegion: String, schema: FieldSchema, materializeThreshold: Int) throws(ContactIndexError) {
        let phones = try Self.phones(defaultRegion)
        parser = ContactParser(phones: phones)
        box = StateBox(IndexState(schema: schema, phones: phones, materializeThreshold: materializeThreshold))
    }

    // MARK: Writing

    /// Adds or replaces a contact given as JSON text in either Rocket.Chat shape.
    public func upsert(json: String) throws(ContactIndexError) -> UpsertResult {
        try upsert(parsed: parser.parse(Array(json.utf8)))
    }

    /// Adds or replaces a contact given as JSON bytes in either Rocket.Chat shape.
    public func upsert(jsonBytes: some Collection<UInt8>) throws(ContactIndexError) -> UpsertResult {
        try upsert(parsed: parser.parse(jsonBytes))
    }

    /// Adds or replaces a contact given as a JSON value in either Rocket.Chat shape.
    public func upsert(_ value: JSONValue) throws(ContactIndexError) -> UpsertResult {
        try upsert(parsed: parser.parse(value))
    }

    /// Adds or replaces a contact already parsed. Its stored entry and keys are made before the
    /// lock is taken, so that searches wait only for the index's own changes.
    public func upsert(parsed: ContactParser.Parsed) -> UpsertResult {
        let (schema, phones) = preparation
        let created = upsert([PreparedContact(parsed.contact, schema: schema, phones: phones)], preparedWith: schema)[0]
        return UpsertResult(id: parsed.contact.id, created: created, warnings: parsed.warnings)
    }

    /// Adds or replaces contacts prepared under `schema`, in order, under one hold of the lock;
    /// for each, true when it was new.
    func upsert(_ contacts: [PreparedContact], preparedWith schema: FieldSchema) -> [Bool] {
        let (created, stale) = lock.withWriteLock {
            for prepared in contacts { log.record(.upsert(prepared.contact)) }
            return (box.state.upsert(contacts, preparedWith: schema), box.state.staleDocuments)
        }
        rebuildWhenStale(stale)
        return created
    }

    /// The schema and phone normalizer that contacts are prepared with now.
    var preparation: (schema: FieldSchema, phones: PhoneNormalizer) {
        lock.withReadLock { (box.state.schema, box.state.phones) }
    }

    /// Deletes a contact; true when it existed.
    @discardableResult
    public func delete(id: String) -> Bool {
        let (deleted, stale) = lock.withWriteLock {
            log.record(.delete(id))
            return (box.state.remove(id: id), box.state.staleDocuments)
        }
        rebuildWhenStale(stale)
        return deleted
    }

    /// Starts a background rebuild when writes have left too many documents out of ranking order
    /// or deleted; at most one runs at a time.
    private func rebuildWhenStale(_ stale: (count: Int, documents: Int)) {
        maintenance.rebuildWhenStale(stale, staleNow: { [self] in staleDocuments }, rebuild: { [self] in rebuild() })
    }

    /// Loads many contacts at once. Into an empty index they are numbered in ranking order, which
    /// keeps the first keystrokes fast; searches go on between batches. Of contacts that share
    /// an id, the one given last is kept.
    public func load(_ contacts: [Contact]) {
        loadRanked(Self.rankSorted(contacts))
        compactAfterLoad(of: contacts.count)
    }

    /// Gives back the spare capacity that a load of `loaded` contacts left in the lists, a part
    /// at a time under the write lock, and lays the typo trie out again (made from a copy without
    /// the lock, put in unless a write added keys meanwhile). Only after a load of at least half
    /// the index: the copy costs as much as the whole index, and loads in batches call this once,
    /// at their end.
    func compactAfterLoad(of loaded: Int) {
        guard loaded * 2 >= lock.withReadLock({ box.state.docs.count }) else { return }
        for part in 0..<Compaction.parts {
            lock.withWriteLock { box.state.compact(part: part) }
        }
        let (state, terms) = lock.withReadLock { (box.state, box.state.terms) }
        let compacted = terms.compactedTypoTrie()
        lock.withWriteLock {
            if box.state === state { state.replaceTypoTrie(with: compacted, madeAtTermCount: terms.count) }
        }
    }

    /// Loads contacts already in static ranking order (as `rankSorted` gives them), a batch at a
    /// time: each batch is prepared (stored entries and keys) without the lock, on another thread
    /// while the batch before is appended.
    func loadRanked(_ sorted: [Contact]) {
        let (schema, phones) = preparation
        PreparedContact.forEachBatch(count: sorted.count, size: 1024, { PreparedContact(sorted[$0], schema: schema, phones: phones) }) { batch in
            lock.withWriteLock {
                for prepared in batch { log.record(.upsert(prepared.contact)) }
                box.state.appendRanked(batch, preparedWith: schema)
            }
        }
        if Maintenance.isStale(lock.withReadLock { box.state.staleDocuments }) { rebuild() }
    }

    // MARK: Reading

    /// The contact with an id, or nil.
    public func get(id: String) -> Contact? {
        guard let json = getJSON(id: id), let object = (try? JSONParser.parse(json))?.objectValue else { return nil }
        return Contact(canonical: object)
    }

    /// Whether a contact has this id.
    func contains(id: String) -> Bool {
        lock.withReadLock { box.state.document(id: id) != nil }
    }

    /// The stored JSON of the contact with an id, or nil.
    public func getJSON(id: String) -> [UInt8]? {
        lock.withReadLock { box.state.json(id: id) }
    }

    /// Searches as the user types.
    /// - Throws: `ContactIndexError.badRequest` for options out of range.
    public func search(_ query: SearchQuery) throws(ContactIndexError) -> SearchResult {
        let plan = try QueryPlan(validating: query, phones: parser.phones)
        return lock.withReadLock { box.state.search(query, plan: plan) }
    }

    /// Ids of the contacts with this email address (compared by identity key).
    public func lookup(email: String) -> [String] {
        guard case .success(let key) = EmailNormalizer.normalize(email) else { return [] }
        return lock.withReadLock { box.state.ids(emailKey: key) }
    }

    /// Ids of the contacts with this phone number (compared in E.164 for the default region).
    public func lookup(phone: String) -> [String] {
        guard case .success(let number) = parser.phones.parse(phone) else { return [] }
        return lock.withReadLock { box.state.ids(e164: number.e164) }
    }

    /// Whether every document is numbered in ranking order (as a bulk load numbers them).
    var isInRankingOrder: Bool {
        lock.withReadLock { box.state.rankedEnd == UInt32(box.state.docs.count) }
    }

    /// Counts and sizes.
    public func stats() -> Stats {
        lock.withReadLock {
            Stats(contacts: box.state.docs.aliveCount, keys: box.state.keyCount, memoryBytes: box.state.memoryBytes)
        }
    }

    /// Every live contact.
    public func allContacts() -> [Contact] {
        // Parsed from a copy of the table, without the lock: a writer waiting for it would hold
        // every search back.
        let (entries, alive) = lock.withReadLock { (box.state.docs.entries, box.state.docs.alive) }
        return DocumentTable.documents(alive: alive, count: entries.count).map(entries.contact)
    }

    /// The schema and the index's structures in one consistent view, for a snapshot to stream
    /// while writes go on. The view is copied into buffers of its own after the lock is let go:
    /// shared, the next write would copy the whole index under the lock, with every search
    /// waiting (146 ms at a million contacts). A caller that holds writes off until this returns
    /// (as a store's snapshot does) leaves none to pay that copy.
    func snapshotImage() -> (schema: FieldSchema, image: IndexImage) {
        let (schema, shared) = lock.withReadLock { (box.state.schema, box.state.image) }
        return (schema, shared.snapshotCopy())
    }

    /// The phone normalizer of a default region.
    /// - Throws: `ContactIndexError.badRequest` for an unknown region.
    static func phones(_ defaultRegion: String) throws(ContactIndexError) -> PhoneNormalizer {
        do {
            return try PhoneNormalizer(defaultRegion: defaultRegion)
        } catch {
            throw .badRequest(error.description)
        }
    }

    /// An index rebuilt from a snapshot's image, or an empty one.
    init(image: IndexImage?, schema: FieldSchema, phones: PhoneNormalizer) {
        parser = ContactParser(phones: phones)
        box = StateBox(image.map { IndexState(image: $0, schema: schema, phones: phones) }
            ?? IndexState(schema: schema, phones: phones))
    }

    // MARK: Custom fields

    /// The custom field schema.
    public var schema: FieldSchema {
        lock.withReadLock { box.state.schema }
    }

    /// Defines a custom field; turning `searchable` on or off re-indexes every contact beside the
    /// live index, so searches go on meanwhile.
    public func setField(_ key: String, _ definition: CustomFieldDefinition) {
        rebuilding.withLock {
            var schema = self.schema
            let before = schema.fields[key]?.searchable ?? false
            schema.fields[key] = definition
            if before == definition.searchable {
                lock.withWriteLock { box.state.schema = schema }
            } else {
                rebuildLocked(schema: schema)
            }
        }
    }

    /// Renumbers every contact in ranking order beside the live index and swaps it in.
    public func rebuild() {
        rebuilding.withLock { rebuildLocked(schema: schema) }
    }

    /// Documents out of ranking order or deleted, and all documents (tests watch rebuilds with it).
    var staleDocuments: (count: Int, documents: Int) {
        lock.withReadLock { box.state.staleDocuments }
    }

    /// Prepares the prefixes of the first keystrokes.
    public func warmUp() {
        IndexState.warmUp { step in lock.withReadLock { step(box.state) } }
    }

    private func rebuildLocked(schema: FieldSchema) {
        // Under the write lock only what is cheap: the entries and alive bits are shared
        // copy-on-write (a write then copies the arena's last chunk and the locations); the
        // rest is read a chunk at a time under the read lock.
        let (state, start, termCount, sameSchema) = lock.withWriteLock {
            log.start()
            let state = box.state
            state.keepLookupEntries()
            return (state, state.docs.columnsToCopy, state.terms.count, state.schema == schema)
        }
        // A short pause after each hold: on two cores, a rebuild reading and building flat out
        // beside a write made the write several times slower (memory and page clearing are
        // shared), and every search waited behind that write.
        let read: (() -> Void) -> Void = { [lock] body in
            lock.withReadLock(body)
            usleep(200)
        }
        let (columns, order) = IndexState.rebuildOrder(of: state, from: start, read: read)
        let fresh: IndexState
        if sameSchema {
            fresh = IndexState.renumbered(
                state, columns: columns, renumbering: Renumbering(order: order, documents: columns.count), schema: schema,
                termCount: termCount, read: read)
        } else {
            // Another schema gives other keys: every contact is analyzed again.
            let (entries, phones) = (columns.entries, state.phones)
            fresh = IndexState(schema: schema, phones: phones, materializeThreshold: state.materializeThreshold)
            fresh.appendRanked(count: order.count) { PreparedContact(stored: order[$0], in: entries, schema: schema, phones: phones) }
            for part in 0..<Compaction.parts { fresh.compact(part: part) }
            fresh.compactTypoTrie()
        }
        Maintenance.catchUp(log) { Self.replay($0, onto: fresh) }
        // The replaced state is freed after the lock is released: freeing a whole index takes
        // long enough to be felt by the searches that would wait.
        let replaced = lock.withWriteLock {
            Self.replay(log.stop(), onto: fresh)
            defer { box.state = fresh }
            return box.state
        }
        withExtendedLifetime(replaced) {}
    }

    private static func replay(_ operations: [PendingWrites<Contact>.Operation], onto state: IndexState) {
        PendingWrites.replay(operations, upsert: { state.upsert($0) }, delete: { state.remove(id: $0) })
    }

    /// Contacts in static ranking order, reading each one's sort fields once; of contacts that
    /// share an id, the one given last, as upserts in the given order would leave it.
    static func rankSorted(_ contacts: [Contact]) -> [Contact] {
        StaticRank.order(contacts.map(StaticRank.init)).map { contacts[$0] }
    }

    /// The ranking order of contacts when a query does not decide: `lastChat` first, then name, id.
    static func staticOrder(_ a: Contact, _ b: Contact) -> Bool {
        StaticRank(a) < StaticRank(b)
    }
}

/// What orders contacts when a query does not: the most recent `lastChat` first, then name, then
/// id, names and ids in `ByteOrder`. `StaticOrder` applies the same order to the document
/// table's columns.
struct StaticRank: Comparable {
    let lastChat: Int64
    let name: String
    let id: String

    init(_ contact: Contact) {
        lastChat = contact.lastChatMillis ?? Int64.min
        name = contact.name ?? ""
        id = contact.id
    }

    /// The positions of `ranks` in ascending order, of ranks that share an id only the last.
    /// Positions are sorted, by last chat alone unless two are equal: the ranks and their names
    /// are not moved (nor retained) at every comparison.
    static func order(_ ranks: [StaticRank]) -> [Int] {
        var seen = Set<String>(minimumCapacity: ranks.count)
        let latest = ranks.indices.reversed().filter { seen.insert(ranks[$0].id).inserted }
        let lastChats = ranks.map(\.lastChat)
        return lastChats.withUnsafeBufferPointer { lastChats in
            latest.sorted { a, b in
                lastChats[a] != lastChats[b] ? lastChats[a] > lastChats[b] : ranks[a] < ranks[b]
            }
        }
    }

    static func < (a: StaticRank, b: StaticRank) -> Bool {
        if a.lastChat != b.lastChat { return a.lastChat > b.lastChat }
        let byName = ByteOrder.compare(a.name, b.name)
        return byName != 0 ? byName < 0 : ByteOrder.compare(a.id, b.id) < 0
    }
}

/// The live state, swapped whole by a rebuild; guarded by the index's lock.
private final class StateBox: @unchecked Sendable {
    var state: IndexState
    init(_ state: IndexState) { self.state = state }
}
