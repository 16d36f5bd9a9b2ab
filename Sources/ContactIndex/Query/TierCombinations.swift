/// The top hits of a query whose words all have materialized prefixes, found without ranking
/// every document they share.
///
/// A document's rank key is the sum of each word's tier in it, and a materialized prefix lists its
/// documents by tier, in document order. So the combinations of one tier per word are visited in
/// increasing key (a heap of combinations, each reached from one parent by moving one word to its
/// next tier). For each, the tier list that costs least to check against the other words is
/// walked and its documents kept when every other word has them in the combination's tier. In
/// the ranked part of the index, documents come in static order, so a combination's walk stops at
/// its first hit the kept hits beat, and the search stops once the next combination's key is
/// worse than every kept hit. A combination that places two words no one key can match at the
/// same position of the name is skipped unread. What the walk reads is counted: past a budget it
/// gives up, and the caller ranks every shared document instead. When every word keeps a bitmap,
/// the total is counted from them, and a small intersection is ranked whole from them.
struct TierCombinations {
    /// For each word, its tiers with live documents, best first, and their documents.
    private let tiers: [[UInt8]]
    private let lists: [[ContiguousArray<UInt32>]]
    // Each word's tier per document (empty when it keeps none) and entries, apart, so that
    // reading them retains no array.
    private let maps: [ContiguousArray<UInt8>]
    private let entries: [[UInt32]]
    /// Each word's bitmap, empty when it keeps none: a document it lacks is told without a search.
    private let bitmaps: [ContiguousArray<UInt64>]
    /// What walking a document of each word's list costs, in documents read: one, and checking it
    /// in each other word what that word's form costs.
    private let costs: [Int]

    /// The most words a search by combinations takes: a combination holds a byte per word.
    static let maximumWords = 8

    /// Pairs of words that no one key of a contact's name can match together.
    private let exclusive: [(Int, Int)]

    /// - Parameter texts: each word's folded text, nil for a word of digits.
    init(_ words: [MaterializedPrefix], texts: [[UInt8]?]) {
        var exclusive: [(Int, Int)] = []
        for a in texts.indices {
            for b in texts.indices where a < b {
                guard let x = texts[a], let y = texts[b], !x.starts(with: y), !y.starts(with: x) else { continue }
                exclusive.append((a, b))
            }
        }
        self.exclusive = exclusive
        tiers = words.map { word in word.aliveByTier.filter { $0.value > 0 }.keys.sorted() }
        lists = zip(words, tiers).map { word, tiers in tiers.map { word.tiers[$0] ?? [] } }
        maps = words.map { $0.tierByDocument ?? [] }
        entries = words.map(\.entries)
        bitmaps = words.map { $0.bitmap ?? [] }
        let checks = words.map { $0.tierByDocument != nil ? 0 : $0.bitmap != nil ? Self.bitCost : Self.searchCost }
        costs = checks.map { 1 + checks.reduce(0, +) - $0 }
    }

    /// The number of live documents every word matches and the best `need` of them, best first,
    /// or nil when finding them would cost more than reading `budget` documents in an
    /// intersection (`budget / walkShare` in walks of combinations).
    func search(_ need: Int, docs: DocumentTable, order: StaticOrder, budget: Int) -> (total: Int, items: [TopHits.Item])? {
        guard bitmaps.allSatisfy({ !$0.isEmpty }) else {
            guard let items = best(need, docs: docs, order: order, budget: budget / Self.walkShare) else { return nil }
            return (count(docs: docs), items)
        }
        // Two words are counted in a pass that stores nothing; more are intersected once, for
        // the count and for ranking them all.
        let sets = [docs.alive] + bitmaps
        let shared = bitmaps.count == 2 ? nil : DocumentBitmap(intersecting: sets)
        let total = shared?.count ?? Self.sharedCount(bitmaps[0], bitmaps[1], alive: docs.alive)
        if total * Self.rankAllCost <= budget {
            var top = TopHits(capacity: need, order: order)
            var cursors = [Int](repeating: 0, count: tiers.count)
            (shared ?? DocumentBitmap(intersecting: sets)).forEach(in: 0..<UInt32(docs.count)) { doc in
                let key = RankKey(raw: tiers.indices.reduce(0) { $0 + RankKey.part(of: tier(of: doc, in: $1, cursor: &cursors[$1])) })
                if top.bar.admits(key, doc) { top.offer(key, doc) }
                return true
            }
            return (total, top.sorted())
        }
        return best(need, docs: docs, order: order, budget: budget / Self.walkShare).map { (total, $0) }
    }

    /// A document read in a walk of combinations costs about twice what one costs in the
    /// intersection that follows a walk that gives up (`John Br` at 1,000,000 contacts: the Johns
    /// whose email ends in `.br`, its best combination, are few, so the walk reads the Johns'
    /// whole list for each next combination; it gave up after 850 µs, then the intersection took
    /// 450). Walks get a quarter of the budget, so that one that gives up costs at most half the
    /// intersection; those that find the top read far less (`John B`: 55 µs).
    private static let walkShare = 4

    /// The number of live documents in two bitmaps, in one pass that stores nothing.
    private static func sharedCount(_ a: ContiguousArray<UInt64>, _ b: ContiguousArray<UInt64>, alive: ContiguousArray<UInt64>) -> Int {
        let length = min(alive.count, a.count, b.count)
        return alive.withUnsafeBufferPointer { alive in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    var total = 0
                    for i in 0..<length { total &+= (alive[i] & a[i] & b[i]).nonzeroBitCount }
                    return total
                }
            }
        }
    }

    /// What ranking one document of a small intersection costs, in documents a walk reads.
    private static let rankAllCost = 32

    /// The best `need` live documents every word matches, best first, or nil when finding them
    /// would cost more than reading `budget` documents.
    private func best(_ need: Int, docs: DocumentTable, order: StaticOrder, budget: Int) -> [TopHits.Item]? {
        var top = TopHits(capacity: need, order: order)
        guard need > 0, tiers.allSatisfy({ !$0.isEmpty }) else { return [] }
        var frontier = CombinationHeap()
        frontier.push(Combination(key: key(of: 0), positions: 0, moved: 0))
        var cursors = [Int](repeating: 0, count: tiers.count)
        var left = budget
        while let combination = frontier.pop(), combination.key <= top.bar.worstKey {
            left -= Self.combinationCost
            let rank = RankKey(raw: combination.key)
            guard isEmpty(combination.positions)
                || walk(combination.positions, key: rank, &top, docs: docs, rankedEnd: order.rankedEnd, cursors: &cursors, budget: &left)
            else { return nil }
            frontier.pushSuccessors(of: combination, count: { tiers[$0].count }, words: tiers.count, key: key(of:))
        }
        return top.sorted()
    }

    /// Whether a combination places two words that cannot match one key at the same position of
    /// the name: a position there holds one word (and, for a word written with joiners, its
    /// joined form, which starts with its first part), up to the last position counted.
    private func isEmpty(_ positions: UInt64) -> Bool {
        exclusive.contains { a, b in
            let x = tiers[a][Combination.position(a, in: positions)] & 0x7F, y = tiers[b][Combination.position(b, in: positions)] & 0x7F
            return x == y && KeyInfo(raw: x).field == .name && KeyInfo(raw: x).position < 15
        }
    }

    /// What visiting a combination costs beside its documents, in documents read.
    private static let combinationCost = 32
    /// What finding a document in a word without a tier per document costs, in documents read.
    private static let searchCost = 8
    /// The same for a word with a bitmap: most documents are told apart by their bit.
    private static let bitCost = 2

    /// Offers `top` the live documents in the tiers at `positions` (one per word), walking the
    /// list that costs least to check against the others; false when that would cost more than
    /// `budget` (in documents read), which is lowered by what it cost.
    private func walk(
        _ positions: UInt64, key: RankKey, _ top: inout TopHits, docs: DocumentTable, rankedEnd: UInt32, cursors: inout [Int],
        budget: inout Int
    ) -> Bool {
        let combination = tiers.indices.map { tiers[$0][Combination.position($0, in: positions)] }
        let walked = tiers.indices.min { a, b in
            lists[a][Combination.position(a, in: positions)].count * costs[a] < lists[b][Combination.position(b, in: positions)].count * costs[b]
        }!
        let list = lists[walked][Combination.position(walked, in: positions)]
        let cost = costs[walked]
        func isHit(_ doc: UInt32) -> Bool {
            guard docs.isAlive(doc) else { return false }
            for k in tiers.indices where k != walked {
                guard tier(of: doc, in: k, cursor: &cursors[k]) == combination[k] else { return false }
            }
            return true
        }
        for k in cursors.indices { cursors[k] = 0 }
        var split = 0
        _ = WordMatches.gallop(list, &split, to: rankedEnd)
        for doc in list[..<split] {
            budget -= cost
            guard budget >= 0 else { return false }
            guard isHit(doc) else { continue }
            // Later documents of the ranked part come after this one, with the same key.
            guard top.bar.admits(key, doc) else { break }
            top.offer(key, doc)
        }
        budget -= (list.count - split) * cost
        guard budget >= 0 else { return false }
        for doc in list[split...] where isHit(doc) {
            top.offer(key, doc)
        }
        return true
    }

    /// Word `k`'s tier in a document (`0xFF` when it does not match), documents asked in
    /// increasing order.
    @inline(__always)
    private func tier(of doc: UInt32, in k: Int, cursor: inout Int) -> UInt8 {
        if !maps[k].isEmpty { return Int(doc) < maps[k].count ? maps[k][Int(doc)] : 0xFF }
        if !bitmaps[k].isEmpty, !DocumentBitmap.contains(doc, in: bitmaps[k]) { return 0xFF }
        let at = WordMatches.gallop(entries[k], &cursor, to: doc << 8)
        return at < entries[k].count && entries[k][at] >> 8 == doc ? UInt8(truncatingIfNeeded: entries[k][at]) : 0xFF
    }

    private func key(of positions: UInt64) -> UInt32 {
        tiers.indices.reduce(0) { $0 + RankKey.part(of: tiers[$1][Combination.position($1, in: positions)]) }
    }

    /// The number of live documents every word matches, when some word keeps no bitmap.
    private func count(docs: DocumentTable) -> Int {
        let shortest = entries.indices.min { entries[$0].count < entries[$1].count }!
        var cursors = [Int](repeating: 0, count: tiers.count)
        var total = 0
        let others = tiers.indices.filter { $0 != shortest && !bitmaps[$0].isEmpty }.map { bitmaps[$0] }
        let searched = tiers.indices.filter { $0 != shortest && bitmaps[$0].isEmpty }
        for entry in entries[shortest] {
            let doc = entry >> 8
            let (word, bit) = (Int(doc >> 6), UInt64(1) << UInt64(doc & 63))
            var shared = docs.alive[word] & bit != 0
            for bitmap in others where shared { shared = word < bitmap.count && bitmap[word] & bit != 0 }
            for k in searched where shared { shared = tier(of: doc, in: k, cursor: &cursors[k]) != 0xFF }
            total += shared ? 1 : 0
        }
        return total
    }
}
