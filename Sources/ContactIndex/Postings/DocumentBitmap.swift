/// A set of document numbers, a bit each: unions and intersections of large match sets in one
/// pass over words, and their size by counting bits.
struct DocumentBitmap {
    private(set) var words: ContiguousArray<UInt64>
    /// After an intersection, a bit per block of `blockWords` words, set when the block holds a
    /// document, found in the intersection's own pass: counting and walking a small intersection
    /// then read its occupied blocks only, not the whole set (125 KB at 1,000,000 documents)
    /// twice more. Nil otherwise, and after any change.
    private var blocks: ContiguousArray<UInt64>?

    /// Words per block of `blocks`.
    static let blockWords = 64

    /// An empty set with room for documents below `documentCount`.
    init(documentCount: Int) {
        words = ContiguousArray(repeating: 0, count: (documentCount + 63) / 64)
    }

    /// The documents that every one of `sets` (words of bits, the first the longest) holds: the
    /// first two are combined into uninitialized words, so that no pass clears the set first; a
    /// single set is shared, not copied.
    init(intersecting sets: [ContiguousArray<UInt64>]) {
        guard sets.count > 1 else {
            words = sets[0]
            return
        }
        let count = sets[0].count
        var blocks = ContiguousArray<UInt64>(repeating: 0, count: (count + 64 * Self.blockWords - 1) / (64 * Self.blockWords))
        words = ContiguousArray(unsafeUninitializedCapacity: count) { words, initialized in
            sets[0].withUnsafeBufferPointer { first in
                sets[1].withUnsafeBufferPointer { second in
                    Self.intersect(first, second, into: words, count: count, blocks: &blocks)
                }
            }
            initialized = count
        }
        for set in sets.dropFirst(2) {
            set.withUnsafeBufferPointer { set in
                words.withUnsafeMutableBufferPointer { words in
                    Self.intersect(UnsafeBufferPointer(words), set, into: words, count: count, blocks: &blocks)
                }
            }
        }
        self.blocks = blocks
    }

    /// Writes `a & b` (words past `b`'s end count as empty) to the first `count` words of `out`
    /// (which may be `a`'s), block by block, setting the bit of each block that holds a document.
    @inline(__always)
    private static func intersect(
        _ a: UnsafeBufferPointer<UInt64>, _ b: UnsafeBufferPointer<UInt64>, into out: UnsafeMutableBufferPointer<UInt64>,
        count: Int, blocks: inout ContiguousArray<UInt64>
    ) {
        let shared = min(count, b.count)
        var start = 0
        var block = 0
        while start < count {
            let end = min(start + blockWords, count)
            var any: UInt64 = 0
            let sharedEnd = min(end, shared)
            if start < sharedEnd {
                for i in start..<sharedEnd {
                    let word = a[i] & b[i]
                    out[i] = word
                    any |= word
                }
            }
            for i in max(start, sharedEnd)..<end { out[i] = 0 }
            let bit: UInt64 = 1 << UInt64(block & 63)
            if any != 0 { blocks[block >> 6] |= bit } else { blocks[block >> 6] &= ~bit }
            start = end
            block += 1
        }
    }

    /// Adds the documents of entries `doc << shift | …`.
    mutating func insert<Entry: FixedWidthInteger>(_ entries: [Entry], shift: Int) {
        blocks = nil
        words.withUnsafeMutableBufferPointer { words in
            entries.withUnsafeBufferPointer { entries in
                for entry in entries {
                    let doc = Int(truncatingIfNeeded: entry >> shift)
                    words[doc >> 6] |= 1 << UInt64(doc & 63)
                }
            }
        }
    }

    /// Adds the documents of another set, held as words of bits.
    mutating func formUnion(_ other: ContiguousArray<UInt64>) {
        blocks = nil
        words.withUnsafeMutableBufferPointer { words in
            other.withUnsafeBufferPointer { other in
                for i in 0..<min(words.count, other.count) { words[i] |= other[i] }
            }
        }
    }

    /// The number of documents held.
    var count: Int {
        words.withUnsafeBufferPointer { words in
            guard let blocks else { return BitCount.count(words) }
            var total = 0
            Self.forEachBlock(blocks, in: 0..<words.count) { range in total += BitCount.count(UnsafeBufferPointer(rebasing: words[range])) }
            return total
        }
    }

    /// Calls `body` with the word ranges of the runs of occupied blocks, cut to `range` (word
    /// indices), in increasing order.
    @inline(__always)
    private static func forEachBlock(_ blocks: ContiguousArray<UInt64>, in range: Range<Int>, _ body: (Range<Int>) -> Void) {
        var run = 0..<0
        func flush() {
            let low = max(run.lowerBound, range.lowerBound), high = min(run.upperBound, range.upperBound)
            if low < high { body(low..<high) }
        }
        for (k, var bits) in blocks.enumerated() {
            while bits != 0 {
                let start = (k * 64 + bits.trailingZeroBitCount) * blockWords
                bits &= bits - 1
                if start == run.upperBound && !run.isEmpty {
                    run = run.lowerBound..<(start + blockWords)
                } else {
                    flush()
                    run = start..<(start + blockWords)
                }
            }
        }
        flush()
    }

    /// Whether the set holds `doc`.
    @inline(__always)
    func contains(_ doc: UInt32) -> Bool {
        Self.contains(doc, in: words)
    }

    /// Whether words of bits (a materialized prefix's bitmap, this set's words) hold `doc`; a
    /// document past their end is not held.
    @inline(__always)
    static func contains<Words: RandomAccessCollection<UInt64>>(_ doc: UInt32, in words: Words) -> Bool where Words.Index == Int {
        let word = Int(doc >> 6)
        return word < words.count && words[word] & 1 << UInt64(doc & 63) != 0
    }

    /// Calls `body` with the documents held in `range`, in increasing order, until it returns false.
    func forEach(in range: Range<UInt32>, _ body: (UInt32) -> Bool) {
        guard !range.isEmpty else { return }
        words.withUnsafeBufferPointer { words in
            let end = min(words.count, Int(range.upperBound + 63) / 64)
            let first = Int(range.lowerBound / 64)
            guard first < end else { return }
            guard let blocks else {
                _ = Self.forEach(words, first..<end, range, body)
                return
            }
            var going = true
            Self.forEachBlock(blocks, in: first..<end) { part in
                if going { going = Self.forEach(words, part, range, body) }
            }
        }
    }

    /// Calls `body` with the documents of `range` in words `indices`, in increasing order, until
    /// it returns false; false when it did.
    @inline(__always)
    private static func forEach(
        _ words: UnsafeBufferPointer<UInt64>, _ indices: Range<Int>, _ range: Range<UInt32>, _ body: (UInt32) -> Bool
    ) -> Bool {
        for index in indices {
            var word = words[index]
            if index == Int(range.lowerBound / 64) { word &= ~0 << UInt64(range.lowerBound % 64) }
            while word != 0 {
                let doc = UInt32(index * 64 + word.trailingZeroBitCount)
                guard doc < range.upperBound, body(doc) else { return false }
                word &= word - 1
            }
        }
        return true
    }
}
