/// What the conversation index keeps of each document beside its search view: the stored JSON,
/// the columns that filters and history read, and for each agent, tag and contact the sorted
/// list of its documents. Document numbers are those of the search view's index; a deleted
/// document stays in the lists until the next rebuild, and readers check that it is alive.
struct ConversationTable {
    private var stored: ContiguousArray<UInt64> = []
    private var arena = ByteArena()
    /// Kind (bit 0: call) and status (bits 1–2) of each document.
    private(set) var flags: ContiguousArray<UInt8> = []
    private(set) var channels: ContiguousArray<UInt32> = []
    private(set) var departments: ContiguousArray<UInt32> = []
    private(set) var contacts: ContiguousArray<UInt32> = []
    private(set) var createdAt: ContiguousArray<Int64> = []
    /// `Int64.min` while not closed.
    private(set) var closedAt: ContiguousArray<Int64> = []
    private(set) var ids: [String] = []

    private(set) var channelNames = NameTable()
    private(set) var departmentNames = NameTable()
    private(set) var agentNames = NameTable()
    private(set) var tagNames = NameTable()
    private(set) var contactNames = NameTable()
    private(set) var byAgent: [UInt32: ContiguousArray<UInt32>] = [:]
    private(set) var byTag: [UInt32: ContiguousArray<UInt32>] = [:]
    private(set) var byContact: [UInt32: ContiguousArray<UInt32>] = [:]

    /// Number of documents, alive or not.
    var count: Int { stored.count }

    /// Appends the columns of document `doc`, which must be the next number.
    mutating func append(_ conversation: Conversation, doc: UInt32) {
        precondition(Int(doc) == count, "conversation columns follow the search view's document numbers")
        stored.append(arena.append(conversation.jsonBytes))
        flags.append(Self.flags(conversation.kind, conversation.status))
        channels.append(conversation.channel.map { channelNames.intern($0) } ?? 0)
        departments.append(conversation.department.map { departmentNames.intern($0) } ?? 0)
        let contact = contactNames.intern(conversation.contactID)
        contacts.append(contact)
        createdAt.append(conversation.createdAtMillis)
        closedAt.append(conversation.closedAtMillis ?? Int64.min)
        ids.append(conversation.id)
        byContact[contact, default: []].append(doc)
        for agent in Set(conversation.agents) { byAgent[agentNames.intern(agent), default: []].append(doc) }
        for tag in Set(conversation.tags) { byTag[tagNames.intern(tag), default: []].append(doc) }
    }

    /// The packed kind and status.
    static func flags(_ kind: ConversationKind, _ status: ConversationStatus) -> UInt8 {
        let statusBits: UInt8
        switch status {
        case .open: statusBits = 0
        case .onhold: statusBits = 1
        case .closed: statusBits = 2
        }
        return (kind == .call ? 1 : 0) | statusBits << 1
    }

    /// The stored JSON bytes of a document.
    func withJSON<R>(_ doc: UInt32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        arena.withBytes(stored[Int(doc)], body)
    }

    /// The stored conversation of a document.
    func conversation(_ doc: UInt32) -> Conversation {
        let json = withJSON(doc) { (try? JSONParser.parse($0)) ?? .object(JSONObject()) }
        return Conversation(canonical: json.objectValue ?? JSONObject())
    }

    /// The contact id of a document.
    func contactID(_ doc: UInt32) -> String { contactNames.name(contacts[Int(doc)]) }

    /// Whether a document is closed.
    func isClosed(_ doc: UInt32) -> Bool { flags[Int(doc)] >> 1 == 2 }

    /// The documents of a contact, alive or not.
    func documents(ofContact id: String) -> ContiguousArray<UInt32> {
        contactNames.id(id).flatMap { byContact[$0] } ?? []
    }

    /// Whether `viewer` may see document `doc`.
    func isVisible(_ doc: UInt32, to viewer: ConversationViewer) -> Bool {
        guard case .agent(let agent) = viewer else { return true }
        guard let id = agentNames.id(agent), let list = byAgent[id] else { return false }
        return DocumentRestriction(lists: [list]).isMember(doc)
    }

    /// Bytes held, for memory estimates.
    var memoryBytes: Int {
        let lists = [byAgent, byTag, byContact].reduce(0) { total, lists in
            lists.values.reduce(total) { $0 + 64 + $1.capacity * 4 }
        }
        return arena.memoryBytes + count * (8 + 1 + 4 + 4 + 4 + 8 + 8 + 16) + lists
            + ids.reduce(0) { $0 + ($1.utf8.count > 15 ? $1.utf8.count + 32 : 0) }
            + [channelNames, departmentNames, agentNames, tagNames, contactNames].reduce(0) { $0 + $1.memoryBytes }
    }

    /// The JSON of every alive document, in document order, in buffers of their own but the
    /// arena's full chunks (see `ByteArena.snapshotCopy`): the next write copies nothing.
    func records(isAlive: (UInt32) -> Bool) -> ConversationRecords {
        var locations = ContiguousArray<UInt64>()
        for doc in stored.indices where isAlive(UInt32(doc)) { locations.append(stored[doc]) }
        return ConversationRecords(arena: arena.snapshotCopy(), locations: locations)
    }

    /// The restriction of a search by who asks and by filters (empty for a manager without
    /// filters); nil when nothing can pass.
    func restriction(_ viewer: ConversationViewer, _ filter: ConversationFilter) -> DocumentRestriction? {
        var lists: [ContiguousArray<UInt32>] = []
        func list(_ names: NameTable, _ name: String, _ byName: [UInt32: ContiguousArray<UInt32>]) -> ContiguousArray<UInt32>? {
            names.id(name).flatMap { byName[$0] }
        }
        if case .agent(let agent) = viewer {
            guard let found = list(agentNames, agent, byAgent) else { return nil }
            lists.append(found)
        }
        if let agent = filter.agent {
            guard let found = list(agentNames, agent, byAgent) else { return nil }
            lists.append(found)
        }
        if let tag = filter.tag {
            guard let found = list(tagNames, tag, byTag) else { return nil }
            lists.append(found)
        }
        var channel: UInt32?
        if let name = filter.channel {
            guard let id = channelNames.id(name) else { return nil }
            channel = id
        }
        var department: UInt32?
        if let name = filter.department {
            guard let id = departmentNames.id(name) else { return nil }
            department = id
        }
        let kind: UInt8? = filter.kind.map { $0 == .call ? 1 : 0 }
        let status: UInt8? = filter.status.map { Self.flags(.chat, $0) >> 1 }
        let (created, closed) = (filter.createdAt, filter.closedAt)
        guard kind != nil || status != nil || channel != nil || department != nil || created != nil || closed != nil else {
            return DocumentRestriction(lists: lists)
        }
        let (flags, channels, departments, createdAt, closedAt) = (flags, channels, departments, createdAt, closedAt)
        return DocumentRestriction(lists: lists) { doc in
            let i = Int(doc)
            if let kind, flags[i] & 1 != kind { return false }
            if let status, flags[i] >> 1 != status { return false }
            if let channel, channels[i] != channel { return false }
            if let department, departments[i] != department { return false }
            if let created, !created.contains(createdAt[i]) { return false }
            if let closed, closedAt[i] == Int64.min || !closed.contains(closedAt[i]) { return false }
            return true
        }
    }
}

/// The stored JSON of conversations, captured for a snapshot.
struct ConversationRecords {
    let arena: ByteArena
    let locations: ContiguousArray<UInt64>

    /// Calls `body` with the JSON of conversation number `i`.
    func withJSON<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        arena.withBytes(locations[i], body)
    }
}
