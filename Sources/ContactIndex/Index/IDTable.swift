/// The live documents by contact id: document numbers under the hash of their id
/// (`TaggedSlots`), whose ids are read from the document table's id column.
struct IDTable {
    private var slots = TaggedSlots()

    /// Bytes held, for memory estimates.
    var memoryBytes: Int { slots.memoryBytes }

    /// The id's tag: FNV-1a over its bytes, mixed so that the low bits (the home slot) spread.
    static func tag(_ id: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in id { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return UInt32(truncatingIfNeeded: ((h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9) >> 32)
    }

    /// The document holding an id.
    func find(_ id: UnsafeBufferPointer<UInt8>, ids: StringColumn) -> UInt32? {
        var found: UInt32?
        slots.forEach(tag: Self.tag(id)) { doc in
            if ids.equals(Int(doc), id) { found = doc }
            return found == nil
        }
        return found
    }

    /// Adds a document whose id (its row in `ids`) the table does not hold yet.
    mutating func insert(_ doc: UInt32, ids: StringColumn) {
        slots.insert(tag: ids.withBytes(Int(doc)) { Self.tag($0) }, doc: doc)
    }

    /// Removes a document the table holds.
    mutating func remove(_ doc: UInt32, ids: StringColumn) {
        slots.remove(tag: ids.withBytes(Int(doc)) { Self.tag($0) }, doc: doc)
    }
}
