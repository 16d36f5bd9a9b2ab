/// The top hits of a query whose words all have materialized prefixes, found without ranking
/// every document they share.
///
/// A document's rank key is the sum of each word's tier in it, and a materialized prefix lists its
/// documents by tier, in document order. So the combinations of one tier per word are visited in
/// increasing key (a heap of combinations, each reached from one parent by moving one word to its
/// next tier); for each, the shortest of its tier lists is walked and its documents kept when
/// every other word has them in the combination's tier. In the ranked part of the index,
/// documents come in static order, so a combination's walk stops at its first hit the kept hits
/// beat; the walk stops once the next combination's key is worse than every kept hit. What the
/// walk reads is counted: past a budget it gives up, and the caller ranks every shared document
/// instead. When every word keeps a bitmap, the total is counted from them, and a small
/// intersection is ranked whole from them.
struct TierCombinations {
    private let words: [MaterializedPrefix]
    /// For each word, its tiers with live documents, best first, and their documents.
    private let tiers: [[UInt8]]
    private let lists: [[ContiguousArray<UInt32>]]
    // Each word's tier per document (empty when it keeps none) and entries, apart, so that
    // reading them retains no array.
    private let maps: [ContiguousArray<UInt8>]
    private let entries: [[UInt32]]

    init(_ words: [MaterializedPrefix]) {
        self.words = words
        tiers = words.map { word in word.aliveByTier.filter { $0.value > 0 }.keys.sorted() }
        lists = zip(words, tiers).map { word, tiers in tiers.map { word.tiers[$0] ?? [] } }
        maps = words.map { $0.tierByDocument ?? [] }
        entries = words.map(\.entries)
    }

    /// The number of live documents every word matches and the best `need` of them, best first,
    /// or nil when finding them would cost more than reading `budget` documents.
    func search(_ need: Int, docs: DocumentTable, order: StaticOrder, budget: Int) -> (total: Int, items: [TopHits.Item])? {
        let bitmaps = words.compactMap(\.bitmap)
        guard bitmaps.count == words.count else {
            guard let items = best(need, docs: docs, order: order, budget: budget) else { return nil }
            return (count(docs: docs), items)
        }
        let total = Self.sharedCount(bitmaps, docs.alive)
        if total * Self.rankAllCost <= budget {
            var top = TopHits(capacity: need, order: order)
            Self.forEachShared(bitmaps, docs.alive) { doc in
                let key = RankKey(raw: maps.indices.reduce(0) { $0 + RankKey.part(of: maps[$1][Int(doc)]) })
                if top.bar.admits(key, doc) { top.offer(key, doc) }
            }
            return (total, top.sorted())
        }
        return best(need, docs: docs, order: order, budget: budget).map { (total, $0) }
    }

    /// What ranking one document of a small intersection costs, in documents a walk reads.
    private static let rankAllCost = 8

    /// The best `need` live documents every word matches, best first, or nil when finding them
    /// would cost more than reading `budget` documents.
    private func best(_ need: Int, docs: DocumentTable, order: StaticOrder, budget: Int) -> [TopHits.Item]? {
        var top = TopHits(capacity: need, order: order)
        guard need > 0, tiers.allSatisfy({ !$0.isEmpty }) else { return [] }
        var frontier = CombinationHeap()
        let first = [UInt8](repeating: 0, count: words.count)
        frontier.push(Combination(key: key(of: first), positions: first, moved: 0))
        var cursors = [Int](repeating: 0, count: words.count)
        var cost = 0
        while let combination = frontier.pop(), combination.key <= top.bar.worstKey {
            cost += Self.combinationCost
            cost += walk(combination.positions, key: RankKey(raw: combination.key), &top, docs: docs, rankedEnd: order.rankedEnd, cursors: &cursors)
            guard cost <= budget else { return nil }
            for word in Int(combination.moved)..<words.count where Int(combination.positions[word]) + 1 < tiers[word].count {
                var positions = combination.positions
                positions[word] += 1
                frontier.push(Combination(key: key(of: positions), positions: positions, moved: UInt8(word)))
            }
        }
        return top.sorted()
    }

    /// What visiting a combination costs beside its documents, in documents read.
    private static let combinationCost = 32
    /// What finding a document in a word without a tier per document costs, in documents read.
    private static let searchCost = 8

    /// The live documents in the tiers at `positions` (one per word), offered to `top`; gives
    /// what it cost, in documents read.
    private func walk(
        _ positions: [UInt8], key: RankKey, _ top: inout TopHits, docs: DocumentTable, rankedEnd: UInt32, cursors: inout [Int]
    ) -> Int {
        var shortest = 0
        for k in 1..<words.count where lists[k][Int(positions[k])].count < lists[shortest][Int(positions[shortest])].count {
            shortest = k
        }
        let list = lists[shortest][Int(positions[shortest])]
        func isHit(_ doc: UInt32) -> Bool {
            guard docs.isAlive(doc) else { return false }
            for k in words.indices where k != shortest {
                guard tier(of: doc, in: k, cursor: &cursors[k]) == tiers[k][Int(positions[k])] else { return false }
            }
            return true
        }
        for k in cursors.indices { cursors[k] = 0 }
        var split = 0
        _ = WordMatches.gallop(list, &split, to: rankedEnd)
        var read = 0
        for doc in list[..<split] {
            read += 1
            guard isHit(doc) else { continue }
            // Later documents of the ranked part come after this one, with the same key.
            guard top.bar.admits(key, doc) else { break }
            top.offer(key, doc)
        }
        for k in cursors.indices { cursors[k] = 0 }
        for doc in list[split...] where isHit(doc) {
            top.offer(key, doc)
        }
        let searched = maps.indices.count { $0 != shortest && maps[$0].isEmpty }
        return (read + list.count - split) * (1 + Self.searchCost * searched)
    }

    /// Word `k`'s tier in a document (`0xFF` when it does not match), documents asked in
    /// increasing order.
    @inline(__always)
    private func tier(of doc: UInt32, in k: Int, cursor: inout Int) -> UInt8 {
        if !maps[k].isEmpty { return Int(doc) < maps[k].count ? maps[k][Int(doc)] : 0xFF }
        let at = WordMatches.gallop(entries[k], &cursor, to: doc << 8)
        return at < entries[k].count && entries[k][at] >> 8 == doc ? UInt8(truncatingIfNeeded: entries[k][at]) : 0xFF
    }

    private func key(of positions: [UInt8]) -> UInt32 {
        positions.enumerated().reduce(0) { $0 + RankKey.part(of: tiers[$1.offset][Int($1.element)]) }
    }

    /// The number of live documents every word matches, none of them keeping a bitmap.
    private func count(docs: DocumentTable) -> Int {
        let shortest = entries.indices.min { entries[$0].count < entries[$1].count }!
        var cursors = [Int](repeating: 0, count: words.count)
        var total = 0
        for entry in entries[shortest] where docs.isAlive(entry >> 8) {
            let doc = entry >> 8
            var shared = true
            for k in words.indices where k != shortest && tier(of: doc, in: k, cursor: &cursors[k]) == 0xFF {
                shared = false
                break
            }
            total += shared ? 1 : 0
        }
        return total
    }

    /// The number of documents in every bitmap and in `alive`.
    private static func sharedCount(_ bitmaps: [ContiguousArray<UInt64>], _ alive: ContiguousArray<UInt64>) -> Int {
        var total = 0
        forEachSharedWord(bitmaps, alive) { _, word in total += word.nonzeroBitCount }
        return total
    }

    /// Calls `body` with each document in every bitmap and in `alive`, in increasing order.
    private static func forEachShared(_ bitmaps: [ContiguousArray<UInt64>], _ alive: ContiguousArray<UInt64>, _ body: (UInt32) -> Void) {
        forEachSharedWord(bitmaps, alive) { index, word in
            var word = word
            while word != 0 {
                body(UInt32(index * 64 + word.trailingZeroBitCount))
                word &= word - 1
            }
        }
    }

    /// Calls `body` with each nonzero word of the intersection of the bitmaps and `alive`.
    private static func forEachSharedWord(
        _ bitmaps: [ContiguousArray<UInt64>], _ alive: ContiguousArray<UInt64>, _ body: (Int, UInt64) -> Void
    ) {
        let length = bitmaps.reduce(alive.count) { min($0, $1.count) }
        alive.withUnsafeBufferPointer { alive in
            bitmaps[0].withUnsafeBufferPointer { first in
                for i in 0..<length {
                    var word = alive[i] & first[i]
                    for k in 1..<bitmaps.count where word != 0 { word &= bitmaps[k][i] }
                    if word != 0 { body(i, word) }
                }
            }
        }
    }

    /// A combination of one tier per word, by position in each word's `tiers`.
    private struct Combination {
        let key: UInt32
        let positions: [UInt8]
        /// The word whose position its parent moved: only it and later words move further, so
        /// that each combination is reached once.
        let moved: UInt8
    }

    /// Combinations, the lowest key first out.
    private struct CombinationHeap {
        private var items: [Combination] = []

        mutating func push(_ item: Combination) {
            items.append(item)
            var i = items.count - 1
            while i > 0, items[(i - 1) / 2].key > items[i].key {
                items.swapAt(i, (i - 1) / 2)
                i = (i - 1) / 2
            }
        }

        mutating func pop() -> Combination? {
            guard !items.isEmpty else { return nil }
            items.swapAt(0, items.count - 1)
            let lowest = items.removeLast()
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var least = i
                if l < items.count, items[l].key < items[least].key { least = l }
                if r < items.count, items[r].key < items[least].key { least = r }
                guard least != i else { break }
                items.swapAt(i, least)
                i = least
            }
            return lowest
        }
    }
}
