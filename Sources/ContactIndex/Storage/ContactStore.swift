import Foundation

/// A contact index kept durable in a data folder: an append-only log of every mutation and
/// periodic snapshots, recovered when opened.
///
/// A write returns once its log record is written and, under `FsyncPolicy.always`, on disk; a
/// write that could not be logged throws and changes nothing. One process at a time may open a
/// folder.
///
/// ```swift
/// let store = try ContactStore(folder: "contact-index-data")
/// _ = try store.upsert(json: #"{"name":"Ana Souza","phones":["(51) 5555-5555"]}"#)
/// let page = try store.search(SearchQuery("ana"))
/// try store.close()
/// ```
public final class ContactStore: @unchecked Sendable {
    /// What was loaded when the store opened.
    public let recovery: RecoveryReport
    /// The options the store was opened with.
    public let options: StoreOptions
    /// The folder's path.
    public var path: String { folder.path }

    private let book: ContactBook
    var index: ContactIndex { book.contacts }
    private let folder: DataFolder
    private let folderLock: FolderLock
    private let log: LogWriter
    /// Orders log appends with index updates, so the log replays to the same state.
    private let writeLock = Lock()
    /// Orders custom field changes with each other and with snapshots.
    private let fieldLock = Lock()
    /// One snapshot at a time.
    private let snapshotLock = Lock()
    private let status = Condition()
    private var mutationsSinceSnapshot = 0
    private var firstMutationSinceSnapshot: UInt64?
    private var lastSnapshot: SnapshotReport?
    private var closed = false
    /// Injected failures, for tests.
    let faults: StorageFaults?

    /// Opens or creates the store in `folder`, loading its newest snapshot and replaying the log.
    /// - Throws: `storageError` when the folder is in use by another process, cannot be written,
    ///   or holds damage that `StoreOptions.repair` was not given to cross; `badRequest` for an
    ///   unknown region.
    public convenience init(folder path: String, options: StoreOptions = StoreOptions()) throws(ContactIndexError) {
        try self.init(folder: path, options: options, faults: nil)
    }

    init(folder path: String, options: StoreOptions, faults: StorageFaults?) throws(ContactIndexError) {
        let started = Clock.monotonicNanos()
        self.options = options
        self.faults = faults
        folder = DataFolder(path: path)
        try folder.create()
        folderLock = try FolderLock(folder)
        var recovered = try Recovery(folder: folder, options: options, faults: faults)
        book = recovered.book
        log = LogWriter(file: recovered.file, segment: recovered.segment, size: recovered.size, policy: options.fsync)
        recovered.report.millis = Clock.millis(since: started)
        recovered.report.contacts = recovered.book.contacts.stats().contacts
        recovery = recovered.report
        mutationsSinceSnapshot = recovered.report.replayedRecords
        if mutationsSinceSnapshot > 0 { firstMutationSinceSnapshot = started }
        if options.repair && !recovered.report.dropped.isEmpty { _ = try snapshot() }
        startSnapshotter()
    }

    deinit { try? close(snapshot: false) }

    // MARK: Writing

    /// Adds or replaces a contact given as JSON text in either Rocket.Chat shape, once it is
    /// durable.
    public func upsert(json: String) throws(ContactIndexError) -> ContactIndex.UpsertResult {
        try upsert(jsonBytes: Array(json.utf8))
    }

    /// Adds or replaces a contact given as JSON bytes in either Rocket.Chat shape, once it is
    /// durable.
    public func upsert(jsonBytes: some Collection<UInt8>) throws(ContactIndexError) -> ContactIndex.UpsertResult {
        let (result, position) = try upsertUnsynced(jsonBytes: jsonBytes)
        try waitUntilDurable(position)
        return result
    }

    /// Deletes a contact once the deletion is durable; true when it existed.
    @discardableResult
    public func delete(id: String) throws(ContactIndexError) -> Bool {
        let (deleted, position) = try deleteUnsynced(id: id)
        try waitUntilDurable(position)
        return deleted
    }

    /// Adds or replaces a contact, returning before the disk has it; acknowledge it only after
    /// `waitUntilDurable` on the returned position. A server uses this to share one flush between
    /// pipelined writes.
    public func upsertUnsynced(jsonBytes: some Collection<UInt8>) throws(ContactIndexError)
        -> (result: ContactIndex.UpsertResult, position: LogPosition)
    {
        let (results, position) = try upsertUnsynced(batch: [Array(jsonBytes)[...]])
        return (try results[0].get(), position ?? LogPosition(value: 0))
    }

    /// Adds or replaces contacts given as JSON lines, in order, as that many
    /// `upsertUnsynced(jsonBytes:)` calls would, returning before the disk has them: they are
    /// parsed and prepared for the index on every core, logged in one write and indexed under
    /// one hold of the lock. A line that is not a valid contact fails alone, in its result.
    /// - Throws: `storageError` when the log refused the batch (none of it is then applied).
    public func upsertUnsynced(batch lines: [ArraySlice<UInt8>]) throws(ContactIndexError)
        -> (results: [Result<ContactIndex.UpsertResult, ContactIndexError>], position: LogPosition?)
    {
        let parser = index.parser
        let (schema, phones) = index.preparation
        typealias Outcome = Result<(parsed: ContactParser.Parsed, json: [UInt8], prepared: PreparedContact), ContactIndexError>
        let outcomes = concurrentMap(lines) { line -> Outcome in
            do throws(ContactIndexError) {
                let parsed = try parser.parse(line)
                let json = parsed.contact.jsonBytes
                return .success((parsed, json, PreparedContact(parsed.contact, json: json, schema: schema, phones: phones)))
            } catch {
                return .failure(error)
            }
        }
        return try writeLock.withLock { () throws(ContactIndexError) in
            var written: [(json: [UInt8], prepared: PreparedContact)] = []
            written.reserveCapacity(outcomes.count)
            for case .success(let outcome) in outcomes {
                if let moved = book.lastChatMoved(outcome.parsed.contact) {
                    let json = moved.jsonBytes
                    written.append((json, PreparedContact(moved, json: json, schema: schema, phones: phones)))
                } else {
                    written.append((outcome.json, outcome.prepared))
                }
            }
            let position = try appendRecords(written.count) { .upsert(json: written[$0].json) }
            var created = book.upsert(contacts: written.map(\.prepared), preparedWith: schema).makeIterator()
            let results = outcomes.map { outcome in
                outcome.map { parsed, _, _ in
                    ContactIndex.UpsertResult(id: parsed.contact.id, created: created.next()!, warnings: parsed.warnings)
                }
            }
            return (results, position)
        }
    }

    /// Deletes a contact, returning before the disk has the deletion (see `upsertUnsynced`).
    /// - Throws: `hasOpenConversations` when one of its conversations is not closed.
    public func deleteUnsynced(id: String) throws(ContactIndexError) -> (deleted: Bool, position: LogPosition) {
        try writeLock.withLock { () throws(ContactIndexError) in
            guard index.contains(id: id) else { return (false, LogPosition(value: 0)) }
            try book.checkDeletion(ofContact: id)
            let position = try appendRecord(.delete(id: id))
            book.delete(contact: id)
            return (true, position)
        }
    }

    /// Returns once every write up to `position` is on disk as the fsync policy requires.
    /// - Throws: `storageError` when the disk refused; the store then takes no more writes.
    public func waitUntilDurable(_ position: LogPosition) throws(ContactIndexError) {
        guard position.value > 0 else { return }
        try log.waitUntilDurable(position.value)
    }

    /// Adds or replaces many contacts with one flush; searches go on meanwhile. Into an empty
    /// store they are numbered in ranking order, as `ContactIndex.load` does; of contacts that
    /// share an id, the one given last is kept.
    public func load(_ contacts: [Contact]) throws(ContactIndexError) {
        let position = try writeLock.withLock { () throws(ContactIndexError) in
            try logAndIndex(contacts.map(book.prepared), ranked: false)
        }
        if let position { try waitUntilDurable(position) }
    }

    /// Adds or replaces `count` contacts made on demand, `contact(0)` to `contact(count - 1)`, as
    /// `load(_:)` does, holding `batch` of them at a time instead of all: each is made twice, once
    /// to find the ranking order and once to index it. A load of every parsed contact at once
    /// holds them all at its peak (about 2 KB each as parsed JSON, more than the index's share).
    /// Of contacts that share an id, the one made from the highest position is kept.
    public func load(
        count: Int, batch: Int = 4096, contact: (Int) throws(ContactIndexError) -> Contact
    ) throws(ContactIndexError) {
        guard count >= 0, batch > 0 else { throw .badRequest("a load needs a count of zero or more and a batch of one or more") }
        let position = try writeLock.withLock { () throws(ContactIndexError) -> LogPosition? in
            var ranks: [StaticRank] = []
            ranks.reserveCapacity(count)
            for i in 0..<count { ranks.append(StaticRank(book.prepared(try contact(i)))) }
            let order = StaticRank.order(ranks)
            var last: LogPosition?
            for start in stride(from: 0, to: order.count, by: batch) {
                let prepared = try order[start..<min(start + batch, order.count)].map {
                    (i) throws(ContactIndexError) in book.prepared(try contact(i))
                }
                last = try logAndIndex(prepared, ranked: true) ?? last
            }
            index.compactAfterLoad(of: count)
            return last
        }
        if let position { try waitUntilDurable(position) }
    }

    /// Logs prepared contacts and loads them into the index, under the write lock; gives the
    /// log position after them, nil when there are none. `ranked` contacts are already in static
    /// ranking order, so the index does not sort them again.
    private func logAndIndex(_ prepared: [Contact], ranked: Bool) throws(ContactIndexError) -> LogPosition? {
        let position = try appendRecords(prepared.count) { .upsert(json: prepared[$0].jsonBytes) }
        if ranked { index.loadRanked(prepared) } else { index.load(prepared) }
        return position
    }

    /// Appends one record, counted toward the next automatic snapshot; gives the position after it.
    private func appendRecord(_ mutation: Mutation) throws(ContactIndexError) -> LogPosition {
        let position = try log.append(LogFormat.record(mutation))
        noteMutations(1)
        return LogPosition(value: position)
    }

    /// Appends `count` records, made on demand, in batches of one write each; gives the position
    /// after the last one.
    private func appendRecords(_ count: Int, _ mutation: (Int) -> Mutation) throws(ContactIndexError) -> LogPosition? {
        var position: UInt64?
        var start = 0
        while start < count {
            let end = min(start + 4096, count)
            var writer = ByteWriter()
            for i in start..<end { LogFormat.append(mutation(i), to: &writer) }
            position = try log.append(writer.bytes)
            start = end
        }
        noteMutations(count)
        return position.map(LogPosition.init(value:))
    }

    /// Defines a custom field durably; turning `searchable` on or off re-indexes every contact
    /// while searches go on.
    public func setField(_ key: String, _ definition: CustomFieldDefinition) throws(ContactIndexError) {
        try fieldLock.withLock { () throws(ContactIndexError) in
            let position = try writeLock.withLock { () throws(ContactIndexError) in
                try appendRecord(.field(key: key, definition: definition))
            }
            index.setField(key, definition)
            try waitUntilDurable(position)
        }
    }

    // MARK: Conversations

    /// The outcome of a conversation upsert.
    public struct ConversationUpsert: Sendable, Equatable {
        /// The conversation's id, generated when none was given.
        public var id: String
        /// Whether the conversation was new.
        public var created: Bool
        /// A phone kept as given because it could not be normalized.
        public var warnings: [ContactWarning]
    }

    /// Reads conversations and normalizes their phones for the default region.
    public var conversationParser: ConversationParser { ConversationParser(phones: index.parser.phones) }

    /// Adds or replaces a conversation given as JSON bytes, once it is durable; its contact's
    /// `lastChat` follows its newest conversation.
    /// - Throws: `invalidConversation` when the contact does not exist, and the parser's errors.
    public func upsertConversation(jsonBytes: some Collection<UInt8>) throws(ContactIndexError) -> ConversationUpsert {
        let (result, position) = try upsertConversationUnsynced(jsonBytes: jsonBytes)
        try waitUntilDurable(position)
        return result
    }

    /// Adds or replaces a conversation, returning before the disk has it (see `upsertUnsynced`).
    public func upsertConversationUnsynced(jsonBytes: some Collection<UInt8>) throws(ContactIndexError)
        -> (result: ConversationUpsert, position: LogPosition)
    {
        let parsed = try conversationParser.parse(jsonBytes, now: Clock.wallMillis())
        return try writeLock.withLock { () throws(ContactIndexError) in
            try book.check(parsed.conversation)
            let position = try appendRecord(.conversation(json: parsed.conversation.jsonBytes))
            let created = book.upsert(conversation: parsed.conversation)
            return (ConversationUpsert(id: parsed.conversation.id, created: created, warnings: parsed.warnings), position)
        }
    }

    /// Deletes a conversation once the deletion is durable; true when it existed.
    @discardableResult
    public func deleteConversation(id: String) throws(ContactIndexError) -> Bool {
        let (deleted, position) = try deleteConversationUnsynced(id: id)
        try waitUntilDurable(position)
        return deleted
    }

    /// Deletes a conversation, returning before the disk has the deletion (see `upsertUnsynced`).
    public func deleteConversationUnsynced(id: String) throws(ContactIndexError) -> (deleted: Bool, position: LogPosition) {
        try writeLock.withLock { () throws(ContactIndexError) in
            guard book.conversations.contains(id: id) else { return (false, LogPosition(value: 0)) }
            let position = try appendRecord(.deleteConversation(id: id))
            book.delete(conversation: id)
            return (true, position)
        }
    }

    /// Adds or replaces many conversations with one flush; their contacts' `lastChat` follows.
    /// - Throws: `invalidConversation` when one names a contact that does not exist; then none
    ///   is written.
    public func load(conversations: [Conversation]) throws(ContactIndexError) {
        let position = try writeLock.withLock { () throws(ContactIndexError) in
            for conversation in conversations { try book.check(conversation) }
            let position = try appendRecords(conversations.count) { .conversation(json: conversations[$0].jsonBytes) }
            book.load(conversations: conversations)
            return position
        }
        if let position { try waitUntilDurable(position) }
    }

    /// The stored JSON of a conversation, when it exists and `viewer` may see it.
    public func conversationJSON(id: String, viewer: ConversationViewer) -> [UInt8]? {
        book.conversations.json(id: id, viewer: viewer)
    }

    /// Searches conversations as the user types, among those the viewer may see: the contact
    /// ranking on their name, phone, tags, topic and notes, then newest first.
    public func search(_ query: ConversationQuery) throws(ContactIndexError) -> ConversationResult {
        try book.conversations.search(query)
    }

    /// A contact's closed conversations that the viewer may see, newest `closedAt` first.
    public func history(_ query: HistoryQuery) throws(ContactIndexError) -> HistoryPage {
        try book.conversations.history(query)
    }

    /// The number of conversations and an estimate of the memory they hold, in bytes.
    public func conversationStats() -> (conversations: Int, memoryBytes: Int) {
        (book.conversations.count, book.conversations.memoryBytes)
    }

    // MARK: Reading

    /// Searches as the user types (see `ContactIndex.search`).
    public func search(_ query: SearchQuery) throws(ContactIndexError) -> SearchResult { try index.search(query) }

    /// The contact with an id, or nil.
    public func get(id: String) -> Contact? { index.get(id: id) }

    /// The stored JSON of the contact with an id, or nil.
    public func getJSON(id: String) -> [UInt8]? { index.getJSON(id: id) }

    /// Ids of the contacts with this email address.
    public func lookup(email: String) -> [String] { index.lookup(email: email) }

    /// Ids of the contacts with this phone number.
    public func lookup(phone: String) -> [String] { index.lookup(phone: phone) }

    /// Counts and sizes of the index.
    public func stats() -> ContactIndex.Stats { index.stats() }

    /// The custom field schema.
    public var schema: FieldSchema { index.schema }

    /// The phone normalizer for the store's default region.
    public var parser: ContactParser { index.parser }

    /// The last snapshot taken since the store opened, if any.
    public var lastSnapshotReport: SnapshotReport? { status.withLock { lastSnapshot } }

    /// Prepares the prefixes of the first keystrokes of contacts and conversations (see
    /// `ContactIndex.warmUp`).
    public func warmUp() {
        index.warmUp()
        book.conversations.warmUp()
    }

    /// Bytes in the current log segment.
    public var logBytes: Int { log.segmentBytes }

    // MARK: Snapshots and closing

    /// Writes a snapshot of every contact and the schema, starts a new log segment, and removes
    /// the files the snapshot replaces. Searches and writes go on meanwhile.
    @discardableResult
    public func snapshot() throws(ContactIndexError) -> SnapshotReport {
        try snapshotLock.withLock { () throws(ContactIndexError) in
            let started = Clock.monotonicNanos()
            let (segment, captured) = try fieldLock.withLock { () throws(ContactIndexError) in
                try writeLock.withLock { () throws(ContactIndexError) in
                    let next = log.segment + 1
                    let file = try Recovery.createSegment(next, in: folder, faults: faults)
                    try log.rotate(to: file)
                    status.withLock {
                        mutationsSinceSnapshot = 0
                        firstMutationSinceSnapshot = nil
                    }
                    return (next, (contacts: index.snapshotImage(), conversations: book.conversations.records()))
                }
            }
            let takenAt = Clock.wallMillis()
            let written = try SnapshotWriter(
                schema: captured.contacts.schema, image: captured.contacts.image, conversations: captured.conversations)
                .write(to: folder.snapshotPath(segment), folder: folder, faults: faults, createdAt: takenAt)
            for old in try folder.segments() where old < segment { try folder.remove(folder.segmentPath(old)) }
            for old in try folder.snapshots() where old < segment { try folder.remove(folder.snapshotPath(old)) }
            try folder.sync()
            let report = SnapshotReport(
                contacts: written.contacts, bytes: written.bytes, tookMillis: Clock.millis(since: started), takenAt: takenAt)
            status.withLock { lastSnapshot = report }
            return report
        }
    }

    /// Flushes the log, takes a final snapshot when asked, and releases the folder.
    public func close(snapshot takeSnapshot: Bool = true) throws(ContactIndexError) {
        let wasClosed = status.withLock {
            defer {
                closed = true
                status.broadcast()
            }
            return closed
        }
        guard !wasClosed else { return }
        defer { folderLock.release() }
        if takeSnapshot { try snapshot() }
        try log.close()
    }

    // MARK: Automatic snapshots

    private func noteMutations(_ count: Int) {
        let due = status.withLock {
            mutationsSinceSnapshot += count
            if firstMutationSinceSnapshot == nil { firstMutationSinceSnapshot = Clock.monotonicNanos() }
            return options.snapshotAfterMutations > 0 && mutationsSinceSnapshot >= options.snapshotAfterMutations
        }
        if due { status.broadcast() }
    }

    private func startSnapshotter() {
        guard options.snapshotAfterMutations > 0 || options.snapshotAfterSeconds > 0 else { return }
        let thread = Thread { [weak self] in
            while let store = self, store.snapshotWhenDue() {}
        }
        thread.name = "contact-index snapshots"
        thread.start()
    }

    /// Waits up to a second and takes a snapshot if one is due; false once closed.
    private func snapshotWhenDue() -> Bool {
        let (stop, due) = status.withLock {
            if !closed { status.wait(seconds: 1) }
            let byCount = options.snapshotAfterMutations > 0 && mutationsSinceSnapshot >= options.snapshotAfterMutations
            let byTime = options.snapshotAfterSeconds > 0 && firstMutationSinceSnapshot.map {
                Double(Clock.monotonicNanos() - $0) / 1e9 >= options.snapshotAfterSeconds
            } == true
            return (closed, byCount || byTime)
        }
        if stop { return false }
        if due {
            do {
                try snapshot()
            } catch {
                options.log("automatic snapshot failed: \(error)")
            }
        }
        return true
    }
}

/// A place in the log: a write is durable once the log is flushed past it.
public struct LogPosition: Sendable, Comparable {
    let value: UInt64

    public static func < (a: LogPosition, b: LogPosition) -> Bool { a.value < b.value }
}
