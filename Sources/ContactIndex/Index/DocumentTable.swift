/// What the index keeps of each document (a contact under a document number): its stored JSON,
/// and the columns that filters and ranking read without parsing it.
struct DocumentTable {
    /// Each document's stored JSON, with its id and name read from it.
    private(set) var entries = StoredEntries()
    /// The live documents by id.
    private var byID = IDTable()
    private(set) var lastChat: ContiguousArray<Int64> = []
    private(set) var managers: ContiguousArray<UInt32> = []
    /// Channel bits: names, blocked, verified, each a mask over interned channel names.
    private(set) var channelNames: ContiguousArray<UInt32> = []
    private(set) var channelBlocked: ContiguousArray<UInt32> = []
    private(set) var channelVerified: ContiguousArray<UInt32> = []
    /// A bit per document number, set while its document is alive.
    private(set) var alive: ContiguousArray<UInt64> = []
    private(set) var aliveCount = 0
    private var managerNames = NameTable()
    private(set) var channelIDs: [String: UInt32] = [:]

    /// Number of document numbers given out, alive or not.
    var count: Int { entries.count }

    /// Bytes held, for memory estimates.
    var memoryBytes: Int {
        entries.memoryBytes + count * (8 + 4 + 12) + alive.capacity * 8 + byID.memoryBytes
    }

    /// The channel bit of a name, when it has one (the first 32 channel names do).
    func channelBit(_ name: String) -> UInt32? {
        channelIDs[name].map { 1 << $0 }
    }

    /// The interned id of a contact manager, when known.
    func managerID(_ name: String) -> UInt32? { managerNames.id(name) }

    /// The live document of an id.
    func document(id: String) -> UInt32? {
        var id = id
        return id.withUTF8 { byID.find($0, in: entries) }
    }

    /// The id of a document.
    func id(_ doc: UInt32) -> String { entries.id(doc) }

    /// Appends a document and gives its number; no live document may have its id.
    mutating func append(_ contact: Contact) -> UInt32 {
        append(contact, entry: StoredEntries.entry(of: contact))
    }

    /// Appends a document whose stored entry is made (`StoredEntries.entry(of:)`).
    mutating func append(_ contact: Contact, entry: [UInt8]) -> UInt32 {
        let doc = UInt32(entries.count)
        entries.append(entry: entry)
        byID.insert(doc, in: entries)
        lastChat.append(contact.lastChatMillis ?? Int64.min)
        managers.append(contact.contactManager.map { managerNames.intern($0) } ?? 0)
        var names: UInt32 = 0, blocked: UInt32 = 0, verified: UInt32 = 0
        for channel in contact.channels {
            if channelIDs[channel.name] == nil, channelIDs.count < 32 { channelIDs[channel.name] = UInt32(channelIDs.count) }
            guard let bit = channelBit(channel.name) else { continue }
            names |= bit
            if channel.blocked { blocked |= bit }
            if channel.verified { verified |= bit }
        }
        channelNames.append(names)
        channelBlocked.append(blocked)
        channelVerified.append(verified)
        markAlive(doc)
        return doc
    }

    /// Sets the alive bit of the document just appended.
    private mutating func markAlive(_ doc: UInt32) {
        if Int(doc) / 64 >= alive.count { alive.append(0) }
        alive[Int(doc) / 64] |= 1 << UInt64(doc % 64)
        aliveCount += 1
    }

    /// What a rebuild reads of a table. The entries, the alive bits and the interned names are
    /// shared copy-on-write; the per-document columns are copied a chunk at a time (`copyColumns`),
    /// so that a write during the rebuild does not copy them whole.
    struct Columns {
        let entries: StoredEntries
        let alive: ContiguousArray<UInt64>
        fileprivate let managerNames: NameTable
        fileprivate let channelIDs: [String: UInt32]
        fileprivate(set) var lastChat: ContiguousArray<Int64> = []
        fileprivate var managers: ContiguousArray<UInt32> = []
        fileprivate var channelNames: ContiguousArray<UInt32> = []
        fileprivate var channelBlocked: ContiguousArray<UInt32> = []
        fileprivate var channelVerified: ContiguousArray<UInt32> = []

        /// Number of documents, alive or not, when the copy began.
        var count: Int { entries.count }
        /// Number of documents whose columns are copied.
        var copied: Int { lastChat.count }
    }

    /// The start of a rebuild's copy of the table: its columns are still to copy.
    var columnsToCopy: Columns {
        Columns(entries: entries, alive: alive, managerNames: managerNames, channelIDs: channelIDs)
    }

    /// Copies the columns of up to `limit` more documents into `columns`.
    func copyColumns(into columns: inout Columns, limit: Int) {
        let range = columns.copied..<min(columns.count, columns.copied + limit)
        columns.lastChat += lastChat[range]
        columns.managers += managers[range]
        columns.channelNames += channelNames[range]
        columns.channelBlocked += channelBlocked[range]
        columns.channelVerified += channelVerified[range]
    }

    /// An empty table.
    init() {}

    /// The documents of `columns` (copied whole) in `order` (old numbers), numbered from 0:
    /// entries copied as stored, columns and interned names carried over.
    init(renumbering columns: Columns, order: [UInt32]) {
        precondition(columns.copied == columns.count, "every column is copied")
        (managerNames, channelIDs) = (columns.managerNames, columns.channelIDs)
        for doc in order {
            let new = UInt32(entries.count)
            entries.append(copying: doc, from: columns.entries)
            byID.insert(new, in: entries)
            let i = Int(doc)
            lastChat.append(columns.lastChat[i])
            managers.append(columns.managers[i])
            channelNames.append(columns.channelNames[i])
            channelBlocked.append(columns.channelBlocked[i])
            channelVerified.append(columns.channelVerified[i])
            markAlive(new)
        }
    }

    /// The documents whose bits are set in `alive` (a copy of a table's), below `count`, in order.
    static func documents(alive: ContiguousArray<UInt64>, count: Int) -> [UInt32] {
        (0..<UInt32(count)).filter { DocumentBitmap.contains($0, in: alive) }
    }

    /// Marks a document deleted.
    mutating func kill(_ doc: UInt32) {
        guard isAlive(doc) else { return }
        byID.remove(doc, in: entries)
        alive[Int(doc) / 64] &= ~(1 << UInt64(doc % 64))
        aliveCount -= 1
    }

    @inline(__always)
    func isAlive(_ doc: UInt32) -> Bool {
        alive[Int(doc) / 64] & (1 << UInt64(doc % 64)) != 0
    }

    /// The stored JSON text of a document.
    func json(_ doc: UInt32) -> [UInt8] { entries.json(doc) }

    /// Calls `body` with the stored JSON text of a document and its `FieldSpans` record.
    @inline(__always)
    func withFields<R>(_ doc: UInt32, _ body: (_ json: [UInt8], _ record: UnsafeBufferPointer<UInt8>) -> R) -> R {
        entries.withFields(doc, body)
    }

    /// The stored contact of a document.
    func contact(_ doc: UInt32) -> Contact { entries.contact(doc) }
}

extension DocumentTable {
    /// What `encode` writes, in buffers of its own (the lookup by id, which a reader makes
    /// again, is left out), for a snapshot's image.
    func snapshotCopy() -> DocumentTable {
        var copy = self
        (copy.entries, copy.byID, copy.lastChat) = (entries.snapshotCopy(), IDTable(), lastChat.snapshotCopy())
        (copy.managers, copy.channelNames) = (managers.snapshotCopy(), channelNames.snapshotCopy())
        (copy.channelBlocked, copy.channelVerified) = (channelBlocked.snapshotCopy(), channelVerified.snapshotCopy())
        copy.alive = alive.snapshotCopy()
        return copy
    }

    /// Writes the table to a snapshot.
    func encode(_ out: SectionStream) throws(ContactIndexError) {
        try entries.encode(out)
        try out.array(lastChat)
        try out.array(managers)
        try out.array(channelNames)
        try out.array(channelBlocked)
        try out.array(channelVerified)
        try out.array(alive)
        try out.u64(UInt64(aliveCount))
        for interned in [managerNames.ids, channelIDs] {
            let keys = interned.keys.sorted()
            try out.strings(keys)
            try out.array(ContiguousArray(keys.map { interned[$0]! }))
        }
    }

    /// Reads a table written by `encode`.
    init?(decoding reader: inout ByteReader) {
        guard let entries = StoredEntries(decoding: &reader), let lastChat = reader.array(Int64.self, growing: true),
              let managers = reader.array(UInt32.self, growing: true), let channelNames = reader.array(UInt32.self, growing: true),
              let channelBlocked = reader.array(UInt32.self, growing: true),
              let channelVerified = reader.array(UInt32.self, growing: true),
              let alive = reader.array(UInt64.self, growing: true), let aliveCount = reader.u64()
        else { return nil }
        let count = entries.count
        guard [lastChat.count, managers.count, channelNames.count, channelBlocked.count, channelVerified.count].allSatisfy({ $0 == count }),
              alive.count * 64 >= count
        else { return nil }
        var interned: [[String: UInt32]] = []
        for _ in 0..<2 {
            guard let keys = reader.strings(), let values = reader.array(UInt32.self), keys.count == values.count else { return nil }
            interned.append(Dictionary(zip(keys, values), uniquingKeysWith: { first, _ in first }))
        }
        self.init()
        (self.entries, self.lastChat, self.managers) = (entries, lastChat, managers)
        (self.channelNames, self.channelBlocked, self.channelVerified) = (channelNames, channelBlocked, channelVerified)
        (self.alive, self.aliveCount) = (alive, Int(aliveCount))
        guard let managerNames = NameTable(ids: interned[0]) else { return nil }
        (self.managerNames, channelIDs) = (managerNames, interned[1])
        for doc in 0..<UInt32(count) where isAlive(doc) {
            guard entries.withID(doc, { byID.find($0, in: entries) }) == nil else { return nil }
            byID.insert(doc, in: entries)
        }
    }
}
