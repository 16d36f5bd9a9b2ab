/// The documents every query word matches, checked one document at a time against each word's
/// matches: a tier per document for a dense materialized prefix, else a sorted list searched by
/// galloping cursors (so documents are asked in increasing order).
struct WordIntersection {
    /// One query word's matches.
    struct Matches {
        /// `doc << 8 | tier`, sorted by document, one entry per document.
        var entries: [UInt32]
        /// The tier of every document (`0xFF` when it does not match), for dense prefixes.
        var tiers: ContiguousArray<UInt8>?
        /// The typo edits of each entry, when the word matched with typos.
        var edits: [UInt8]?
        /// Which query word these are the matches of.
        var word: Int
    }

    /// The words' matches, fewest first.
    let lists: [Matches]
    // The parts of `lists` read for each document, apart, so that reading them copies no array.
    private let entries: [[UInt32]]
    private let tierMaps: [ContiguousArray<UInt8>]
    private let edits: [[UInt8]]
    private var tiers: [UInt8]
    private var cursors: [Int]

    init(_ lists: [Matches]) {
        self.lists = lists.sorted { $0.entries.count < $1.entries.count }
        entries = self.lists.map(\.entries)
        tierMaps = self.lists.map { $0.tiers ?? [] }
        edits = self.lists.map { $0.edits ?? [] }
        tiers = [UInt8](repeating: 0, count: lists.count)
        cursors = [Int](repeating: 0, count: lists.count)
    }

    /// The rank key of a document, or nil when some word does not match it.
    /// - Parameter first: the document's position in the first list, when the caller walks it.
    @inline(__always)
    mutating func rank(_ doc: UInt32, first: Int?) -> RankKey? {
        var k = 0
        var typos = 0
        if let first {
            tiers[0] = UInt8(truncatingIfNeeded: entries[0][first])
            if !edits[0].isEmpty { typos = Int(edits[0][first]) }
            k = 1
        }
        while k < entries.count {
            if Int(doc) < tierMaps[k].count {
                let tier = tierMaps[k][Int(doc)]
                guard tier != 0xFF else { return nil }
                tiers[k] = tier
            } else {
                let at = WordMatches.gallop(entries[k], &cursors[k], to: doc << 8)
                guard at < entries[k].count, entries[k][at] >> 8 == doc else { return nil }
                tiers[k] = UInt8(truncatingIfNeeded: entries[k][at])
                if !edits[k].isEmpty { typos += Int(edits[k][at]) }
            }
            k += 1
        }
        let key = tiers.withUnsafeBufferPointer { RankKey(tiers: $0) }
        return typos > 0 ? key.adding(edits: typos) : key
    }

    /// A bit per query word that matches a document only with typos.
    func typoWords(of doc: UInt32) -> UInt32 {
        var mask: UInt32 = 0
        for list in lists {
            guard let edits = list.edits else { continue }
            var cursor = 0
            let found = list.entries.withUnsafeBufferPointer { WordMatches.seek($0, &cursor, doc) }
            if found != nil, edits[cursor] > 0 { mask |= 1 << UInt32(list.word) }
        }
        return mask
    }
}
