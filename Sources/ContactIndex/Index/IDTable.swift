/// The live documents by contact id: document numbers under the hash of their id
/// (`TaggedSlots`), whose ids are read from their stored entries.
struct IDTable {
    private var slots = TaggedSlots()

    /// Bytes held, for memory estimates.
    var memoryBytes: Int { slots.memoryBytes }

    /// The document holding an id.
    func find(_ id: UnsafeBufferPointer<UInt8>, in entries: StoredEntries) -> UInt32? {
        var found: UInt32?
        slots.forEach(tag: TaggedSlots.tag(id)) { doc in
            if entries.idEquals(doc, id) { found = doc }
            return found == nil
        }
        return found
    }

    /// Adds a document whose id (in its entry) the table does not hold yet.
    mutating func insert(_ doc: UInt32, in entries: StoredEntries) {
        slots.insert(tag: entries.withID(doc, TaggedSlots.tag), doc: doc)
    }

    /// Removes a document the table holds.
    mutating func remove(_ doc: UInt32, in entries: StoredEntries) {
        slots.remove(tag: entries.withID(doc, TaggedSlots.tag), doc: doc)
    }
}
