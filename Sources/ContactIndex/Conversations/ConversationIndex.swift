import Tokenizer

/// The conversations behind the Chats and Calls tabs and each contact's history, in memory,
/// safe to share between threads.
///
/// Each conversation is searched through a view shaped like a contact (its name and phone, its
/// tags, topic and wrap-up notes as searchable custom fields, its activity time as `lastChat`),
/// so the contact search's folding, phone rules, typos and ranking apply unchanged; a table
/// beside it holds the stored JSON and the columns of filters, visibility and history. Like
/// `ContactIndex`, long work builds a new index beside the live one and swaps it in.
final class ConversationIndex: @unchecked Sendable {
    private let lock = ReadWriteLock()
    private var state: IndexState
    private var table = ConversationTable()
    private let rebuilding = Lock()
    private let pending = PendingWrites<Conversation>()
    private let maintenance = Maintenance()
    let phones: PhoneNormalizer

    init(phones: PhoneNormalizer) {
        self.phones = phones
        state = IndexState(schema: Conversation.searchSchema, phones: phones)
    }

    // MARK: Writing

    /// Adds or replaces a conversation; gives the contact id of the one it replaced.
    @discardableResult
    func upsert(_ conversation: Conversation) -> String? {
        let (replaced, stale) = lock.withWriteLock {
            pending.record(.upsert(conversation))
            let replaced = state.document(id: conversation.id).map(table.contactID)
            Self.add(conversation, state, &table)
            return (replaced, state.staleDocuments)
        }
        rebuildWhenStale(stale)
        return replaced
    }

    /// Deletes a conversation; gives its contact id when it existed.
    @discardableResult
    func delete(id: String) -> String? {
        let (deleted, stale) = lock.withWriteLock {
            pending.record(.delete(id))
            let deleted = state.document(id: id).map(table.contactID)
            state.remove(id: id)
            return (deleted, state.staleDocuments)
        }
        rebuildWhenStale(stale)
        return deleted
    }

    /// Loads many conversations at once; into an empty index they are numbered newest first,
    /// which keeps the first keystrokes fast. A repeated id keeps its last version.
    func load(_ conversations: [Conversation]) {
        var seen = Set<String>()
        let unique = conversations.reversed().filter { seen.insert($0.id).inserted }
        let sorted = Self.rankSorted(unique)
        var start = 0
        while start < sorted.count {
            let batch = sorted[start..<min(start + 1024, sorted.count)]
            lock.withWriteLock {
                for item in batch { pending.record(.upsert(item.conversation)) }
                Self.appendRanked(batch, state, &table)
            }
            start += batch.count
        }
        if Maintenance.isStale(lock.withReadLock { state.staleDocuments }) { rebuild() }
    }

    /// A conversation and its search view, built once.
    private typealias Viewed = (view: Contact, conversation: Conversation)

    /// Adds or replaces one conversation in a state and its table.
    private static func add(_ conversation: Conversation, _ state: IndexState, _ table: inout ConversationTable) {
        state.upsert(conversation.searchView)
        table.append(conversation, doc: state.document(id: conversation.id)!)
    }

    /// Appends conversations sorted by `rankSorted` to a state and its table.
    private static func appendRanked(_ items: ArraySlice<Viewed>, _ state: IndexState, _ table: inout ConversationTable) {
        state.appendRanked(items.map(\.view))
        for item in items { table.append(item.conversation, doc: state.document(id: item.conversation.id)!) }
    }

    /// Conversations with their views, in the order of the views: newest first, then name, then id.
    private static func rankSorted(_ conversations: [Conversation]) -> [Viewed] {
        conversations.map { conversation in
            let view = conversation.searchView
            return (rank: StaticRank(view), view: view, conversation: conversation)
        }.sorted { $0.rank < $1.rank }.map { (view: $0.view, conversation: $0.conversation) }
    }

    private func rebuildWhenStale(_ stale: (count: Int, documents: Int)) {
        maintenance.rebuildWhenStale(
            stale, staleNow: { [self] in lock.withReadLock { state.staleDocuments } }, rebuild: { [self] in rebuild() })
    }

    /// Renumbers every conversation newest first beside the live index and swaps it in.
    func rebuild() {
        rebuilding.withLock {
            // The table is copied (copy-on-write) under the lock and parsed without it, and the
            // replaced index is freed after the lock: a writer waiting for the lock would hold
            // every search back.
            let (copied, alive) = lock.withReadLock {
                pending.start()
                return (table, state.docs.alive)
            }
            let conversations = DocumentTable.documents(alive: alive, count: copied.count).map(copied.conversation)
            let fresh = IndexState(schema: Conversation.searchSchema, phones: phones)
            var freshTable = ConversationTable()
            Self.appendRanked(Self.rankSorted(conversations)[...], fresh, &freshTable)
            Maintenance.catchUp(pending) { Self.replay($0, fresh, &freshTable) }
            let replaced = lock.withWriteLock {
                Self.replay(pending.stop(), fresh, &freshTable)
                defer { (state, table) = (fresh, freshTable) }
                return (state, table)
            }
            withExtendedLifetime(replaced) {}
        }
    }

    private static func replay(
        _ operations: [PendingWrites<Conversation>.Operation], _ state: IndexState, _ table: inout ConversationTable
    ) {
        PendingWrites.replay(operations, upsert: { add($0, state, &table) }, delete: { state.remove(id: $0) })
    }

    // MARK: Reading

    /// The stored JSON of a conversation, when it exists and `viewer` may see it.
    func json(id: String, viewer: ConversationViewer) -> [UInt8]? {
        lock.withReadLock {
            guard let doc = state.document(id: id), table.isVisible(doc, to: viewer) else { return nil }
            return table.withJSON(doc) { Array($0) }
        }
    }

    /// Whether a conversation exists, whoever may see it.
    func contains(id: String) -> Bool {
        lock.withReadLock { state.document(id: id) != nil }
    }

    /// The ids of a contact's live conversations.
    func ids(ofContact id: String) -> [String] {
        lock.withReadLock { table.documents(ofContact: id).filter(state.docs.isAlive).map { table.ids[Int($0)] } }
    }

    /// The id and `createdAt` of a contact's live conversation with the newest `createdAt` (the
    /// greater id on a tie).
    func newest(ofContact id: String) -> (id: String, createdAt: Int64)? {
        lock.withReadLock {
            var newest: (id: String, createdAt: Int64)?
            for doc in table.documents(ofContact: id) where state.docs.isAlive(doc) {
                let candidate = (id: table.ids[Int(doc)], createdAt: table.createdAt[Int(doc)])
                if let best = newest, (best.createdAt, best.id) >= (candidate.createdAt, candidate.id) { continue }
                newest = candidate
            }
            return newest
        }
    }

    /// Whether a contact has a conversation that is not closed.
    func hasOpenConversations(contact id: String) -> Bool {
        lock.withReadLock { table.documents(ofContact: id).contains { state.docs.isAlive($0) && !table.isClosed($0) } }
    }

    /// Searches as the user types, among the conversations the viewer may see.
    /// - Throws: `ContactIndexError.badRequest` for options out of range.
    func search(_ query: ConversationQuery) throws(ContactIndexError) -> ConversationResult {
        try Self.validate(query.viewer)
        let search = query.searchQuery
        let plan = try QueryPlan(validating: search, phones: phones)
        return lock.withReadLock {
            guard let restriction = table.restriction(query.viewer, query.filter) else { return ConversationResult(total: 0, hits: []) }
            let found = state.search(search, plan: plan, restriction: restriction, storedJSON: false)
            let hits = found.hits.map { hit in
                ConversationHit(
                    id: hit.id, score: hit.score, conversationJSON: table.withJSON(hit.document) { Array($0) },
                    highlights: hit.highlights.map { (Conversation.fieldPath(ofViewField: $0.field), $0.ranges) },
                    typos: hit.typos, typoWords: hit.typoWords)
            }
            return ConversationResult(total: found.total, hits: hits)
        }
    }

    /// A page of a contact's closed conversations that the viewer may see, newest `closedAt` first.
    /// - Throws: `ContactIndexError.badRequest` for options out of range.
    func history(_ query: HistoryQuery) throws(ContactIndexError) -> HistoryPage {
        try Self.validate(query.viewer)
        try SearchQuery("", limit: query.limit, offset: query.offset).validate()
        return lock.withReadLock {
            let docs = table.documents(ofContact: query.contactID).filter { doc in
                state.docs.isAlive(doc) && table.isClosed(doc) && table.isVisible(doc, to: query.viewer)
            }
            let ordered = docs.sorted { a, b in
                let (ca, cb) = (table.closedAt[Int(a)], table.closedAt[Int(b)])
                return ca != cb ? ca > cb : table.ids[Int(a)] < table.ids[Int(b)]
            }
            let page = ordered.dropFirst(query.offset).prefix(query.limit).map { doc in table.withJSON(doc) { Array($0) } }
            return HistoryPage(total: docs.count, conversations: page)
        }
    }

    private static func validate(_ viewer: ConversationViewer) throws(ContactIndexError) {
        if case .agent(let id) = viewer, id.isEmpty { throw .badRequest("an agent is named by a non-empty id") }
    }

    /// Prepares the prefixes of the first keystrokes.
    func warmUp() {
        IndexState.warmUp { step in lock.withReadLock { step(state) } }
    }

    /// Live conversations.
    var count: Int { lock.withReadLock { state.docs.aliveCount } }

    /// An estimate of the memory held, in bytes.
    var memoryBytes: Int { lock.withReadLock { state.memoryBytes + table.memoryBytes } }

    /// The JSON of every live conversation, for a snapshot.
    func records() -> ConversationRecords {
        lock.withReadLock { table.records(isAlive: state.docs.isAlive) }
    }
}
