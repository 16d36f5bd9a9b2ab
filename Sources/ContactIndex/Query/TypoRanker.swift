/// The rank keys of documents that every word of a typo pass matches, read from the words'
/// parts: each dense part's tier map, and a map per word from document to the best match of its
/// lists and loose postings, filled when the ranker is made and cleared when it is released.
final class TypoRanker {
    private let words: [TypoWord]
    /// Per word: `edits << 8 | tier` of the best match of its lists and loose postings, `0xFFFF`
    /// where none.
    private let codes: [UnsafeMutableBufferPointer<UInt16>]

    init(_ words: [TypoWord], documentCount: Int) {
        self.words = words
        codes = words.map { word in
            let map = Self.pool.take(count: documentCount)
            word.forEachListed { doc, match in map[doc] = min(map[doc], match) }
            return map
        }
    }

    deinit {
        for (word, map) in zip(words, codes) {
            word.forEachListed { doc, _ in map[doc] = 0xFFFF }
            Self.pool.give(map)
        }
    }

    /// A key that no document's key is below: each word's fewest edits and best tier, at least
    /// one edit in all (a typo pass runs when no document matches without).
    var bound: RankKey {
        let edits = words.reduce(0) { $0 + Int($1.fewestEdits) }
        return RankKey(raw: words.reduce(0) { $0 + RankKey.part(of: $1.bestTier) }).adding(edits: max(1, edits))
    }

    /// The rank key of a document every word matches.
    func key(_ doc: UInt32) -> RankKey {
        var edits = 0
        var raw: UInt32 = 0
        for k in words.indices {
            let best = match(k, doc)
            edits += Int(best >> 8)
            raw += RankKey.part(of: UInt8(truncatingIfNeeded: best))
        }
        return edits > 0 ? RankKey(raw: raw).adding(edits: edits) : RankKey(raw: raw)
    }

    /// A bit per query word that matches a document only with typos.
    func typoWords(of doc: UInt32) -> UInt32 {
        var mask: UInt32 = 0
        for k in words.indices where match(k, doc) >> 8 > 0 { mask |= 1 << UInt32(k) }
        return mask
    }

    /// Word `k`'s best match in a document, `edits << 8 | tier` (fewest edits, then best tier),
    /// or `0xFFFF` when it has none.
    @inline(__always)
    private func match(_ k: Int, _ doc: UInt32) -> UInt16 {
        var best = codes[k][Int(doc)]
        for part in words[k].dense where Int(doc) < part.tiers.count {
            let tier = part.tiers[Int(doc)]
            if tier != 0xFF { best = min(best, UInt16(part.edits) << 8 | UInt16(tier | part.prefixBit)) }
        }
        return best
    }

    /// Maps kept between searches, every entry `0xFFFF`: making and clearing one per search
    /// would cost more than filling it.
    private static let pool = MapPool()

    private final class MapPool: @unchecked Sendable {
        private let lock = Lock()
        private var free: [UnsafeMutableBufferPointer<UInt16>] = []

        func take(count: Int) -> UnsafeMutableBufferPointer<UInt16> {
            if let map = lock.withLock({ free.popLast() }) {
                if map.count >= count { return map }
                map.deallocate()
            }
            let map = UnsafeMutableBufferPointer<UInt16>.allocate(capacity: count)
            map.initialize(repeating: 0xFFFF)
            return map
        }

        func give(_ map: UnsafeMutableBufferPointer<UInt16>) {
            let kept = lock.withLock {
                guard free.count < 4 else { return false }
                free.append(map)
                return true
            }
            if !kept { map.deallocate() }
        }
    }
}
