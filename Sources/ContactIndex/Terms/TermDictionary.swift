import Glibc

/// Every distinct key of the index, with an id, found by its bytes (a hash table) and in sorted
/// order (sorted blocks) for prefix ranges.
///
/// Key bytes live in one arena; a term id indexes `starts` and `lengths`. The hash table holds
/// `id + 1` (0 is empty) with open addressing. Sorted order is a list of blocks of ids, each
/// sorted by key bytes, split when full: inserting costs one block's move, not the whole list's.
/// New terms join the sorted order together, in key order, when a write ends (`sortNewTerms`).
struct TermDictionary {
    private(set) var arena: ContiguousArray<UInt8> = []
    private(set) var starts: ContiguousArray<UInt32> = []
    private(set) var lengths: ContiguousArray<UInt16> = []
    private var slots = PagedSlots(count: 1024)
    /// The table before the last doubling, which holds the terms below `end`, while they move
    /// to `slots` a few at each new key, in id order from `next` (see `moveSomeTerms`); a lookup
    /// looks in both. Doubling a table of millions of keys at once held the index's lock for
    /// 173 ms at 2 million keys and 392 ms at 4 million.
    private var draining: (slots: PagedSlots, next: UInt32, end: UInt32)?
    private(set) var blocks: [ContiguousArray<UInt32>] = [[]]
    /// Each block's last term (`UInt32.max` while empty).
    private var lasts: ContiguousArray<UInt32> = [UInt32.max]
    /// The `head` of each block's last key (`UInt64.max` while empty): finding a block compares
    /// these, in one array, and reads a key only when its head equals the one searched.
    private var lastHeads: ContiguousArray<UInt64> = [UInt64.max]
    private static let blockCapacity = 512
    /// Terms interned since the last `sortNewTerms`, not yet in the sorted blocks.
    private var unsorted: ContiguousArray<UInt32> = []
    /// The keys that typos may match, for the typo walk.
    private(set) var typoTrie = TypoTrie()

    /// Number of terms.
    var count: Int { starts.count }

    /// Bytes held, for memory estimates.
    var memoryBytes: Int {
        arena.capacity + starts.capacity * 4 + lengths.capacity * 2 + slots.memoryBytes + (draining?.slots.memoryBytes ?? 0) + count * 4
            + blocks.count * 60
            + typoTrie.memoryBytes
    }

    /// The bytes of a term.
    @inline(__always)
    func withKey<R>(_ id: UInt32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        arena.withUnsafeBufferPointer { buffer in
            let start = Int(starts[Int(id)])
            return body(UnsafeBufferPointer(rebasing: buffer[start..<(start + Int(lengths[Int(id)]))]))
        }
    }

    /// The key length of a term in bytes.
    func length(_ id: UInt32) -> Int { Int(lengths[Int(id)]) }

    /// The id of a key, or nil.
    func find(_ key: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let hash = Int(Self.hash(key))
        if let id = find(key, hash: hash, in: slots) { return id }
        guard let draining else { return nil }
        return find(key, hash: hash, in: draining.slots)
    }

    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: Int, in table: PagedSlots) -> UInt32? {
        let mask = table.count - 1
        var slot = hash & mask
        while true {
            let entry = table[slot]
            if entry == 0 { return nil }
            if equals(entry - 1, key) { return entry - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// The id of a key, added when new.
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        if let id = find(key) { return id }
        let id = UInt32(starts.count)
        starts.append(UInt32(arena.count))
        lengths.append(UInt16(min(key.count, Int(UInt16.max))))
        arena.append(contentsOf: key.prefix(Int(UInt16.max)))
        if starts.count * 2 > slots.count {
            moveSomeTerms(Int.max)
            draining = (slots, 0, id)
            slots = PagedSlots(count: slots.count * 2)
        }
        place(id)
        moveSomeTerms()
        unsorted.append(id)
        let stored = UnsafeBufferPointer(rebasing: key.prefix(Int(UInt16.max)))
        if Self.acceptsTypos(stored) {
            typoTrie.insert(stored, term: id)
        } else if Self.marksTypoTrie(stored) {
            typoTrie.mark(keyWithDigits: stored)
        }
        return id
    }

    /// Whether a key left out of the typo trie marks it: one with a digit and no `@`.
    private static func marksTypoTrie(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        !key.contains(UInt8(ascii: "@"))
    }

    /// Gives back the spare capacity of the key bytes and the per-term columns after a bulk load
    /// (grown by appends, they keep up to as much again unused), but a sixteenth.
    mutating func compact() {
        arena = arena.slightlySpareCopy()
        starts = starts.slightlySpareCopy()
        lengths = lengths.slightlySpareCopy()
    }

    /// Lays the typo trie out again for the walk (see `TypoTrie.compacted()`), after many keys
    /// joined it.
    mutating func compactTypoTrie() {
        typoTrie = compactedTypoTrie()
    }

    /// The typo trie laid out again, its marks made again from the keys with digits: each at the
    /// node its key's path reaches deepest now, no longer wherever the trie ended when it came.
    func compactedTypoTrie() -> TypoTrie {
        var trie = typoTrie.compacted()
        trie.removeMarks()
        for id in 0..<UInt32(count) {
            withKey(id) { key in
                if !Self.acceptsTypos(key), Self.marksTypoTrie(key) { trie.mark(keyWithDigits: key) }
            }
        }
        return trie
    }

    /// Puts in a trie compacted from this dictionary's at `termCount` terms, unless a key joined
    /// it since.
    mutating func replaceTypoTrie(with compacted: TypoTrie, madeAtTermCount termCount: Int) {
        guard termCount == count else { return }
        typoTrie = compacted
    }

    /// Whether folded bytes (a query word, a key) may take part in a typo match: not when they
    /// hold a digit or an `@`.
    static func acceptsTypos(_ bytes: some Sequence<UInt8>) -> Bool {
        !bytes.contains { $0 == UInt8(ascii: "@") || (0x30...0x39).contains($0) }
    }

    private mutating func place(_ id: UInt32) {
        let mask = slots.count - 1
        var slot = withKey(id) { Int(Self.hash($0)) } & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots.set(slot, id + 1)
    }

    /// Places the next `termCount` terms of the draining table in the table in use: 16 at each
    /// new key, so that they have all moved when the new table is 17/64 full, long before it
    /// doubles in turn. In id order, their keys are read one after another, as a whole rehash
    /// read them.
    private mutating func moveSomeTerms(_ termCount: Int = 16) {
        guard let (_, next, end) = draining else { return }
        let stop = termCount >= Int(end - next) ? end : next + UInt32(termCount)
        for id in next..<stop { place(id) }
        if stop == end { draining = nil } else { draining?.next = stop }
    }

    private func equals(_ id: UInt32, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard Int(lengths[Int(id)]) == key.count else { return false }
        return withKey(id) { stored in
            key.count == 0 || memcmp(stored.baseAddress!, key.baseAddress!, key.count) == 0
        }
    }

    /// FNV-1a, 32 bits.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in key { h = (h ^ UInt32(b)) &* 16_777_619 }
        return h
    }

    /// Orders a term against a key: negative, zero or positive.
    func compare(_ id: UInt32, _ key: UnsafeBufferPointer<UInt8>) -> Int {
        withKey(id) { ByteOrder.compare($0, key) }
    }

    /// The first position whose key is not below `key`, searched from block `start` on (every
    /// block before it holds smaller keys): from a start past the first block, galloping first,
    /// then a binary search.
    func lowerBound(_ key: UnsafeBufferPointer<UInt8>, fromBlock start: Int = 0) -> (block: Int, index: Int) {
        assert(unsorted.isEmpty, "prefix ranges read the sorted order after sortNewTerms")
        let keyHead = Self.head(key)
        func isBelow(_ block: Int) -> Bool {
            let head = lastHeads[block]
            guard head == keyHead else { return head < keyHead }
            let last = lasts[block]
            return last != UInt32.max && compare(last, key) < 0
        }
        var lo = start
        var hi = start == 0 ? blocks.count : start
        var step = 1
        while hi < blocks.count, isBelow(hi) {
            lo = hi + 1
            hi = start + step
            step *= 2
        }
        hi = min(hi, blocks.count)
        while lo < hi {
            let mid = (lo + hi) / 2
            if isBelow(mid) { lo = mid + 1 } else { hi = mid }
        }
        guard lo < blocks.count else { return (blocks.count, 0) }
        let block = blocks[lo]
        var a = 0
        var b = block.count
        while a < b {
            let mid = (a + b) / 2
            if compare(block[mid], key) < 0 { a = mid + 1 } else { b = mid }
        }
        return (lo, a)
    }

    /// The first eight bytes of a key as a big-endian word, zero-padded: heads in order are keys
    /// in order, and keys with equal heads are compared whole.
    @inline(__always)
    static func head(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var head: UInt64 = 0
        for i in 0..<8 { head = head << 8 | UInt64(i < key.count ? key[i] : 0) }
        return head
    }

    /// The head of a term's key.
    private func head(_ id: UInt32) -> UInt64 {
        id == UInt32.max ? UInt64.max : withKey(id) { Self.head($0) }
    }

    /// Puts the terms interned since the last call into the sorted blocks, which prefix ranges
    /// read: in key order, each searched from the block where the one before it went.
    mutating func sortNewTerms() {
        guard !unsorted.isEmpty else { return }
        // Sorted by head, the whole keys compared only when those are equal.
        var keyed = unsorted.map { id in (head: withKey(id) { Self.head($0) }, id: id) }
        unsorted.removeAll(keepingCapacity: true)
        keyed.sort { a, b in
            a.head != b.head ? a.head < b.head : withKey(a.id) { x in withKey(b.id) { y in ByteOrder.compare(x, y) < 0 } }
        }
        if lasts == [UInt32.max] {
            // No sorted term yet (a rebuild's dictionary): the blocks are cut from the sorted
            // list, half full as a split leaves them.
            let size = Self.blockCapacity / 2
            blocks = stride(from: 0, to: keyed.count, by: size).map { start in
                ContiguousArray(keyed[start..<min(start + size, keyed.count)].map(\.id))
            }
            lasts = ContiguousArray(blocks.map { $0[$0.count - 1] })
            lastHeads = ContiguousArray(lasts.map(head))
            return
        }
        var block = 0
        for (_, id) in keyed { block = insertSorted(id, fromBlock: block) }
    }

    /// Inserts a term into the sorted blocks; returns the block it went to, or the one before.
    private mutating func insertSorted(_ id: UInt32, fromBlock start: Int) -> Int {
        var position = withKey(id) { lowerBound($0, fromBlock: start) }
        if position.block == blocks.count { position = (blocks.count - 1, blocks[blocks.count - 1].count) }
        blocks[position.block].insert(id, at: position.index)
        lasts[position.block] = blocks[position.block].last!
        lastHeads[position.block] = head(lasts[position.block])
        if blocks[position.block].count >= Self.blockCapacity {
            let block = blocks[position.block]
            let half = block.count / 2
            blocks[position.block] = ContiguousArray(block[..<half])
            blocks.insert(ContiguousArray(block[half...]), at: position.block + 1)
            lasts[position.block] = block[half - 1]
            lasts.insert(block[block.count - 1], at: position.block + 1)
            lastHeads[position.block] = head(block[half - 1])
            lastHeads.insert(head(block[block.count - 1]), at: position.block + 1)
        }
        return position.block
    }

    /// Calls `body` with every term whose key starts with `prefix`, in key order, until it returns false.
    func forEachTerm(withPrefix prefix: UnsafeBufferPointer<UInt8>, _ body: (UInt32) -> Bool) {
        forEachRun(withPrefix: prefix) { run in
            for term in run where !body(term) { return false }
            return true
        }
    }

    /// Calls `body` with the terms whose key starts with `prefix`, in key order, a run of them at
    /// a time, until it returns false.
    func forEachRun(withPrefix prefix: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt32>) -> Bool) {
        var (b, i) = lowerBound(prefix)
        // The range's end is searched from its start's block, where it nearly always is too.
        let end: (block: Int, index: Int) =
            Self.successor(of: prefix).map { successor in successor.withUnsafeBufferPointer { lowerBound($0, fromBlock: b) } }
            ?? (blocks.count, 0)
        // Between the bounds every key starts with the prefix: no key is compared.
        while (b, i) < end {
            let stop = b == end.block ? end.index : blocks[b].count
            let more = blocks[b].withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[i..<stop])) }
            if !more { return }
            b += 1
            i = 0
        }
    }

    /// The least key above every key that starts with `prefix`, or nil when there is none.
    private static func successor(of prefix: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var bytes = Array(prefix)
        while let last = bytes.last {
            if last < 0xFF {
                bytes[bytes.count - 1] = last + 1
                return bytes
            }
            bytes.removeLast()
        }
        return nil
    }
}

extension TermDictionary {
    /// What `encode` writes, in buffers of its own (the blocks' lists stay shared, and the typo
    /// trie is left out), for a snapshot's image.
    func snapshotCopy() -> TermDictionary {
        var copy = TermDictionary()
        (copy.arena, copy.starts, copy.lengths) = (arena.snapshotCopy(), starts.snapshotCopy(), lengths.snapshotCopy())
        (copy.slots, copy.blocks) = (slots.snapshotCopy(), blocks.snapshotCopy())
        // A draining table is only read until it is dropped, so sharing it never copies it.
        copy.draining = draining
        return copy
    }

    /// Writes the dictionary to a snapshot.
    func encode(_ out: SectionStream) throws(ContactIndexError) {
        assert(unsorted.isEmpty, "a snapshot holds the sorted order after sortNewTerms")
        try out.array(arena)
        try out.array(starts)
        try out.array(lengths)
        var complete = self
        complete.moveSomeTerms(Int.max)
        try out.array(complete.slots.flat)
        try out.lists(blocks)
    }

    /// Reads a dictionary written by `encode`.
    init?(decoding reader: inout ByteReader) {
        guard let arena = reader.array(UInt8.self, growing: true), let starts = reader.array(UInt32.self, growing: true),
              let lengths = reader.array(UInt16.self, growing: true), let slots = reader.array(UInt32.self), let blocks = reader.lists(),
              starts.count == lengths.count, slots.count.nonzeroBitCount == 1, !blocks.isEmpty
        else { return nil }
        self.init()
        (self.arena, self.starts, self.lengths, self.slots, self.blocks) = (arena, starts, lengths, PagedSlots(slots), blocks)
        lasts = ContiguousArray(blocks.map { $0.last ?? UInt32.max })
        lastHeads = ContiguousArray(lasts.map(head))
        for block in blocks {
            for id in block {
                withKey(id) { key in
                    if Self.acceptsTypos(key) { typoTrie.insert(key, term: id) }
                }
            }
        }
        typoTrie = compactedTypoTrie()
    }
}
