/// The hits that match only with typos: each eligible query word may match a key one or two
/// edits away from a prefix of it.
struct TypoMatches {
    /// Hits with at least one typo edit.
    var total = 0
    /// The best of them, best first.
    var items: [TopHits.Item] = []
    /// The key prefixes the typo words matched, for highlights.
    var prefixes: [[UInt8]] = []
    /// For each kept hit, a bit per query word that matched only with typos.
    var wordMasks: [UInt32: UInt32] = [:]

    /// The edits a word may match with: none for digits, email addresses, words shorter than
    /// four characters and words longer than `TermDictionary.maximumTypoWordBytes`.
    static func allowedEdits(_ word: QueryPlan.Word, _ query: SearchQuery) -> Int {
        guard !word.prefix.isEmpty, word.prefix.count <= TermDictionary.maximumTypoWordBytes, word.digitFragments.isEmpty,
              TermDictionary.acceptsTypos(word.prefix)
        else { return 0 }
        let characters = word.prefix.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return query.allowedEdits(characters: characters)
    }

    /// The folded query words that a hit matched only with typos.
    func words(of doc: UInt32, plan: QueryPlan) -> [String] {
        guard let mask = wordMasks[doc] else { return [] }
        return plan.words.indices.filter { mask & 1 << UInt32($0) != 0 }.map { String(decoding: plan.words[$0].prefix, as: UTF8.self) }
    }
}

extension IndexState {
    /// Hits where every word matches, some only with typos, ranked by their edits first. Called
    /// when no document matches every word without typos.
    ///
    /// Each word's matches stay in the parts they come from (its own, keys some edits away,
    /// subtrees one edit away): the documents of each part are set in a bitmap, the words'
    /// bitmaps intersected and counted, and only the documents the ranking walk reaches are
    /// looked up in the parts. The walk goes in static order and stops at the first document
    /// that cannot beat the kept hits, since none after it can either.
    /// - Parameter edits: the edits each query word may match with.
    func typoMatches(_ plan: QueryPlan, edits: [Int], fieldMask: UInt8, filter: ResolvedFilter, need: Int) -> TypoMatches {
        var result = TypoMatches()
        var prefixes = Set<[UInt8]>()
        var words: [TypoWord] = []
        // Each word's matched key prefixes, nil for digits: whether two words can share a key.
        var wordPrefixes: [[[UInt8]]?] = []
        var bitmaps: [ContiguousArray<UInt64>] = []
        for (k, word) in plan.words.enumerated() {
            let part = typoWord(word, edits: edits[k], fieldMask: fieldMask)
            if part.word.isEmpty { return result }
            prefixes.formUnion(part.prefixes)
            words.append(part.word)
            wordPrefixes.append(word.digitFragments.isEmpty ? [word.prefix] + part.prefixes : nil)
            bitmaps.append(part.bitmap.words)
        }
        // One pass over the live documents and the first word's, then one per further word: no
        // copy of a cached word's bitmap to intersect in place. With no document deleted, the
        // live documents are all those the words' bitmaps can hold, and one word needs no pass.
        let matching = DocumentBitmap(intersecting: docs.aliveCount == docs.count ? bitmaps : [docs.alive] + bitmaps)
        let walk: TypoRanker
        let texts = wordPrefixes.map { $0?.first }
        (walk, result.total, result.items) = rankTypoMatches(
            matching, words, texts: texts, prefixes: wordPrefixes, filter: filter, need: need)
        result.prefixes = Array(prefixes)
        for item in result.items { result.wordMasks[item.doc] = walk.typoWords(of: item.doc) }
        return result
    }

    /// A query word's parts and their documents, from the cache when a recent search made them
    /// and no document was added since.
    private func typoWord(_ word: QueryPlan.Word, edits: Int, fieldMask: UInt8) -> TypoWordCache.Entry {
        let key = TypoWordCache.Key(prefix: word.prefix, edits: edits, fieldMask: fieldMask)
        let cacheable = word.digitFragments.isEmpty
        if cacheable, let cached = typoWordCache.entry(key) { return cached }
        let (terms, postings) = (terms, postings)  // one copy each, not one per term
        var typoWord = TypoWord()
        var prefixes = Set<[UInt8]>()
        let (exact, materializedWord) = matches(of: word, fieldMask: fieldMask)
        add(exact, materializedWord, edits: 0, fieldMask: fieldMask, to: &typoWord)
        if edits > 0 {
            var entries: [UInt64] = []
            var subtrees: [(prefix: [UInt8], node: Int32)] = []
            word.prefix.withUnsafeBufferPointer { typed in
                terms.forEachTerm(within: edits, of: typed) { term, prefix, distance, node in
                    guard let term else {
                        subtrees.append((Array(prefix), node))
                        return
                    }
                    guard distance > 0 else { return }
                    prefixes.insert(Array(prefix))
                    let whole = prefix.count == terms.length(term) && prefix.count > 1
                    let count = postings.count(of: term)
                    guard count < Self.typoListThreshold else {
                        // A frequent key is a part of its own: its postings are in document
                        // order already, one per document, and need no sort with the others.
                        let prefixBit = whole ? 0 : UInt32(WordMatches.prefixBit)
                        var list: [UInt32] = []
                        list.reserveCapacity(count)
                        postings.forEach(of: term) { posting in
                            if WordMatches.isInFields(posting, fieldMask) { list.append(posting | prefixBit) }
                        }
                        if !list.isEmpty { typoWord.add(list: TypoWord.List(entries: list, edits: UInt8(distance))) }
                        return
                    }
                    postings.forEach(of: term) { posting in
                        guard WordMatches.isInFields(posting, fieldMask) else { return }
                        entries.append(TypoWord.posting(posting, edits: distance, whole: whole))
                    }
                }
            }
            var stack: [Int32] = []  // the trie walks' scratch, one for every subtree
            for (subtree, node) in subtrees {
                prefixes.insert(subtree)
                // A small subtree's postings join the word's loose postings; a large one is
                // materialized. Either way the subtree's own key, one edit from the word, matches
                // as a whole word, and the keys below it as prefixes, as their tiers say.
                let large = materialized(subtree, typoSubtree: node, stack: &stack) { posting in
                    guard WordMatches.isInFields(posting, fieldMask) else { return }
                    entries.append(TypoWord.posting(posting, edits: 1, whole: true))
                }
                if let large {
                    let found = WordMatches.restricted(large.entries, to: fieldMask)
                    add(found, large, edits: 1, fieldMask: fieldMask, to: &typoWord)
                }
            }
            typoWord.add(postings: entries)
        }
        var bitmap = DocumentBitmap(documentCount: docs.count)
        typoWord.insert(into: &bitmap)
        let entry = TypoWordCache.Entry(word: typoWord, bitmap: bitmap, prefixes: Array(prefixes))
        if cacheable { typoWordCache.keep(entry, for: key) }
        return entry
    }

    /// Documents shared by every word up to which the ranking walk reads them all, without a
    /// bound to stop at.
    static let unboundedWalk = 256

    /// Postings of one key, reached with typos, past which the key is a part of its own instead
    /// of joining the loose postings (sorted with them at every search: a key like `александр`,
    /// two byte edits from `алекандр`, lists 20,000 documents at 1,000,000 contacts).
    static let typoListThreshold = 256

    /// A word's part: its tier map when it is dense and the search reads every field, else its
    /// sorted list.
    private func add(
        _ entries: [UInt32], _ materialized: MaterializedPrefix?, edits: UInt8, fieldMask: UInt8, to word: inout TypoWord
    ) {
        // A materialized prefix read in every field knows the tiers of its live documents.
        let live = fieldMask == WordMatches.allFields ? materialized.map { Array($0.aliveByTier.filter { $0.value > 0 }.keys) } : nil
        if let materialized, let live, let tiers = materialized.tierByDocument, let bitmap = materialized.bitmap {
            word.add(dense: TypoWord.Dense(tiers: tiers, bitmap: bitmap, lists: materialized.tiers, edits: edits), tiers: live)
        } else if !entries.isEmpty {
            let (bitmap, byTier) = live != nil ? (materialized?.bitmap, materialized?.tiers) : (nil, nil)
            word.add(list: TypoWord.List(entries: entries, edits: edits, bitmap: bitmap, byTier: byTier), tiers: live)
        }
    }

    /// The documents of `matching` that pass `filter`, counted, the best `need` of them, and the
    /// ranker that read their keys. Most walks in static order stop after a few documents. When
    /// nothing filters the documents, they are more than a sixteenth of all, and the walk reads
    /// on past `materializeThreshold / 2` of them (no document reaches the bound it stops at),
    /// the words' matches are combined best first instead; when that costs more than reading
    /// every document, the walk reads on.
    /// - Parameters:
    ///   - texts: each word's folded text, nil for a word of digits.
    ///   - prefixes: each word's matched key prefixes, nil for a word of digits.
    private func rankTypoMatches(
        _ matching: DocumentBitmap, _ words: [TypoWord], texts: [[UInt8]?], prefixes: [[[UInt8]]?], filter: ResolvedFilter,
        need: Int
    ) -> (ranker: TypoRanker, total: Int, items: [TopHits.Item]) {
        let count = matching.count
        let walk = TypoRanker(words, documentCount: docs.count, matching: matching)
        // The bound's checks read listed documents, a few nanoseconds each: at most eight per
        // document the walk may read, tens of nanoseconds each. A walk of a few documents needs
        // no bound.
        let bound = filter.isEmpty && count > Self.unboundedWalk
            ? TypoBound.over(words, texts: texts, prefixes: prefixes, matching: matching, ranker: walk, budget: 8 * count)
            : RankKey(raw: 0)
        // Combining costs about two steps per listed entry (split by match, mapped) before any
        // document is read, and its combinations cost more than the walk unless the walk would
        // read very many documents (measured at 1,000,000 contacts: it pays at 100,000, not at
        // 30,000). It pays too when the words list more entries than they share documents
        // (`Marria Marti` at 200,000 contacts: 28,745 shared, 30,931 listed; 1,394 -> 434 us).
        let combinable = filter.isEmpty && count > denseThreshold
        let limit = combinable ? materializeThreshold / 2 : .max
        if let (total, items) = walkTypoMatches(matching, count: count, walk, bound: bound, filter: filter, need: need, visiting: limit) {
            return (walk, total, items)
        }
        if let combinations = TypoCombinations(words) {
            // Combinations ask for documents out of order.
            walk.fillMaps()
            // Give up past what walking every document would read (and a floor, for the cost of
            // visiting combinations).
            let budget = max(count, 2_048)
            if let items = combinations.search(need, ranker: walk, docs: docs, order: staticOrder, budget: budget) {
                return (walk, count, items)
            }
        }
        let (total, items) = walkTypoMatches(matching, count: count, walk, bound: bound, filter: filter, need: need, visiting: .max)!
        return (walk, total, items)
    }

    /// The documents of `matching` that pass `filter`, counted, and the best `need` of them: in
    /// static order, up to the first that cannot enter the kept hits when nothing filters them;
    /// nil when that walk would read more than `limit` documents of the ranked part.
    private func walkTypoMatches(
        _ matching: DocumentBitmap, count: Int, _ walk: TypoRanker, bound: RankKey, filter: ResolvedFilter, need: Int,
        visiting limit: Int
    ) -> (total: Int, items: [TopHits.Item])? {
        let docs = docs  // one copy of the table for the loop, instead of one per call that takes it
        var top = topHits(need)
        let everything = 0..<UInt32(docs.count)
        if filter.isEmpty {
            var left = limit
            matching.forEach(in: 0..<rankedEnd) { doc in
                left -= 1
                guard left >= 0 else { return false }
                let key = walk.key(doc)
                var bar = top.bar
                if bar.admits(key, doc) {
                    top.offer(key, doc)
                    bar = top.bar
                }
                // Every later document of the ranked part has a key of at least `bound` and a
                // larger number: none enters once the worst kept hit has that key.
                return bar.worstKey != bound.raw
            }
            guard left >= 0 else { return nil }
            matching.forEach(in: rankedEnd..<everything.upperBound) { doc in
                let key = walk.key(doc)
                if top.bar.admits(key, doc) { top.offer(key, doc) }
                return true
            }
            return (count, top.sorted())
        }
        var total = 0
        if let restriction = filter.restriction, let shortest = restriction.shortest {
            filter.forEachMember(of: shortest, docs) { doc in
                guard matching.contains(doc) else { return }
                total += 1
                top.offer(walk.key(doc), doc)
            }
            return (total, top.sorted())
        }
        matching.forEach(in: everything) { doc in
            guard filter.acceptsColumns(doc, docs) else { return true }
            total += 1
            let key = walk.key(doc)
            if top.bar.admits(key, doc) { top.offer(key, doc) }
            return true
        }
        return (total, top.sorted())
    }
}
