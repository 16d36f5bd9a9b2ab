/// Exact lookup of contacts by identity key (an email's key, a phone's E.164 form): document
/// numbers under 32 bits of the key's hash (`TaggedSlots`), a key that several contacts share
/// having a slot for each. Callers check the documents found against their stored values, so a
/// tag shared by two keys can never return a wrong contact. A snapshot stores the slots as they are.
struct IdentityIndex {
    private var slots = TaggedSlots()

    /// Bytes held, for memory estimates.
    var memoryBytes: Int { slots.memoryBytes }

    /// A key's tag, over its UTF-8 bytes.
    static func tag(_ key: String) -> UInt32 {
        var key = key
        return key.withUTF8(TaggedSlots.tag)
    }

    mutating func insert(_ key: String, _ doc: UInt32) {
        slots.insert(tag: Self.tag(key), doc: doc)
    }

    /// Removes one slot of the key for the document, when there is one.
    mutating func remove(_ key: String, _ doc: UInt32) {
        slots.remove(tag: Self.tag(key), doc: doc)
    }

    /// Documents that may hold the key, each once, in document order.
    func candidates(_ key: String) -> [UInt32] {
        var found: [UInt32] = []
        slots.forEach(tag: Self.tag(key)) { doc in
            found.append(doc)
            return true
        }
        found.sort()
        var kept = 0
        for i in found.indices where kept == 0 || found[i] != found[kept - 1] {
            found[kept] = found[i]
            kept += 1
        }
        found.removeLast(found.count - kept)
        return found
    }

    /// Number of slots; growing doubles it and moves every entry.
    var slotCount: Int { slots.slotCount }

    /// Appends the entries of the slots in `range` whose documents the renumbering keeps,
    /// renumbered (a rebuild's, which reads the slots a chunk at a time while removals leave
    /// entries in place).
    func appendRenumbered(slots range: Range<Int>, _ renumbering: Renumbering, to out: inout [UInt64]) {
        slots.appendRenumbered(slots: range, renumbering, to: &out)
    }

    /// An empty lookup.
    init() {}

    /// A lookup of `slotCount` slots holding entries that `appendRenumbered` gave.
    init(renumberedEntries entries: [UInt64], slotCount: Int) {
        slots = TaggedSlots(entries: entries, slotCount: slotCount)
    }

    /// Whether every document the lookup holds is below `limit` (a check of a decoded image).
    func documentsAreBelow(_ limit: UInt32) -> Bool { slots.documentsAreBelow(limit) }
}

extension IdentityIndex {
    /// The lookup in buffers of its own, for a snapshot's image.
    func snapshotCopy() -> IdentityIndex {
        var copy = self
        copy.slots = slots.snapshotCopy()
        return copy
    }

    /// Writes the lookup to a snapshot: its slots as they are.
    func encode(_ out: SectionStream) throws(ContactIndexError) {
        try out.array(slots.slots)
    }

    /// Reads a lookup written by `encode`.
    init?(decoding reader: inout ByteReader) {
        guard let array = reader.array(UInt64.self), let slots = TaggedSlots(slots: array) else { return nil }
        self.slots = slots
    }
}
