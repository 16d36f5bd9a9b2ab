/// Exact lookup of contacts by identity key (an email's key, a phone's E.164 form).
///
/// An open-addressing table of `tag << 32 | doc + 1` (0 is empty), the tag being 32 bits of the
/// key's hash: a key that several contacts share has a slot for each. Callers check the
/// documents found against their stored values, so a tag shared by two keys can never return a
/// wrong contact. Deletion shifts the following entries back (linear probing without
/// tombstones); the table grows past three quarters full, and a snapshot stores it as it is.
struct IdentityIndex {
    private var slots = ContiguousArray<UInt64>(repeating: 0, count: 16)
    private var count = 0

    /// Bytes held, for memory estimates.
    var memoryBytes: Int { slots.capacity * 8 }

    /// A key's tag: FNV-1a over its UTF-8 bytes, mixed; stable across runs, as snapshots keep it.
    static func tag(_ key: String) -> UInt32 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in key.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return UInt32(truncatingIfNeeded: ((h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9) >> 32)
    }

    mutating func insert(_ key: String, _ doc: UInt32) {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        place(UInt64(Self.tag(key)) << 32 | UInt64(doc + 1))
        count += 1
    }

    /// Removes one slot of the key for the document, when there is one.
    mutating func remove(_ key: String, _ doc: UInt32) {
        let tag = Self.tag(key)
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

    /// Documents that may hold the key, each once.
    func candidates(_ key: String) -> [UInt32] {
        let tag = Self.tag(key)
        let mask = slots.count - 1
        var slot = Int(tag) & mask
        var found: [UInt32] = []
        while slots[slot] != 0 {
            let entry = slots[slot]
            let doc = UInt32(truncatingIfNeeded: entry) &- 1
            if UInt32(entry >> 32) == tag, !found.contains(doc) { found.append(doc) }
            slot = (slot + 1) & mask
        }
        return found
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

extension IdentityIndex {
    /// Writes the lookup to a snapshot: its slots as they are.
    func encode(_ out: SectionStream) throws(ContactIndexError) {
        try out.array(slots)
    }

    /// Reads a lookup written by `encode`; nil unless it has a power-of-two size and a quarter
    /// of its slots free (so that every probe ends).
    init?(decoding reader: inout ByteReader) {
        guard let slots = reader.array(UInt64.self), slots.count >= 16, slots.count.nonzeroBitCount == 1 else { return nil }
        let count = slots.reduce(0) { $0 + ($1 == 0 ? 0 : 1) }
        guard count * 4 <= slots.count * 3 else { return nil }
        (self.slots, self.count) = (slots, count)
    }

    /// Whether every document the lookup holds is below `limit` (a check of a decoded image).
    func documentsAreBelow(_ limit: UInt32) -> Bool {
        slots.allSatisfy { $0 == 0 || UInt32(truncatingIfNeeded: $0) &- 1 < limit }
    }
}
