/// The documents every query word matches, checked one document at a time against each word's
/// matches: a tier per document for a dense materialized prefix, else a sorted list searched by
/// galloping cursors (so documents are asked in increasing order).
struct WordIntersection {
    /// One word's matches: `doc << 8 | tier` sorted by document, and the tier of every document
    /// (`0xFF` when it does not match) when the word has one.
    typealias Matches = (entries: [UInt32], tiers: ContiguousArray<UInt8>?)

    /// The words' matches, fewest first.
    let lists: [Matches]
    private var tiers: [UInt8]
    private var cursors: [Int]

    init(_ lists: [Matches]) {
        self.lists = lists.sorted { $0.entries.count < $1.entries.count }
        tiers = [UInt8](repeating: 0, count: lists.count)
        cursors = [Int](repeating: 0, count: lists.count)
    }

    /// The rank key of a document whose first word's tier is `firstTier` (nil: look it up too),
    /// or nil when some word does not match it.
    @inline(__always)
    mutating func rank(_ doc: UInt32, firstTier: UInt8?) -> RankKey? {
        var k = 0
        if let firstTier {
            tiers[0] = firstTier
            k = 1
        }
        while k < lists.count {
            if let map = lists[k].tiers, Int(doc) < map.count {
                let tier = map[Int(doc)]
                guard tier != 0xFF else { return nil }
                tiers[k] = tier
            } else {
                let found = lists[k].entries.withUnsafeBufferPointer { WordMatches.seek($0, &cursors[k], doc) }
                guard let found else { return nil }
                tiers[k] = UInt8(truncatingIfNeeded: found)
            }
            k += 1
        }
        return tiers.withUnsafeBufferPointer { RankKey(tiers: $0) }
    }
}
