/// Giving back the spare capacity that appends leave in lists (up to half again their size), in
/// parts, so that a writer holding the index's lock can let searches in between parts.
enum Compaction {
    /// The parts a compaction is cut into: each holds the lock for a few milliseconds at a
    /// million contacts.
    static let parts = 64

    /// The items of `part` when `count` items are cut into `parts`.
    static func range(part: Int, count: Int) -> Range<Int> {
        (count * part / parts)..<(count * (part + 1) / parts)
    }
}

extension ContiguousArray {
    /// A copy holding no spare capacity: lists grown by appends keep up to half again their size
    /// unused, and an index holds hundreds of thousands of them.
    func exactCapacityCopy() -> ContiguousArray {
        guard capacity > count else { return self }
        return copy(capacity: count)
    }

    /// A copy whose spare capacity is a sixteenth of its count, for a column that every write
    /// appends to: the first writes after a bulk load then copy nothing, and the capacity
    /// depends on the count alone, not on how appends and the allocator grew it.
    func slightlySpareCopy() -> ContiguousArray {
        copy(capacity: Self.slightlySpareCapacity(count))
    }

    /// The capacity `slightlySpareCopy` gives `count` elements (a snapshot's read gives the same).
    static func slightlySpareCapacity(_ count: Int) -> Int {
        count + count / 16 + 16
    }

    /// A copy in a buffer of its own, holding no spare capacity: a snapshot's image takes one so
    /// that the index it was taken from keeps its buffers to itself, and writes copy nothing.
    func snapshotCopy() -> ContiguousArray {
        copy(capacity: count)
    }

    private func copy(capacity: Int) -> ContiguousArray {
        withUnsafeBufferPointer { source in
            ContiguousArray(unsafeUninitializedCapacity: capacity) { buffer, initialized in
                _ = buffer.initialize(fromContentsOf: source)
                initialized = source.count
            }
        }
    }
}

extension Array {
    /// A copy holding no spare capacity (see `ContiguousArray.exactCapacityCopy`).
    func exactCapacityCopy() -> Array {
        capacity > count ? Array(ContiguousArray(self).exactCapacityCopy()) : self
    }

    /// A copy in a buffer of its own (see `ContiguousArray.snapshotCopy`); elements that are
    /// buffers themselves stay shared.
    func snapshotCopy() -> Array {
        withUnsafeBufferPointer { Array($0) }
    }
}
