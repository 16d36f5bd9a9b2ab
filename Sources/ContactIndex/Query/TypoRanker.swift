/// The rank keys of documents that every word of a typo pass matches, read from the words'
/// parts: each dense part's tier map, and the lists and loose postings one of two ways. At first
/// through a cursor per list, since the walk asks for documents in increasing order: a walk that
/// stops after a few documents (often a handful, against a hundred thousand listed entries) fills
/// nothing. Once the walk has read so many documents that its cursor steps cost what filling maps
/// would, through a map per word from document to its best match there, filled then and cleared
/// when the ranker is released. The maps may hold only the documents every word matches, the
/// only ones whose keys a search needs: of a word's listed entries (often tens of thousands) few
/// are theirs, and only those are written and cleared.
final class TypoRanker {
    private let words: [TypoWord]
    private let documentCount: Int
    /// The documents every word matches, whose keys are asked, and to which the maps are
    /// restricted; nil for every document (and once filling the maps finds them no fewer than
    /// the listed entries). A document outside them reads as matching no list or loose posting
    /// once the maps are filled: a combination's check of such a document still fails, on the
    /// word it lacks.
    private var matching: DocumentBitmap?
    /// Per word, the index of its first cursor: one per list, then one for its loose postings.
    private let firstCursor: [Int]
    /// The cursors, then the last document asked (a document below it starts them over), then
    /// the documents left to read before the maps are filled, -1 once they are.
    private let cursors: UnsafeMutableBufferPointer<Int>
    /// Per word: `edits << 8 | tier` of the best match of its lists and loose postings, `0xFFFF`
    /// where none, once filled.
    private let codes: UnsafeMutableBufferPointer<UnsafeMutableBufferPointer<UInt16>>

    /// A ranker that fills its maps when reading on through cursors would cost more.
    convenience init(_ words: [TypoWord], documentCount: Int, matching: DocumentBitmap? = nil) {
        // A listed entry costs a write and a clear in a map, in document order; a cursor a
        // search step per part for each document the walk reads, several times as much. The
        // switch comes early: a walk that reads more than a few documents often reads them all.
        let listed = words.reduce(0) { $0 + $1.listedCount }
        let parts = words.reduce(0) { $0 + $1.lists.count + 1 }
        self.init(words, documentCount: documentCount, matching: matching, mapsAfter: listed / max(1, 16 * parts))
    }

    /// - Parameter mapsAfter: the documents whose keys are read through cursors before the maps
    ///   are filled.
    init(_ words: [TypoWord], documentCount: Int, matching: DocumentBitmap? = nil, mapsAfter: Int) {
        self.words = words
        self.documentCount = documentCount
        self.matching = matching
        var first: [Int] = []
        var count = 0
        for word in words {
            first.append(count)
            count += word.lists.count + 1
        }
        firstCursor = first
        cursors = .allocate(capacity: count + 2)
        cursors.initialize(repeating: 0)
        cursors[count + 1] = mapsAfter
        codes = .allocate(capacity: words.count)
        codes.initialize(repeating: UnsafeMutableBufferPointer(start: nil, count: 0))
    }

    deinit {
        if isMapped {
            if let matching {
                matching.forEach(in: 0..<UInt32(documentCount)) { doc in
                    for map in codes { map[Int(doc)] = 0xFFFF }
                    return true
                }
            }
            for (word, map) in zip(words, codes) {
                if matching == nil { word.forEachListed { doc, _ in map[doc] = 0xFFFF } }
                Self.pool.give(map)
            }
        }
        codes.deallocate()
        cursors.deallocate()
    }

    private var isMapped: Bool { cursors[cursors.count - 1] < 0 }

    /// Fills each word's map from its lists and loose postings, unless filled: documents may
    /// then be asked in any order at the same cost.
    func fillMaps() {
        guard !isMapped else { return }
        // Only the documents of `matching` are written when they are fewer than the listed
        // entries: then a bit test per entry instead of a write and a clear.
        if let matching, matching.count * words.count >= words.reduce(0, { $0 + $1.listedCount }) { self.matching = nil }
        for (k, word) in words.enumerated() {
            let map = Self.pool.take(count: documentCount)
            if let matching {
                matching.words.withUnsafeBufferPointer { bits in
                    word.forEachListed { doc, match in
                        if DocumentBitmap.contains(UInt32(doc), in: bits) { map[doc] = min(map[doc], match) }
                    }
                }
            } else {
                word.forEachListed { doc, match in map[doc] = min(map[doc], match) }
            }
            codes[k] = map
        }
        cursors[cursors.count - 1] = -1
    }

    /// The rank key of a document every word matches; cheapest when documents are asked in
    /// increasing order (the walk's).
    func key(_ doc: UInt32) -> RankKey {
        let left = cursors[cursors.count - 1]
        if left == 0 { fillMaps() } else if left > 0 { cursors[cursors.count - 1] = left - 1 }
        return key(anyOrder: doc)
    }

    /// The rank key of a document every word matches, documents asked in any order and none
    /// counted toward filling the maps.
    @inline(__always)
    func key(anyOrder doc: UInt32) -> RankKey {
        restartIfBehind(doc)
        return RankKey.combining(words: words.count) { match($0, doc) }
    }

    /// A bit per query word that matches a document only with typos.
    func typoWords(of doc: UInt32) -> UInt32 {
        restartIfBehind(doc)
        var mask: UInt32 = 0
        for k in words.indices where match(k, doc) >> 8 > 0 { mask |= 1 << UInt32(k) }
        return mask
    }

    /// Word `k`'s best match in a document (see `match(_:_:)`), documents asked in any order.
    func match(word k: Int, in doc: UInt32) -> UInt16 {
        restartIfBehind(doc)
        return match(k, doc)
    }

    /// Moves the cursors back to the start when `doc` comes before the last document asked.
    @inline(__always)
    private func restartIfBehind(_ doc: UInt32) {
        let last = cursors.count - 2
        if Int(doc) < cursors[last] {
            for i in 0..<last { cursors[i] = 0 }
        }
        cursors[last] = Int(doc)
    }

    /// Word `k`'s best match in a document, `edits << 8 | tier` (fewest edits, then best tier),
    /// or `0xFFFF` when it has none.
    @inline(__always)
    private func match(_ k: Int, _ doc: UInt32) -> UInt16 {
        let word = words[k]
        var best = isMapped ? codes[k][Int(doc)] : listedMatch(word, firstCursor[k], doc)
        for part in word.dense where Int(doc) < part.tiers.count {
            let tier = part.tiers[Int(doc)]
            if tier != 0xFF { best = min(best, UInt16(part.edits) << 8 | UInt16(tier)) }
        }
        return best
    }

    /// A word's best match in a document among its lists and loose postings, read through the
    /// cursors from `cursor` on.
    @inline(__always)
    private func listedMatch(_ word: TypoWord, _ cursor: Int, _ doc: UInt32) -> UInt16 {
        var best: UInt16 = 0xFFFF
        var cursor = cursor
        for list in word.lists {
            if let bits = list.bitmap, !DocumentBitmap.contains(doc, in: bits) {
                cursor += 1
                continue
            }
            let at = WordMatches.gallop(list.entries, &cursors[cursor], to: doc << 8)
            if at < list.entries.count, list.entries[at] >> 8 == doc {
                best = min(best, UInt16(list.edits) << 8 | UInt16(UInt8(truncatingIfNeeded: list.entries[at])))
            }
            cursor += 1
        }
        // Loose postings are sorted by document, maybe several per document.
        var at = WordMatches.gallop(word.postings, &cursors[cursor], to: UInt64(doc) << 16)
        while at < word.postings.count, word.postings[at] >> 16 == UInt64(doc) {
            best = min(best, UInt16(truncatingIfNeeded: word.postings[at]))
            at += 1
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
