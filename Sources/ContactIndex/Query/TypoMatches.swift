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
        guard !word.prefix.isEmpty, word.digitFragments.isEmpty, acceptsTypos(word.prefix) else { return 0 }
        let characters = word.prefix.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return query.allowedEdits(characters: characters)
    }

    /// Whether folded bytes (a query word, a key) may take part in a typo match: not when they
    /// hold a digit or an `@`.
    static func acceptsTypos(_ bytes: some Sequence<UInt8>) -> Bool {
        !bytes.contains { $0 == UInt8(ascii: "@") || (0x30...0x39).contains($0) }
    }

    /// The folded query words that a hit matched only with typos.
    func words(of doc: UInt32, plan: QueryPlan) -> [String] {
        guard let mask = wordMasks[doc] else { return [] }
        return plan.words.indices.filter { mask & 1 << UInt32($0) != 0 }.map { String(decoding: plan.words[$0].prefix, as: UTF8.self) }
    }
}

extension IndexState {
    /// Hits where every word matches, some only with typos, ranked by their edits first.
    /// - Parameter edits: the edits each query word may match with.
    func typoMatches(_ plan: QueryPlan, edits: [Int], fieldMask: UInt8, filter: ResolvedFilter, need: Int) -> TypoMatches {
        let docs = docs  // one copy of the table for the loop, instead of one per call that takes it
        var result = TypoMatches()
        var prefixes = Set<[UInt8]>()
        var lists: [(word: Int, entries: [UInt64])] = []
        for (k, word) in plan.words.enumerated() {
            var entries = matches(of: word, fieldMask: fieldMask).entries.map { UInt64($0 >> 8) << 16 | UInt64($0 & 0xFF) }
            if edits[k] > 0 {
                var subtrees: [[UInt8]] = []
                word.prefix.withUnsafeBufferPointer { typed in
                    terms.forEachTerm(within: edits[k], of: typed) { term, prefix, distance in
                        guard let term else {
                            subtrees.append(Array(prefix))
                            return
                        }
                        guard distance > 0 else { return }
                        guard terms.withKey(term, TypoMatches.acceptsTypos) else { return }
                        prefixes.insert(Array(prefix))
                        let whole = prefix.count == terms.length(term) && prefix.count > 1
                        postings.forEach(of: term) { posting in
                            guard WordMatches.isInFields(posting, fieldMask) else { return }
                            let tier = UInt64(posting & 0x7F) | (whole ? 0 : UInt64(WordMatches.prefixBit))
                            entries.append(UInt64(posting >> 8) << 16 | UInt64(distance) << 8 | tier)
                        }
                    }
                }
                for subtree in subtrees {
                    prefixes.insert(subtree)
                    let found = matches(of: QueryPlan.Word(prefix: subtree, digitFragments: []), fieldMask: fieldMask).entries
                    for entry in found { entries.append(UInt64(entry >> 8) << 16 | 1 << 8 | UInt64(entry & 0x7F | WordMatches.prefixBit)) }
                }
            }
            entries.sort()
            var out = 0
            for i in entries.indices where out == 0 || entries[out - 1] >> 16 != entries[i] >> 16 {
                entries[out] = entries[i]
                out += 1
            }
            entries.removeLast(entries.count - out)
            if entries.isEmpty { return result }
            lists.append((k, entries))
        }
        lists.sort { $0.entries.count < $1.entries.count }
        var top = topHits(need)
        var tiers = [UInt8](repeating: 0, count: lists.count)
        var cursors = [Int](repeating: 0, count: lists.count)
        outer: for entry in lists[0].entries {
            let doc = UInt32(entry >> 16)
            guard docs.isAlive(doc), filter.accepts(doc, docs) else { continue }
            var distance = Int(entry >> 8 & 0xFF)
            tiers[0] = UInt8(truncatingIfNeeded: entry)
            for k in 1..<lists.count {
                guard let found = Self.seek(lists[k].entries, &cursors[k], doc) else { continue outer }
                distance += Int(found >> 8 & 0xFF)
                tiers[k] = UInt8(truncatingIfNeeded: found)
            }
            guard distance > 0 else { continue }
            result.total += 1
            let key = tiers.withUnsafeBufferPointer { RankKey(tiers: $0) }.adding(edits: distance)
            top.offer(key, doc)
        }
        result.items = top.sorted()
        result.prefixes = Array(prefixes)
        for item in result.items {
            var mask: UInt32 = 0
            for list in lists {
                var cursor = 0
                if let found = Self.seek(list.entries, &cursor, item.doc), found >> 8 & 0xFF > 0 { mask |= 1 << UInt32(list.word) }
            }
            result.wordMasks[item.doc] = mask
        }
        return result
    }

    /// The entry of `doc` in a list sorted by document, searched from `cursor` by galloping.
    private static func seek(_ list: [UInt64], _ cursor: inout Int, _ doc: UInt32) -> UInt64? {
        list.withUnsafeBufferPointer { buffer in
            let at = WordMatches.gallop(buffer, &cursor, to: UInt64(doc) << 16)
            return at < buffer.count && buffer[at] >> 16 == UInt64(doc) ? buffer[at] : nil
        }
    }
}
