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

    /// The edits a word may match with: none for digits, email addresses and words shorter than
    /// four characters.
    static func allowedEdits(_ word: QueryPlan.Word, _ query: SearchQuery) -> Int {
        guard !word.prefix.isEmpty, word.digitFragments.isEmpty, TermDictionary.acceptsTypos(word.prefix) else { return 0 }
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
    /// - Parameter edits: the edits each query word may match with.
    func typoMatches(_ plan: QueryPlan, edits: [Int], fieldMask: UInt8, filter: ResolvedFilter, need: Int) -> TypoMatches {
        let (terms, postings) = (terms, postings)  // one copy each, not one per term
        var result = TypoMatches()
        var prefixes = Set<[UInt8]>()
        var lists: [WordIntersection.Matches] = []
        /// Each word's sorted runs and large subtrees one edit away (nil runs for words without
        /// typos), and its number of matches, or more.
        var words: [(runs: [[UInt64]]?, large: [MaterializedPrefix], size: Int)] = []
        for (k, word) in plan.words.enumerated() {
            let (exact, materializedWord) = matches(of: word, fieldMask: fieldMask)
            guard edits[k] > 0 else {
                if exact.isEmpty { return result }
                let tiers = fieldMask == WordMatches.allFields ? materializedWord?.tierByDocument : nil
                lists.append(WordIntersection.Matches(entries: exact, tiers: tiers, word: k))
                words.append((nil, [], exact.count))
                continue
            }
            var runs = [exact.map { UInt64($0 >> 8) << 16 | UInt64($0 & 0xFF) }]
            var entries: [UInt64] = []
            var subtrees: [[UInt8]] = []
            word.prefix.withUnsafeBufferPointer { typed in
                terms.forEachTerm(within: edits[k], of: typed) { term, prefix, distance in
                    guard let term else {
                        subtrees.append(Array(prefix))
                        return
                    }
                    guard distance > 0 else { return }
                    prefixes.insert(Array(prefix))
                    let whole = prefix.count == terms.length(term) && prefix.count > 1
                    postings.forEach(of: term) { posting in
                        guard WordMatches.isInFields(posting, fieldMask) else { return }
                        let tier = UInt64(posting & 0x7F) | (whole ? 0 : UInt64(WordMatches.prefixBit))
                        entries.append(UInt64(posting >> 8) << 16 | UInt64(distance) << 8 | tier)
                    }
                }
            }
            var large: [MaterializedPrefix] = []
            for subtree in subtrees {
                prefixes.insert(subtree)
                let (found, materialized) = matches(of: QueryPlan.Word(prefix: subtree, digitFragments: []), fieldMask: fieldMask)
                if fieldMask == WordMatches.allFields, let materialized, materialized.tierByDocument != nil {
                    large.append(materialized)
                } else {
                    runs.append(Self.oneEditRun(found))
                }
            }
            WordMatches.radixSort(&entries, bits: 16..<40)
            runs.append(entries)
            words.append((runs, large, large.reduce(runs.reduce(0) { $0 + $1.count }) { $0 + $1.entries.count }))
        }
        // The word with the fewest matches is walked, so its large subtrees join its other
        // matches; the other words keep theirs apart, as a tier per document.
        let walked = words.indices.min { words[$0].size < words[$1].size }
        for (k, word) in words.enumerated() {
            guard let runs = word.runs else { continue }
            var matches: WordIntersection.Matches
            if k == walked {
                matches = Self.typoWordMatches(runs + word.large.map { Self.oneEditRun($0.entries) }, word: k)
            } else {
                matches = Self.typoWordMatches(runs, word: k)
                matches.oneEdit = word.large.compactMap { prefix in prefix.tierByDocument.map { ($0, prefix.entries.count) } }
            }
            if matches.count == 0 { return result }
            lists.append(matches)
        }
        var intersection = WordIntersection(lists)
        (result.total, result.items) = intersect(&intersection, filter: filter, need: need)
        result.prefixes = Array(prefixes)
        for item in result.items { result.wordMasks[item.doc] = intersection.typoWords(of: item.doc) }
        return result
    }

    /// A subtree's matches as a run of entries one edit away, as prefixes.
    private static func oneEditRun(_ entries: [UInt32]) -> [UInt64] {
        entries.map { UInt64($0 >> 8) << 16 | 1 << 8 | UInt64($0 & 0x7F | WordMatches.prefixBit) }
    }

    /// One word's matches from runs of entries `doc << 16 | edits << 8 | tier`, each sorted by
    /// document: for each document, its fewest edits and then its best tier. The two shortest
    /// runs are merged first, so that a large run (a common prefix) is copied once.
    private static func typoWordMatches(_ runs: [[UInt64]], word: Int) -> WordIntersection.Matches {
        var runs = runs.filter { !$0.isEmpty }
        while runs.count > 1 {
            runs.sort { $0.count > $1.count }
            let shorter = runs.removeLast()
            runs.append(merge(runs.removeLast(), shorter))
        }
        let merged = runs.first ?? []
        var entries: [UInt32] = [], edits: [UInt8] = []
        entries.reserveCapacity(merged.count)
        edits.reserveCapacity(merged.count)
        var i = 0
        while i < merged.count {
            var best = merged[i]
            var j = i + 1
            while j < merged.count && merged[j] >> 16 == best >> 16 {
                best = min(best, merged[j])
                j += 1
            }
            entries.append(UInt32(best >> 16) << 8 | UInt32(best & 0xFF))
            edits.append(UInt8(truncatingIfNeeded: best >> 8))
            i = j
        }
        return WordIntersection.Matches(entries: entries, edits: edits, word: word)
    }

    /// Two runs sorted by document merged into one.
    private static func merge(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        [UInt64](unsafeUninitializedCapacity: a.count + b.count) { out, count in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    var i = 0, j = 0
                    while i < a.count && j < b.count {
                        if a[i] >> 16 <= b[j] >> 16 {
                            out[i + j] = a[i]; i += 1
                        } else {
                            out[i + j] = b[j]; j += 1
                        }
                    }
                    while i < a.count { out[i + j] = a[i]; i += 1 }
                    while j < b.count { out[i + j] = b[j]; j += 1 }
                }
            }
            count = a.count + b.count
        }
    }
}
