/// The top hits of a typo pass whose words many documents share, found without ranking every
/// one of them (`Marria Mart`: 143,505 documents, none of which reaches the bound the plain walk
/// stops at, since no contact has both words first in its name).
///
/// Each word's matches are grouped by what they add to a key (`edits << 8 | tier`), best first,
/// each group as lists of documents in document order: a dense part's lists by tier, and the
/// word's lists and loose postings split by match. Combinations of one match per word are
/// visited in increasing key, as `TierCombinations` does for typo-free words; for each, the
/// group with the fewest documents is walked, and a document is a hit when its best match in
/// every word is the combination's. In the ranked part documents come in static order, so a
/// list's walk stops at its first hit the kept hits beat, and the search stops once the next
/// combination's key is worse than every kept hit. Past a budget of documents read it gives up,
/// and the caller ranks every shared document instead.
struct TypoCombinations {
    /// Per word, its matches (`edits << 8 | tier`), best first.
    private let matches: [[UInt16]]
    /// Per word and match, the lists of documents that have it (maybe not as their best).
    private let lists: [[[ContiguousArray<UInt32>]]]
    /// Per word and match, the documents of its lists.
    private let sizes: [[Int]]

    /// The most words a search by combinations takes: a combination holds a byte per word.
    static let maximumWords = 8

    /// Groups the words' matches, or nil when there are too many words or matches to combine.
    init?(_ words: [TypoWord]) {
        guard words.count <= Self.maximumWords else { return nil }
        var matches: [[UInt16]] = [], lists: [[[ContiguousArray<UInt32>]]] = [], sizes: [[Int]] = []
        var edits = 0
        for word in words {
            var groups: [UInt16: [ContiguousArray<UInt32>]] = [:]
            for part in word.dense {
                for (tier, docs) in part.lists where !docs.isEmpty {
                    groups[UInt16(part.edits) << 8 | UInt16(tier), default: []].append(docs)
                }
            }
            for list in word.lists {
                let high = UInt16(list.edits) << 8
                Self.split(list.entries, docShift: 8) { high | UInt16(UInt8(truncatingIfNeeded: $0)) } into: { groups[$0, default: []].append($1) }
            }
            Self.split(word.postings, docShift: 16) { UInt16(truncatingIfNeeded: $0) } into: { groups[$0, default: []].append($1) }
            let ordered = groups.keys.sorted { Self.part(of: $0) < Self.part(of: $1) }
            guard !ordered.isEmpty, ordered.count <= 255 else { return nil }
            edits += Int(ordered.last! >> 8)
            matches.append(ordered)
            lists.append(ordered.map { groups[$0]! })
            sizes.append(ordered.map { groups[$0]!.reduce(0) { $0 + $1.count } })
        }
        // A key counts seven edits at most: past that, adding an edit would not raise it.
        guard edits <= 7 else { return nil }
        self.matches = matches
        self.lists = lists
        self.sizes = sizes
    }

    /// Splits entries sorted by document (`doc << docShift | …`) by their match, in two passes
    /// (count, then place) instead of growing an array per match entry by entry; a document
    /// with several entries of one match is kept once.
    private static func split<Entry: FixedWidthInteger>(
        _ entries: [Entry], docShift: Entry, match: (Entry) -> UInt16, into body: (UInt16, ContiguousArray<UInt32>) -> Void
    ) {
        guard !entries.isEmpty else { return }
        // A match is `edits << 8 | tier`, with two edits at most.
        var counts = [Int](repeating: 0, count: 3 << 8)
        for entry in entries { counts[Int(match(entry))] += 1 }
        var starts = counts
        var total = 0
        for code in counts.indices where counts[code] > 0 {
            starts[code] = total
            total += counts[code]
        }
        var placed = [UInt32](repeating: 0, count: total)
        var ends = starts
        placed.withUnsafeMutableBufferPointer { placed in
            for entry in entries {
                let code = Int(match(entry)), doc = UInt32(truncatingIfNeeded: entry >> docShift)
                if ends[code] > starts[code], placed[ends[code] - 1] == doc { continue }
                placed[ends[code]] = doc
                ends[code] += 1
            }
        }
        for code in counts.indices where counts[code] > 0 {
            body(UInt16(code), ContiguousArray(placed[starts[code]..<ends[code]]))
        }
    }

    /// What a match adds to a key, edits first: a key's edits outrank every tier.
    private static func part(of match: UInt16) -> UInt64 {
        UInt64(match >> 8) << 32 | UInt64(RankKey.part(of: UInt8(truncatingIfNeeded: match)))
    }

    /// The best `need` live documents every word matches, best first, or nil when finding them
    /// would cost more than reading `budget` documents.
    func search(_ need: Int, ranker: TypoRanker, docs: DocumentTable, order: StaticOrder, budget: Int) -> [TopHits.Item]? {
        var top = TopHits(capacity: need, order: order)
        guard need > 0 else { return [] }
        var frontier = CombinationHeap()
        frontier.push(Combination(key: key(of: 0), positions: 0, moved: 0))
        var offered = Set<UInt32>()
        var left = budget
        while let combination = frontier.pop(), combination.key <= top.bar.worstKey {
            left -= Self.combinationCost
            guard walk(combination, &top, &offered, ranker: ranker, docs: docs, rankedEnd: order.rankedEnd, budget: &left) else {
                return nil
            }
            frontier.pushSuccessors(of: combination, count: { matches[$0].count }, words: matches.count, key: key(of:))
        }
        return top.sorted()
    }

    /// What visiting a combination costs beside its documents, in documents read.
    private static let combinationCost = 32

    /// Offers `top` the live documents whose best match in every word is the combination's,
    /// walking the word whose group is smallest; false when that would cost more than `budget`
    /// (in documents read), which is lowered by what it cost.
    private func walk(
        _ combination: Combination, _ top: inout TopHits, _ offered: inout Set<UInt32>, ranker: TypoRanker, docs: DocumentTable,
        rankedEnd: UInt32, budget: inout Int
    ) -> Bool {
        let wanted = matches.indices.map { matches[$0][combination.position($0)] }
        let walked = matches.indices.min { sizes[$0][combination.position($0)] < sizes[$1][combination.position($1)] }!
        let key = RankKey(raw: combination.key)
        func isHit(_ doc: UInt32) -> Bool {
            guard docs.isAlive(doc) else { return false }
            return wanted.indices.allSatisfy { ranker.match(word: $0, in: doc) == wanted[$0] }
        }
        for list in lists[walked][combination.position(walked)] {
            var split = 0
            _ = WordMatches.gallop(list, &split, to: rankedEnd)
            for doc in list[..<split] {
                budget -= 1
                guard budget >= 0 else { return false }
                guard isHit(doc) else { continue }
                // Later documents of the ranked part come after this one, with the same key.
                guard top.bar.admits(key, doc) else { break }
                // A document whose best match is in two lists of one group is offered once.
                if offered.insert(doc).inserted { top.offer(key, doc) }
            }
            budget -= list.count - split
            guard budget >= 0 else { return false }
            for doc in list[split...] where isHit(doc) && top.bar.admits(key, doc) && offered.insert(doc).inserted {
                top.offer(key, doc)
            }
        }
        return true
    }

    /// The key of a combination: its edits, then the sum of its tiers.
    private func key(of positions: UInt64) -> UInt32 {
        RankKey.combining(words: matches.count) { matches[$0][Combination.position($0, in: positions)] }.raw
    }
}
