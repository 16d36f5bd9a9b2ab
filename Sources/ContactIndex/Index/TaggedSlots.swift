/// An open-addressing table of document numbers under 32-bit tags (hashes of their keys): each
/// slot holds `tag << 32 | doc + 1`, 0 being empty. A probe starts at the tag's low bits and
/// compares tags before its owner reads any key; deletion shifts the following entries back
/// (linear probing without tombstones); the table doubles past three quarters full.
struct TaggedSlots {
    private(set) var slots = ContiguousArray<UInt64>(repeating: 0, count: 16)
    private(set) var count = 0

    init() {}

    /// Slots read back as they were written; nil unless their number is a power of two and a
    /// quarter of them are free (so that every probe ends).
    init?(slots: ContiguousArray<UInt64>) {
        guard slots.count >= 16, slots.count.nonzeroBitCount == 1 else { return nil }
        let count = slots.reduce(0) { $0 + ($1 == 0 ? 0 : 1) }
        guard count * 4 <= slots.count * 3 else { return nil }
        (self.slots, self.count) = (slots, count)
    }

    /// The tag of a key: FNV-1a over its bytes, mixed so that the low bits (the home slot)
    /// spread; stable across runs, as snapshots keep tags.
    static func tag(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in key { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return UInt32(truncatingIfNeeded: ((h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9) >> 32)
    }

    /// Bytes held, for memory estimates.
    var memoryBytes: Int { slots.capacity * 8 }

    /// The table in a buffer of its own, for a snapshot's image.
    func snapshotCopy() -> TaggedSlots {
        var copy = self
        copy.slots = slots.snapshotCopy()
        return copy
    }

    /// Adds a document under a tag (a tag may hold several, and a document twice).
    mutating func insert(tag: UInt32, doc: UInt32) {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        place(UInt64(tag) << 32 | UInt64(doc + 1))
        count += 1
    }

    /// Removes one slot of the document under the tag, when there is one.
    mutating func remove(tag: UInt32, doc: UInt32) {
        let entry = UInt64(tag) << 32 | UInt64(doc + 1)
        let mask = slots.count - 1
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

    /// Calls `body` with each document under the tag until it returns false.
    func forEach(tag: UInt32, _ body: (UInt32) -> Bool) {
        let mask = slots.count - 1
        var slot = Int(tag) & mask
        while slots[slot] != 0 {
            let entry = slots[slot]
            if UInt32(entry >> 32) == tag, !body(UInt32(truncatingIfNeeded: entry) &- 1) { return }
            slot = (slot + 1) & mask
        }
    }

    /// Number of slots; growing doubles it and moves every entry.
    var slotCount: Int { slots.count }

    /// Appends the entries of the slots in `range` whose documents the renumbering keeps,
    /// renumbered, as `tag << 32 | doc + 1` (a rebuild's).
    func appendRenumbered(slots range: Range<Int>, _ renumbering: Renumbering, to out: inout [UInt64]) {
        for entry in slots[range] where entry != 0 {
            if let doc = renumbering.new(UInt32(truncatingIfNeeded: entry) &- 1) { out.append(entry & 0xFFFF_FFFF_0000_0000 | UInt64(doc + 1)) }
        }
    }

    /// A table of `slotCount` slots holding `entries` (as `appendRenumbered` gives them, at most
    /// three quarters of the slots).
    init(entries: [UInt64], slotCount: Int) {
        precondition(slotCount >= 16 && slotCount.nonzeroBitCount == 1 && entries.count * 4 <= slotCount * 3)
        slots = ContiguousArray(repeating: 0, count: slotCount)
        for entry in entries { place(entry) }
        count = entries.count
    }

    /// Whether every document held is below `limit` (a check of slots read back).
    func documentsAreBelow(_ limit: UInt32) -> Bool {
        slots.allSatisfy { $0 == 0 || UInt32(truncatingIfNeeded: $0) &- 1 < limit }
    }

    private mutating func place(_ entry: UInt64) {
        let mask = slots.count - 1
        var slot = Int(entry >> 32) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
    }

    /// Doubles the table. Entries that share a tag (a key that many contacts share, such as a
    /// company's address) lie in one run of slots, and each would probe past all the ones placed
    /// before it: re-placing a key held by 1,800 contacts took 1.6 million probes, and a grow at
    /// 1.2 million contacts held the index's lock for 120 ms. Each entry probes on from the slot
    /// where the last entry of its tag went (every slot from its home to there is taken, and
    /// stays taken while the table grows), which a small table keyed by the tag's low byte keeps.
    private mutating func grow() {
        let old = slots
        slots = ContiguousArray(repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        withUnsafeTemporaryAllocation(of: (tag: UInt32, slot: Int).self, capacity: 256) { recent in
            recent.initialize(repeating: (0, -1))
            slots.withUnsafeMutableBufferPointer { slots in
                for entry in old where entry != 0 {
                    let tag = UInt32(entry >> 32)
                    let last = recent[Int(tag & 0xFF)]
                    var slot = last.tag == tag && last.slot >= 0 ? (last.slot + 1) & mask : Int(tag) & mask
                    while slots[slot] != 0 { slot = (slot + 1) & mask }
                    slots[slot] = entry
                    recent[Int(tag & 0xFF)] = (tag, slot)
                }
            }
        }
    }
}
