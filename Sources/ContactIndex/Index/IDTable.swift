/// The live documents by contact id: document numbers under the hash of their id
/// (`TaggedSlots`), whose ids are read from the document table's id column.
struct IDTable {
    private var slots = TaggedSlots()

    /// Bytes held, for memory estimates.
    var memoryBytes: Int { slots.memoryBytes }

    /// The document holding an id.
    func find(_ id: UnsafeBufferPointer<UInt8>, ids: StringColumn) -> UInt32? {
        var found: UInt32?
        slots.forEach(tag: TaggedSlots.tag(id)) { doc in
            if ids.equals(Int(doc), id) { found = doc }
            return found == nil
        }
        return found
    }

    /// Adds a document whose id (its row in `ids`) the table does not hold yet.
    mutating func insert(_ doc: UInt32, ids: StringColumn) {
        slots.insert(tag: ids.withBytes(Int(doc), TaggedSlots.tag), doc: doc)
    }

    /// Removes a document the table holds.
    mutating func remove(_ doc: UInt32, ids: StringColumn) {
        slots.remove(tag: ids.withBytes(Int(doc), TaggedSlots.tag), doc: doc)
    }
}
