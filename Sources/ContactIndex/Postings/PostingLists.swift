/// The postings of every term: which documents hold the term, and where (field and position).
///
/// A posting is packed in 32 bits, `doc << 8 | info`, and a term's postings are in increasing
/// document order because documents are only appended. Most terms (phone-like usernames, whole
/// emails) have one posting, kept inline; longer lists live in `overflow`.
///
///     first[term]    = posting, or `UInt32.max` when none
///     overflow[more[term]] = the postings after the first
struct PostingLists {
    private(set) var first: ContiguousArray<UInt32> = []
    private var more: ContiguousArray<Int32> = []
    private var overflow = ListTable()
    /// Number of postings.
    private(set) var count = 0
    /// Where a document's `append` leaves the lengths it read ahead, so that the reads stay.
    private var touchedLengths = 0

    /// The largest document number a posting can hold.
    static let maximumDocument = (1 << 24) - 1

    static func pack(doc: UInt32, info: KeyInfo) -> UInt32 { doc << 8 | UInt32(info.raw) }
    static func doc(_ posting: UInt32) -> UInt32 { posting >> 8 }
    static func info(_ posting: UInt32) -> KeyInfo { KeyInfo(raw: UInt8(truncatingIfNeeded: posting)) }

    /// Bytes held, for memory estimates.
    var memoryBytes: Int {
        first.capacity * 4 + more.capacity * 4 + overflow.memoryBytes
    }

    /// Gives back the spare capacity of one part of the lists (see `Compaction`); the last part
    /// also compacts the per-term tables, but a sixteenth, as the term dictionary keeps its own:
    /// the first new terms after a bulk load then copy nothing.
    mutating func compact(part: Int) {
        overflow.compact(Compaction.range(part: part, count: overflow.count))
        if part == Compaction.parts - 1 {
            first = first.slightlySpareCopy()
            more = more.slightlySpareCopy()
            overflow.compactTable()
        }
    }

    /// Appends a posting to a term; documents must come in increasing order.
    private mutating func append(term: UInt32, posting: UInt32) {
        let t = Int(term)
        while first.count <= t {
            first.append(UInt32.max)
            more.append(-1)
        }
        count += 1
        if first[t] == UInt32.max {
            first[t] = posting
        } else if more[t] < 0 {
            more[t] = Int32(overflow.count)
            overflow.appendList([posting])
        } else {
            overflow.append(posting, to: Int(more[t]))
        }
    }

    /// Appends one document's postings, at most one per term; documents must come in increasing
    /// order.
    mutating func append(_ postings: [(term: UInt32, posting: UInt32)]) {
        // The first touch of each term's list is a cache miss. Reading the lists' lengths first,
        // loads that wait on no other, lets the misses overlap instead of following one another.
        var lengths = 0
        for (term, _) in postings where Int(term) < more.count && more[Int(term)] >= 0 {
            lengths &+= overflow[Int(more[Int(term)])].count
        }
        touchedLengths = lengths
        for (term, posting) in postings { append(term: term, posting: posting) }
    }

    /// Appends the postings of the next term (the id `first.count`), in document order, one or
    /// more (a rebuild's).
    mutating func appendTerm(_ postings: UnsafeBufferPointer<UInt32>) {
        precondition(!postings.isEmpty, "a term has a posting")
        first.append(postings[0])
        if postings.count > 1 {
            more.append(Int32(overflow.count))
            overflow.appendList(ContiguousArray(postings[1...]))
        } else {
            more.append(-1)
        }
        count += postings.count
    }

    /// Number of postings of a term.
    func count(of term: UInt32) -> Int {
        let t = Int(term)
        guard t < first.count, first[t] != UInt32.max else { return 0 }
        return more[t] < 0 ? 1 : 1 + overflow[Int(more[t])].count
    }

    /// Appends to `entries` each posting of the terms whose field is in `fieldMask`, with `bits`
    /// set. Where a term's postings lie is read for a group of terms before any posting is: the
    /// cache misses of a prefix's many terms then overlap instead of following one another.
    func append(ofTerms terms: UnsafeBufferPointer<UInt32>, fieldMask: UInt8, setting bits: UInt32, to entries: inout [UInt32]) {
        let group = 64
        first.withUnsafeBufferPointer { first in
            more.withUnsafeBufferPointer { more in
                withUnsafeTemporaryAllocation(of: (head: UInt32, list: Int32).self, capacity: group) { heads in
                    var start = 0
                    while start < terms.count {
                        let n = min(group, terms.count - start)
                        for k in 0..<n {
                            let t = Int(terms[start + k])
                            heads[k] = t < first.count ? (first[t], more[t]) : (UInt32.max, -1)
                        }
                        for k in 0..<n where heads[k].head != UInt32.max {
                            let head = heads[k].head
                            if WordMatches.isInFields(head, fieldMask) { entries.append(head | bits) }
                            if heads[k].list >= 0 {
                                overflow[Int(heads[k].list)].withUnsafeBufferPointer { list in
                                    for p in list where WordMatches.isInFields(p, fieldMask) { entries.append(p | bits) }
                                }
                            }
                        }
                        start += n
                    }
                }
            }
        }
    }

    /// Calls `body` with each posting of a term, in document order.
    @inline(__always)
    func forEach(of term: UInt32, _ body: (UInt32) -> Void) {
        let t = Int(term)
        guard t < first.count, first[t] != UInt32.max else { return }
        body(first[t])
        if more[t] >= 0 {
            overflow[Int(more[t])].withUnsafeBufferPointer { for p in $0 { body(p) } }
        }
    }
}

extension PostingLists {
    /// What `encode` writes, in buffers of its own (each overflow list stays shared), for a
    /// snapshot's image.
    func snapshotCopy() -> PostingLists {
        var copy = self
        (copy.first, copy.more, copy.overflow) = (first.snapshotCopy(), more.snapshotCopy(), overflow.snapshotCopy())
        return copy
    }

    /// Writes the postings to a snapshot.
    func encode(_ out: SectionStream) throws(ContactIndexError) {
        try out.u64(UInt64(count))
        try out.array(first)
        try out.array(more)
        try out.lists(overflow.lists)
    }

    /// Reads postings written by `encode`.
    init?(decoding reader: inout ByteReader) {
        guard let count = reader.u64(), let first = reader.array(UInt32.self, growing: true), let more = reader.array(Int32.self, growing: true),
              let overflow = reader.lists(), first.count == more.count
        else { return nil }
        self.init()
        (self.count, self.first, self.more, self.overflow) = (Int(count), first, more, ListTable(overflow))
    }
}
