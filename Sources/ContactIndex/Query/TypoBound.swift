/// The lowest rank key a document that every word of a typo pass matches can have. The ranking
/// walk stops once its worst kept hit has it, so the tighter it is the sooner the walk stops.
///
/// Each word brings the kinds of match its parts hold (`edits << 8 | tier`). The lowest sum of one
/// kind per word is such a key, except that two words no one key can match cannot both stand at
/// the same position of the name (`jhon` and `smit` are not both a first name): without that
/// rule, the walk of `jhon smit` would look for a contact whose first name is both and read
/// every match. Two words can match one key when one is within their edits together of a prefix
/// of the other: both are then within reach of the key's shorter matched prefix. When the key
/// prefixes each word matched are known, they tell it exactly: a key both words match starts
/// with a prefix each matched, so one of the two starts with the other (`jonh` and `c` share no
/// key: `jonh` matched `john`, `jon` and `joh`, none of which starts with `c` or starts it).
struct TypoBound {
    /// The kinds of match a word's parts hold, a bit per `edits << 8 | tier` (edits 0 to 2).
    struct Kinds {
        private var bits = [UInt64](repeating: 0, count: 12)

        /// Adds the kinds of a set of tiers, all with `edits`.
        mutating func insert(_ tiers: TierSet, edits: UInt8) {
            let row = Int(min(edits, 2)) * 4
            bits[row] |= tiers.bits.0
            bits[row + 1] |= tiers.bits.1
            bits[row + 2] |= tiers.bits.2
            bits[row + 3] |= tiers.bits.3
        }

        /// Adds one kind.
        mutating func insert(edits: UInt8, tier: UInt8) {
            let bit = Int(min(edits, 2)) * 256 + Int(tier)
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }

        /// Removes a kind, `edits << 8 | tier`.
        mutating func remove(_ code: UInt16) {
            let bit = Int(code >> 8) * 256 + Int(code & 0xFF)
            bits[bit >> 6] &= ~(1 << UInt64(bit & 63))
        }

        /// The kinds, `edits << 8 | tier`, lowest first.
        var codes: [UInt16] {
            var codes: [UInt16] = []
            for (i, word) in bits.enumerated() {
                var word = word
                while word != 0 {
                    let bit = i * 64 + word.trailingZeroBitCount
                    codes.append(UInt16(bit / 256) << 8 | UInt16(bit % 256))
                    word &= word - 1
                }
            }
            return codes
        }
    }

    /// A set of tiers, a bit each.
    struct TierSet {
        fileprivate var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        @inline(__always)
        mutating func insert(_ tier: UInt8) {
            let bit: UInt64 = 1 << UInt64(tier & 63)
            switch tier >> 6 {
            case 0: bits.0 |= bit
            case 1: bits.1 |= bit
            case 2: bits.2 |= bit
            default: bits.3 |= bit
            }
        }
    }

    /// The bound.
    let key: RankKey
    /// The kind of each word that reaches it, nil when the search gave up.
    let kinds: [UInt16]?

    /// Visits of the search for the lowest allowed sum past which the plain sum of each word's
    /// lowest kind is taken instead (still a bound, only looser).
    static let searchBudget = 4_096

    /// - Parameters:
    ///   - kinds: each word's kinds of match; none may be empty.
    ///   - texts: each word's folded text, nil for a word that may share a key with any other.
    ///   - prefixes: each word's matched key prefixes (its text and those its typos reached), nil
    ///     when not known.
    init(kinds: [Kinds], texts: [[UInt8]?], prefixes: [[[UInt8]]?]? = nil) {
        self.init(kinds: kinds, reach: Self.reach(texts: texts, prefixes: prefixes), excluded: [])
    }

    /// - Parameters:
    ///   - reach: `reach(texts:prefixes:)` of the words.
    ///   - excluded: combinations of one kind per word that no document has.
    private init(kinds: [Kinds], reach: [[Int]], excluded: Set<[UInt16]>) {
        let options = kinds.map { $0.codes.sorted { Self.cost($0) < Self.cost($1) } }
        let n = options.count
        // What the words from each one on add at least, apart: edits, then tiers' parts.
        var restEdits = [Int](repeating: 0, count: n + 1)
        var restParts = [UInt32](repeating: 0, count: n + 1)
        for k in stride(from: n - 1, through: 0, by: -1) {
            restEdits[k] = restEdits[k + 1] + (options[k].map { Int($0 >> 8) }.min() ?? 0)
            restParts[k] = restParts[k + 1] + (options[k].map { RankKey.part(of: UInt8(truncatingIfNeeded: $0)) }.min() ?? 0)
        }
        var search = Search(options: options, reach: reach, restEdits: restEdits, restParts: restParts, excluded: excluded)
        var chosen = [UInt16](repeating: 0, count: n)
        search.visit(0, edits: 0, parts: 0, &chosen)
        let done = search.left >= 0 && search.best != .max
        key = RankKey(raw: search.left < 0 ? Self.key(edits: restEdits[0], parts: restParts[0]) : search.best)
        self.kinds = done ? search.bestKinds : nil
    }

    /// For each pair of words, the fewest edits they need together to match one key (`.max`
    /// when no key can match both): the same whatever kinds the bound is taken over.
    private static func reach(texts: [[UInt8]?], prefixes: [[[UInt8]]?]?) -> [[Int]] {
        let n = texts.count
        var reach = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        for a in 0..<n {
            for b in 0..<n where a < b {
                guard let x = texts[a], let y = texts[b] else { continue }
                reach[a][b] = prefixDistance(x, y)
                if let prefixes, let p = prefixes[a], let q = prefixes[b], !shareAKey(p, q) { reach[a][b] = .max }
                reach[b][a] = reach[a][b]
            }
        }
        return reach
    }

    /// The bound over the kinds that some document of `matching` has, each word's kinds checked
    /// lazily: those of the lowest sum first, and the sum taken again without the ones no such
    /// document has (a word's rare kind, such as a whole email key one edit away, that no
    /// document the other words match has: the walk would read every match looking for it).
    /// Then the lowest sum's kinds together: a document of `matching` whose key is the bound is
    /// looked for among those of the chosen kind that the fewest documents have, and when none
    /// is, the sum is taken again without that combination (`maria sill`: many Marias, a few
    /// keys a whole edit from `sill`, no contact with both).
    /// - Parameters:
    ///   - ranker: reads a document's key from the words' parts.
    ///   - budget: the documents the checks read at most, together.
    ///   - checks: the sums taken again at most.
    static func over(
        _ words: [TypoWord], texts: [[UInt8]?], prefixes: [[[UInt8]]?], matching: DocumentBitmap, ranker: TypoRanker,
        budget: Int, checks: Int = 16
    ) -> RankKey {
        var kinds = words.map(\.kinds)
        let pairs = reach(texts: texts, prefixes: prefixes)
        var excluded = Set<[UInt16]>()
        var bound = TypoBound(kinds: kinds, reach: pairs, excluded: excluded)
        var seen = Set<UInt32>()
        var left = budget
        for _ in 0..<checks {
            guard let chosen = bound.kinds else { break }
            var removed = false
            for (k, code) in chosen.enumerated() where seen.insert(UInt32(k) << 16 | UInt32(code)).inserted {
                // A kind too costly to check is kept: still a bound, only looser.
                let estimate = words[k].documentEstimate(with: code)
                guard estimate <= left else { continue }
                left -= estimate
                guard !words[k].hasMatch(code, in: matching) else { continue }
                kinds[k].remove(code)
                removed = true
            }
            if !removed {
                guard let reached = reached(bound.key, chosen, words, matching: matching, ranker: ranker, budget: &left),
                      !reached
                else { break }
                excluded.insert(chosen)
            }
            bound = TypoBound(kinds: kinds, reach: pairs, excluded: excluded)
        }
        return bound.key
    }

    /// Whether a document of `matching` has `key`, looked for among the documents of the kind in
    /// `chosen` that the fewest documents have; nil when that would read more than `budget`.
    private static func reached(
        _ key: RankKey, _ chosen: [UInt16], _ words: [TypoWord], matching: DocumentBitmap, ranker: TypoRanker,
        budget: inout Int
    ) -> Bool? {
        let estimates = chosen.indices.map { words[$0].documentEstimate(with: chosen[$0]) }
        let k = estimates.indices.min { estimates[$0] < estimates[$1] }!
        guard estimates[k] <= budget else { return nil }
        budget -= estimates[k]
        return !words[k].forEachDocument(with: chosen[k]) { doc in
            !(matching.contains(doc) && ranker.key(anyOrder: doc) == key)
        }
    }

    /// The raw key of a document whose words add `edits` and `parts` (a typo pass has an edit).
    static func key(edits: Int, parts: UInt32) -> UInt32 {
        RankKey(raw: parts).adding(edits: max(1, edits)).raw
    }

    /// A kind's order among a word's: edits, then its tier's part.
    private static func cost(_ code: UInt16) -> UInt32 {
        UInt32(code >> 8) << 29 + RankKey.part(of: UInt8(truncatingIfNeeded: code))
    }

    /// The fewest edits between one text and a prefix of the other, either way (optimal string
    /// alignment).
    static func prefixDistance(_ x: [UInt8], _ y: [UInt8]) -> Int {
        let width = y.count + 1
        var rows = [Int](repeating: 0, count: (x.count + 1) * width)
        for j in 0...y.count { rows[j] = j }
        var best = min(x.count, y.count)
        for i in stride(from: 1, through: x.count, by: 1) {
            rows[i * width] = i
            for j in stride(from: 1, through: y.count, by: 1) {
                var cell = min(rows[(i - 1) * width + j] + 1, rows[i * width + j - 1] + 1,
                               rows[(i - 1) * width + j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { cell = min(cell, rows[(i - 2) * width + j - 2] + 1) }
                rows[i * width + j] = cell
            }
            best = min(best, rows[i * width + y.count])
        }
        for j in 0...y.count { best = min(best, rows[x.count * width + j]) }
        return best
    }

    /// Whether one of `a` starts with one of `b` or the other way round: whether a key may start
    /// with a prefix of each.
    static func shareAKey(_ a: [[UInt8]], _ b: [[UInt8]]) -> Bool {
        // In sorted order a prefix comes before the keys that start with it, and whatever lies
        // between them starts with it too: the chain of prefixes of each one is a stack.
        var all = a.map { (bytes: $0, side: 0) } + b.map { (bytes: $0, side: 1) }
        all.sort { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        var chain: [(bytes: [UInt8], side: Int)] = []
        var open = [0, 0]
        for item in all {
            while let top = chain.last, !item.bytes.starts(with: top.bytes) {
                open[top.side] -= 1
                chain.removeLast()
            }
            if open[1 - item.side] > 0 { return true }
            chain.append(item)
            open[item.side] += 1
        }
        return false
    }

    /// A depth-first search over one kind per word, lowest first, that leaves a branch once it
    /// cannot beat the best sum found.
    private struct Search {
        let options: [[UInt16]]
        let reach: [[Int]]
        let restEdits: [Int]
        let restParts: [UInt32]
        let excluded: Set<[UInt16]>
        var best = UInt32.max
        var bestKinds: [UInt16] = []
        var left = TypoBound.searchBudget

        mutating func visit(_ k: Int, edits: Int, parts: UInt32, _ chosen: inout [UInt16]) {
            guard k < options.count else {
                let key = TypoBound.key(edits: edits, parts: parts)
                if key < best, excluded.isEmpty || !excluded.contains(chosen) {
                    best = key
                    bestKinds = chosen
                }
                return
            }
            let list = options[k]
            var i = 0
            while i < list.count {
                let code = list[i]
                left -= 1
                guard left >= 0 else { return }
                let e = edits + Int(code >> 8), p = parts + RankKey.part(of: UInt8(truncatingIfNeeded: code))
                guard TypoBound.key(edits: e + restEdits[k + 1], parts: p + restParts[k + 1]) < best else {
                    // The kinds after it with as many edits add more and cannot beat the best
                    // either; one with more edits can, when a typo pass's one edit covers both.
                    while i < list.count && list[i] >> 8 == code >> 8 { i += 1 }
                    continue
                }
                i += 1
                guard !clashes(code, word: k, chosen) else { continue }
                chosen[k] = code
                visit(k + 1, edits: e, parts: p, &chosen)
            }
        }

        /// Whether a word's kind puts it at the same position of the name as an earlier word's
        /// chosen kind, when no one key can match both.
        private func clashes(_ code: UInt16, word k: Int, _ chosen: [UInt16]) -> Bool {
            let tier = UInt8(truncatingIfNeeded: code) & 0x7F
            let info = KeyInfo(raw: tier)
            guard info.field == .name, info.position < 15 else { return false }
            for j in 0..<k where UInt8(truncatingIfNeeded: chosen[j]) & 0x7F == tier {
                if reach[j][k] > Int(chosen[j] >> 8) + Int(code >> 8) { return true }
            }
            return false
        }
    }
}
