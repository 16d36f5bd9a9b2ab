/// A set of document numbers, a bit each: unions and intersections of large match sets in one
/// pass over words, and their size by counting bits.
struct DocumentBitmap {
    private(set) var words: ContiguousArray<UInt64>

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
        words = ContiguousArray(unsafeUninitializedCapacity: count) { words, initialized in
            sets[0].withUnsafeBufferPointer { first in
                sets[1].withUnsafeBufferPointer { second in
                    let shared = min(count, second.count)
                    for i in 0..<shared { words[i] = first[i] & second[i] }
                    for i in shared..<count { words[i] = 0 }
                }
            }
            initialized = count
        }
        for set in sets.dropFirst(2) { formIntersection(set) }
    }

    /// Adds the documents of entries `doc << shift | …`.
    mutating func insert<Entry: FixedWidthInteger>(_ entries: [Entry], shift: Int) {
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
        words.withUnsafeMutableBufferPointer { words in
            other.withUnsafeBufferPointer { other in
                for i in 0..<min(words.count, other.count) { words[i] |= other[i] }
            }
        }
    }

    /// Keeps the documents that another set, held as words of bits, holds too.
    private mutating func formIntersection(_ other: ContiguousArray<UInt64>) {
        let shared = min(words.count, other.count)
        words.withUnsafeMutableBufferPointer { words in
            for i in 0..<shared { words[i] &= other[i] }
            for i in shared..<words.count { words[i] = 0 }
        }
    }

    /// The number of documents held.
    var count: Int { words.withUnsafeBufferPointer(BitCount.count) }

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
            var index = Int(range.lowerBound / 64)
            guard index < end else { return }
            var word = words[index] & ~0 << UInt64(range.lowerBound % 64)
            while true {
                while word != 0 {
                    let doc = UInt32(index * 64 + word.trailingZeroBitCount)
                    guard doc < range.upperBound, body(doc) else { return }
                    word &= word - 1
                }
                index += 1
                guard index < end else { return }
                word = words[index]
            }
        }
    }
}
