/// The live documents by contact id: an open-addressing table of document numbers, whose ids are
/// read from the document table's id column.
///
/// A slot holds `tag << 32 | doc + 1` (0 is empty), the tag being the id's 32-bit hash: probes
/// compare tags before reading an id, and growing the table reads none. Deletion shifts the
/// following entries back (linear probing without tombstones).
struct IDTable {
    private var slots = ContiguousArray<UInt64>(repeating: 0, count: 16)
    /// Number of documents held.
    private(set) var count = 0

    /// Bytes held, for memory estimates.
    var memoryBytes: Int { slots.capacity * 8 }

    /// The id's tag: FNV-1a over its bytes, mixed so that the low bits (the home slot) spread.
    static func tag(_ id: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in id { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return UInt32(truncatingIfNeeded: ((h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9) >> 32)
    }

    /// The document holding an id.
    func find(_ id: UnsafeBufferPointer<UInt8>, ids: StringColumn) -> UInt32? {
        let tag = Self.tag(id)
        let mask = slots.count - 1
        var slot = Int(tag) & mask
        while slots[slot] != 0 {
            let entry = slots[slot]
            if UInt32(entry >> 32) == tag {
                let doc = Int(entry & 0xFFFF_FFFF) - 1
                if ids.equals(doc, id) { return UInt32(doc) }
            }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Adds a document whose id (its row in `ids`) the table does not hold yet.
    mutating func insert(_ doc: UInt32, ids: StringColumn) {
        if (count + 1) * 2 > slots.count { grow() }
        let tag = ids.withBytes(Int(doc)) { Self.tag($0) }
        place(UInt64(tag) << 32 | UInt64(doc + 1))
        count += 1
    }

    /// Removes a document the table holds.
    mutating func remove(_ doc: UInt32, ids: StringColumn) {
        let tag = ids.withBytes(Int(doc)) { Self.tag($0) }
        let mask = slots.count - 1
        let entry = UInt64(tag) << 32 | UInt64(doc + 1)
        var hole = Int(tag) & mask
        while slots[hole] != entry {
            guard slots[hole] != 0 else { return }
            hole = (hole + 1) & mask
        }
        var next = hole
        while true {
            next = (next + 1) & mask
            let moving = slots[next]
            if moving == 0 { break }
            let home = Int(moving >> 32) & mask
            if (next - home) & mask >= (next - hole) & mask {
                slots[hole] = moving
                hole = next
            }
        }
        slots[hole] = 0
        count -= 1
    }

    private mutating func place(_ entry: UInt64) {
        let mask = slots.count - 1
        var slot = Int(entry >> 32) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
    }

    private mutating func grow() {
        let old = slots
        slots = ContiguousArray(repeating: 0, count: old.count * 2)
        for entry in old where entry != 0 { place(entry) }
    }
}
