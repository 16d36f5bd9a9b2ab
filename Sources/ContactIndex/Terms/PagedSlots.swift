/// The slots of an open-addressing hash table (32-bit entries, 0 for empty) in pages of 16,384,
/// each allocated when first written: a table that doubles allocates nothing up front, so the
/// write that doubles it does not zero tens of megabytes (41 ms for 64 MB here) while it holds
/// the index's lock.
struct PagedSlots {
    private static let pageShift = 14
    private static let pageMask = (1 << pageShift) - 1
    private var pages: [ContiguousArray<UInt32>?]
    /// Number of slots, a power of two.
    let count: Int

    /// `count` empty slots; `count` is a power of two.
    init(count: Int) {
        precondition(count > 0 && count.nonzeroBitCount == 1, "a table's slots are a power of two")
        self.count = count
        pages = Array(repeating: nil, count: max(1, count >> Self.pageShift))
    }

    /// The slots of a flat table (a snapshot's), whose count is a power of two.
    init(_ flat: ContiguousArray<UInt32>) {
        self.init(count: flat.count)
        let size = pageSize
        for page in pages.indices {
            let slots = flat[(page * size)..<((page + 1) * size)]
            if slots.contains(where: { $0 != 0 }) { pages[page] = ContiguousArray(slots) }
        }
    }

    /// Slots per page: 16,384, or all of them in a smaller table.
    private var pageSize: Int { min(count, 1 << Self.pageShift) }

    /// The entry of a slot.
    subscript(slot: Int) -> UInt32 {
        @inline(__always) get { pages[slot >> Self.pageShift]?[slot & Self.pageMask] ?? 0 }
    }

    /// Sets the entry of a slot.
    mutating func set(_ slot: Int, _ entry: UInt32) {
        let page = slot >> Self.pageShift
        if pages[page] == nil { pages[page] = ContiguousArray(repeating: 0, count: pageSize) }
        pages[page]![slot & Self.pageMask] = entry
    }

    /// Every slot in order, as a snapshot keeps them.
    var flat: ContiguousArray<UInt32> {
        var out = ContiguousArray<UInt32>()
        out.reserveCapacity(count)
        for page in pages {
            if let page { out += page } else { out += repeatElement(0, count: pageSize) }
        }
        return out
    }

    /// Bytes held, for memory estimates.
    var memoryBytes: Int {
        pages.reduce(pages.count * 8) { $0 + ($1?.capacity ?? 0) * 4 }
    }

    /// The slots in buffers of their own, for a snapshot's image.
    func snapshotCopy() -> PagedSlots {
        var copy = self
        copy.pages = pages.map { $0?.snapshotCopy() }
        return copy
    }
}
