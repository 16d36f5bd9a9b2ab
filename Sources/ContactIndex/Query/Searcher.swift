import Tokenizer

extension IndexState {
    /// Runs a search whose text was read into `plan`: typo-free matches, or when there are none,
    /// matches with typos.
    /// - Parameter restriction: further conditions every hit meets.
    /// - Parameter storedJSON: whether hits carry their stored JSON (a conversation search reads
    ///   its own record instead of the view indexed here).
    func search(_ query: SearchQuery, plan: QueryPlan, restriction: DocumentRestriction? = nil, storedJSON: Bool = true) -> SearchResult {
        let fieldMask: UInt8 = query.fields.map { $0.reduce(0) { $0 | 1 << $1.rawValue } } ?? WordMatches.allFields
        let need = query.offset + query.limit
        guard let filter = ResolvedFilter(query.filter, docs, restriction: restriction) else { return SearchResult(total: 0, hits: []) }
        if plan.words.isEmpty { return page(browse(need, filter), query, plan, typos: nil, storedJSON: storedJSON) }
        let found = exactMatches(plan, fieldMask: fieldMask, filter: filter, need: need)
        guard found.total == 0 else { return page(found, query, plan, typos: nil, storedJSON: storedJSON) }
        let edits = plan.words.map { TypoMatches.allowedEdits($0, query) }
        guard edits.contains(where: { $0 > 0 }) else { return page(found, query, plan, typos: nil, storedJSON: storedJSON) }
        let typos = typoMatches(plan, edits: edits, fieldMask: fieldMask, filter: filter, need: need)
        return page((typos.total, typos.items), query, plan, typos: typos, storedJSON: storedJSON)
    }

    /// The typo-free hits: every word matches a prefix of a key.
    private func exactMatches(_ plan: QueryPlan, fieldMask: UInt8, filter: ResolvedFilter, need: Int)
        -> (total: Int, items: [TopHits.Item])
    {
        let alone = plan.words.count == 1 && fieldMask == WordMatches.allFields && filter.isEmpty
        var lists: [WordIntersection.Matches] = []
        var materializedWords: [MaterializedPrefix] = []
        for word in plan.words {
            let (matches, materializedWord) = matches(of: word, fieldMask: fieldMask)
            if alone, let materializedWord { return tiered(materializedWord, need) }
            if matches.isEmpty { return (0, []) }
            let whole = fieldMask == WordMatches.allFields  // a materialized word's forms hold every field
            lists.append(WordIntersection.Matches(
                entries: matches, tiers: whole ? materializedWord?.tierByDocument : nil, bitmap: whole ? materializedWord?.bitmap : nil))
            if let materializedWord { materializedWords.append(materializedWord) }
        }
        // Words that share many documents: their best tiers first, instead of ranking them all,
        // when each but the one with fewest documents has a bitmap to check.
        let fewest = lists.map(\.entries.count).min() ?? 0
        if materializedWords.count == plan.words.count, materializedWords.count <= TierCombinations.maximumWords,
           fieldMask == WordMatches.allFields, filter.isEmpty, fewest >= materializeThreshold,
           materializedWords.allSatisfy({ $0.bitmap != nil || $0.entries.count <= fewest })
        {
            let texts = plan.words.map { $0.digitFragments.isEmpty ? $0.prefix : nil }
            if let found = TierCombinations(materializedWords, texts: texts).search(need, docs: docs, order: staticOrder, budget: fewest) {
                return found
            }
        }
        var intersection = WordIntersection(lists)
        return intersect(&intersection, filter: filter, need: need)
    }

    /// The best `need` documents every word of `intersection` matches that pass `filter`, and
    /// how many there are.
    private func intersect(_ intersection: inout WordIntersection, filter: ResolvedFilter, need: Int)
        -> (total: Int, items: [TopHits.Item])
    {
        let docs = docs  // one copy of the table for the loop, instead of one per call that takes it
        var top = topHits(need)
        var total = 0
        if let restriction = filter.restriction, let shortest = restriction.shortest,
           restriction.lists[shortest].count < intersection.lists[0].entries.count
        {
            filter.forEachMember(of: shortest, docs) { doc in
                guard let key = intersection.rank(doc) else { return }
                total += 1
                top.offer(key, doc)
            }
            return (total, top.sorted())
        }
        total = intersection.best(&top, docs: docs, filter: filter)
        return (total, top.sorted())
    }

    /// The documents a word matches without typos, and its materialized prefix when it has one.
    func matches(of word: QueryPlan.Word, fieldMask: UInt8) -> (entries: [UInt32], materialized: MaterializedPrefix?) {
        if !word.digitFragments.isEmpty, fieldMask == WordMatches.allFields {
            // Digits and, for digits alone, the keys they prefix: one word, materialized when large.
            // A field restriction applies to each part before their union, below.
            return digitMatches(word.digitFragments, prefix: word.prefix)
        }
        var matches: [UInt32] = []
        var materializedWord: MaterializedPrefix?
        if !word.prefix.isEmpty {
            if let prefix = materialized(word.prefix) {
                matches = WordMatches.restricted(prefix.entries, to: fieldMask)
                materializedWord = prefix
            } else {
                matches = rangeMatches(word.prefix, fieldMask: fieldMask)
            }
        }
        if !word.digitFragments.isEmpty {
            let (entries, digitWord) = digitMatches(word.digitFragments)
            let wanted = WordMatches.restricted(entries, to: fieldMask)
            materializedWord = matches.isEmpty ? digitWord : nil
            matches = matches.isEmpty ? wanted : WordMatches.union(matches, wanted)
        }
        return (matches, materializedWord)
    }

    /// The top hits of one materialized word: tiers in order, and in each tier the ranked part's
    /// documents in order, merged with the few documents added since the last ranking.
    private func tiered(_ prefix: MaterializedPrefix, _ need: Int) -> (Int, [TopHits.Item]) {
        let alive = docs.alive  // the alive bits alone: a copy of the table retains every column
        var hits: [TopHits.Item] = []
        for tier in prefix.tiers.keys.sorted() where (prefix.aliveByTier[tier] ?? 0) > 0 {
            guard let list = prefix.tiers[tier] else { continue }
            let wanted = need - hits.count
            let split = Self.lowerBound(list, rankedEnd)
            var head: [UInt32] = []
            for doc in list[..<split] where DocumentBitmap.contains(doc, in: alive) {
                head.append(doc)
                if head.count == wanted { break }
            }
            let tail = list[split...].filter { DocumentBitmap.contains($0, in: alive) }
            var merged = head
            if !tail.isEmpty {
                let order = staticOrder  // made only for a tail, once: it copies columns of the table
                merged = Self.merge(head, order.sorted(tail), order)
            }
            let key = withUnsafeBytes(of: tier) { RankKey(tiers: $0.bindMemory(to: UInt8.self)) }
            for doc in merged.prefix(wanted) { hits.append((key, doc)) }
            if hits.count >= need { break }
        }
        return (prefix.aliveCount, hits)
    }

    /// Every contact in static order, for an empty query.
    private func browse(_ need: Int, _ filter: ResolvedFilter) -> (Int, [TopHits.Item]) {
        let (docs, order) = (docs, staticOrder)
        if let shortest = filter.restriction?.shortest {
            var top = topHits(need)
            var total = 0
            filter.forEachMember(of: shortest, docs) { doc in
                total += 1
                top.offer(RankKey(raw: 0), doc)
            }
            return (total, top.sorted())
        }
        var head: [UInt32] = []
        var total = 0
        for doc in 0..<rankedEnd where docs.isAlive(doc) && filter.accepts(doc, docs) {
            total += 1
            if head.count < need {
                head.append(doc)
            } else if filter.isEmpty {
                break
            }
        }
        let tail = (rankedEnd..<UInt32(docs.count)).filter { docs.isAlive($0) && filter.accepts($0, docs) }
        total = filter.isEmpty ? docs.aliveCount : total + tail.count
        return (total, Self.merge(head, order.sorted(tail), order).prefix(need).map { (RankKey(raw: 0), $0) })
    }

    /// The order of this state's documents with equal rank keys.
    var staticOrder: StaticOrder { StaticOrder(rankedEnd: rankedEnd, docs: docs) }

    /// An empty heap for the best `need` hits of this state.
    func topHits(_ need: Int) -> TopHits {
        TopHits(capacity: need, order: staticOrder)
    }

    /// Two lists of documents, each in static order, merged into one.
    private static func merge(_ a: [UInt32], _ b: [UInt32], _ order: StaticOrder) -> [UInt32] {
        guard !b.isEmpty else { return a }
        var out: [UInt32] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && order.before(a[i], b[j])) {
                out.append(a[i]); i += 1
            } else {
                out.append(b[j]); j += 1
            }
        }
        return out
    }

    private static func lowerBound(_ list: ContiguousArray<UInt32>, _ value: UInt32) -> Int {
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    private func page(
        _ found: (total: Int, items: [TopHits.Item]), _ query: SearchQuery, _ plan: QueryPlan, typos: TypoMatches?, storedJSON: Bool
    ) -> SearchResult {
        let entries = docs.entries  // the hits read only these: a copy of the whole table retains every column
        let window = found.items.dropFirst(query.offset).prefix(query.limit)
        let highlighter = Highlighter(
            plan: plan, searchableFields: highlightedFields, phones: phones, digits: digits, typoPrefixes: typos?.prefixes ?? [])
        var scratch = Highlighter.Scratch()
        let hits = window.map { item in
            entries.withFields(item.doc) { json, record in
                SearchHit(
                    id: entries.id(item.doc), score: item.key.score(wordCount: plan.words.count),
                    contactJSON: storedJSON ? json : [],
                    highlights: json.withUnsafeBufferPointer { highlighter.highlights($0, record: record, of: item.doc, &scratch) },
                    typos: item.key.edits, typoWords: typos?.words(of: item.doc, plan: plan) ?? [], document: item.doc)
            }
        }
        return SearchResult(total: found.total, hits: hits)
    }
}

/// A filter with names resolved to the index's interned ids; nil when nothing can pass.
struct ResolvedFilter {
    var manager: UInt32?
    var channel: UInt32?
    var blocked: Bool?
    var verified: Bool?
    var restriction: DocumentRestriction?

    init?(_ filter: SearchFilter, _ docs: DocumentTable, restriction: DocumentRestriction? = nil) {
        self.restriction = restriction?.isEmpty == false ? restriction : nil
        if let name = filter.contactManager {
            guard let id = docs.managerID(name) else { return nil }
            manager = id
        }
        if let name = filter.channel {
            guard let bit = docs.channelBit(name) else { return nil }
            channel = bit
        }
        blocked = filter.blocked
        verified = filter.verified
    }

    var isEmpty: Bool { manager == nil && channel == nil && restriction == nil }

    /// Whether a document passes every condition.
    func accepts(_ doc: UInt32, _ docs: DocumentTable) -> Bool {
        acceptsColumns(doc, docs) && restriction?.isMember(doc) != false
    }

    /// Calls `body` with each live document of the restriction's list at `shortest` that passes
    /// every condition, in document order: a walk of that list instead of the words' matches.
    func forEachMember(of shortest: Int, _ docs: DocumentTable, _ body: (UInt32) -> Void) {
        guard let restriction else { return }
        var others = MembershipCursors(restriction, skipping: shortest)
        for doc in restriction.lists[shortest] where docs.isAlive(doc) && acceptsColumns(doc, docs) && others.contains(doc) {
            body(doc)
        }
    }

    /// Whether a document passes every condition but the restriction's lists.
    @inline(__always)
    func acceptsColumns(_ doc: UInt32, _ docs: DocumentTable) -> Bool {
        if let test = restriction?.test, !test(doc) { return false }
        if let manager, docs.managers[Int(doc)] != manager { return false }
        if let channel {
            guard docs.channelNames[Int(doc)] & channel != 0 else { return false }
            if let blocked, (docs.channelBlocked[Int(doc)] & channel != 0) != blocked { return false }
            if let verified, (docs.channelVerified[Int(doc)] & channel != 0) != verified { return false }
        }
        return true
    }
}

/// Membership of increasing document numbers in a restriction's lists, by galloping cursors.
struct MembershipCursors {
    private let lists: [ContiguousArray<UInt32>]
    private var cursors: [Int]

    /// Cursors over the restriction's lists but the one at `skipped`.
    init(_ restriction: DocumentRestriction?, skipping skipped: Int?) {
        lists = (restriction?.lists ?? []).enumerated().filter { $0.offset != skipped }.map(\.element)
        cursors = [Int](repeating: 0, count: lists.count)
    }

    /// Whether `doc`, at least every document asked before, is in every list.
    mutating func contains(_ doc: UInt32) -> Bool {
        for k in lists.indices where !DocumentRestriction.find(doc, in: lists[k], from: &cursors[k]) { return false }
        return true
    }
}
