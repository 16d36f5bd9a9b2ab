extension TermDictionary {
    /// The longest query word, in folded bytes, that may match with typos: the walk keeps its
    /// sets of word lengths in 64-bit words. A name's word typed letter by letter is far shorter.
    static let maximumTypoWordBytes = 63

    /// Calls `body` with the keys that typos may match and that have a prefix within `maxEdits`
    /// edits of `word` (Damerau–Levenshtein with adjacent transpositions, on folded bytes), and
    /// the fewest edits over their prefixes. A key comes with its term and the prefix reaching
    /// those edits (the whole key when it does, else the shortest); a whole subtree comes as its
    /// prefix, its node in the typo trie and a nil term when that prefix is one edit away, since
    /// every key under it then is too (or none: subtrees matching with no edit at all are left to
    /// the exact search). Under such a subtree, each key that is itself one edit away as a whole
    /// (`maria` for `marai`, under `mari`) comes again as a subtree of its own, so that it can
    /// rank as a whole word.
    ///
    /// The walk descends the typo trie carrying, for each number of edits up to `maxEdits`, the
    /// set of word lengths whose prefix of the word is within that many edits of the node's path,
    /// as bits (a bit-parallel Levenshtein automaton: a node's sets are a few shifts and masks of
    /// its parent's and grandparent's). Paths stop at `word.count + maxEdits` bytes (deeper bytes
    /// cannot change the answer), and a node whose sets are all empty is not descended.
    /// - Precondition: `word` has at most `maximumTypoWordBytes` bytes, `maxEdits` is 1 or 2.
    func forEachTerm(
        within maxEdits: Int, of word: UnsafeBufferPointer<UInt8>,
        _ body: (_ term: UInt32?, _ prefix: UnsafeBufferPointer<UInt8>, _ edits: Int, _ subtree: Int32) -> Void
    ) {
        precondition(word.count <= Self.maximumTypoWordBytes && (1...2).contains(maxEdits))
        let trie = typoTrie
        let m = word.count
        let depthLimit = m + maxEdits
        let limit = Int32(maxEdits)
        let last: UInt64 = 1 << UInt64(m)
        let all = last | (last - 1)
        // Bit j of a byte's mask: the word's byte j - 1 is that byte.
        var masks = [UInt64](repeating: 0, count: 256)
        for (j, byte) in word.enumerated() { masks[Int(byte)] |= 1 << UInt64(j + 1) }
        // Per depth, three sets: bit j of set d when the path is within d edits of the word's
        // first j bytes (sets past `maxEdits` stay empty).
        var sets = [UInt64](repeating: 0, count: (depthLimit + 1) * 3)
        var path = [UInt8](repeating: 0, count: depthLimit + 1)
        /// The fewest edits of a prefix of the path up to each depth, and the shortest such prefix.
        var best = [(edits: Int32, length: Int)](repeating: (0, 0), count: depthLimit + 1)
        /// `whole`: under a subtree already reported, where only whole keys are looked for.
        var stack: [(node: Int32, depth: Int, whole: Bool)] = []
        for d in 0...maxEdits { sets[d] = (1 << UInt64(d + 1) - 1) & all }
        best[0] = (m <= maxEdits ? Int32(m) : limit + 1, 0)
        Self.push(childrenOf: 0, depth: 1, whole: false, in: trie, onto: &stack)
        masks.withUnsafeBufferPointer { masks in
            sets.withUnsafeMutableBufferPointer { sets in
                path.withUnsafeMutableBufferPointer { path in
                    while let (node, depth, whole) = stack.popLast() {
                        let byte = trie.bytes[Int(node)]
                        path[depth - 1] = byte
                        let parent = (depth - 1) * 3
                        let current = parent + 3
                        let match = masks[Int(byte)]
                        // Transposition: the word's bytes j - 2 and j - 1 are this byte and the one before.
                        let swapped = depth > 1 ? (match << 1) & masks[Int(path[depth - 2])] : 0
                        var below = (sets[parent] << 1) & match
                        sets[current] = below
                        for d in 1...maxEdits {
                            let fewer = sets[parent + d - 1]
                            var set = ((sets[parent + d] << 1) & match) | fewer << 1 | fewer | below << 1
                            if depth > 1 { set |= (sets[parent - 3 + d - 1] << 2) & swapped }
                            set &= all
                            sets[current + d] = set
                            below = set
                        }
                        let here: Int32 = sets[current] & last != 0 ? 0 : sets[current + 1] & last != 0 ? 1
                            : sets[current + 2] & last != 0 ? 2 : limit + 1
                        let rowMinimum: Int32 = sets[current] != 0 ? 0 : sets[current + 1] != 0 ? 1
                            : sets[current + 2] != 0 ? 2 : limit + 1
                        if whole {
                            // A key one edit away as a whole has at most one byte more than the word.
                            if here == 1, trie.terms[Int(node)] >= 0 { body(nil, UnsafeBufferPointer(rebasing: path[..<depth]), 1, node) }
                            if depth <= m, rowMinimum <= 1 {
                                Self.push(childrenOf: node, depth: depth + 1, whole: true, in: trie, onto: &stack)
                            }
                            continue
                        }
                        best[depth] = here < best[depth - 1].edits ? (here, depth) : best[depth - 1]
                        if here <= 1 {
                            if here == 1 {
                                body(nil, UnsafeBufferPointer(rebasing: path[..<depth]), 1, node)
                                if depth <= m { Self.push(childrenOf: node, depth: depth + 1, whole: true, in: trie, onto: &stack) }
                            }
                            continue
                        }
                        let (edits, length) = best[depth]
                        let dead = rowMinimum > limit
                        if edits <= limit, trie.terms[Int(node)] >= 0 {
                            let reach = !dead && here == edits ? depth : length
                            body(UInt32(trie.terms[Int(node)]), UnsafeBufferPointer(rebasing: path[..<reach]), Int(edits), -1)
                        }
                        guard dead || depth == depthLimit else {
                            let fewer = maxEdits == 1 ? sets[current] : sets[current] | sets[current + 1]
                            if fewer == 0 && edits > limit {
                                // Every edit spent and nothing matched yet: only a child whose
                                // byte goes on as the word does has sets that are not all empty;
                                // the others would report nothing.
                                Self.push(
                                    childrenOf: node, depth: depth + 1, in: trie, onto: &stack, masks: masks,
                                    following: sets[current + maxEdits] << 1 & all)
                            } else {
                                Self.push(childrenOf: node, depth: depth + 1, whole: false, in: trie, onto: &stack)
                            }
                            continue
                        }
                        guard edits <= limit else { continue }
                        let prefix = UnsafeBufferPointer(rebasing: path[..<length])
                        var child = trie.firstChild[Int(node)]
                        while child >= 0 {
                            trie.forEachTerm(under: child) { body($0, prefix, Int(edits), -1) }
                            child = trie.nextSibling[Int(child)]
                        }
                    }
                }
            }
        }
    }

    /// Pushes the children of a node whose edits are all spent that match a word byte at one of
    /// the positions in `following` (its last set shifted by one). A transposition reaches no
    /// child that this misses: the parent's set with an edit to spare, which it starts from, is
    /// in the node's last set one byte earlier, as an insertion.
    private static func push(
        childrenOf node: Int32, depth: Int, in trie: TypoTrie, onto stack: inout [(node: Int32, depth: Int, whole: Bool)],
        masks: UnsafeBufferPointer<UInt64>, following: UInt64
    ) {
        var child = trie.firstChild[Int(node)]
        while child >= 0 {
            if masks[Int(trie.bytes[Int(child)])] & following != 0 { stack.append((child, depth, false)) }
            child = trie.nextSibling[Int(child)]
        }
    }

    /// Pushes a node's children on the walk's stack. The stack is passed, not captured by a
    /// local function, which would make every access to it an exclusivity check at run time.
    private static func push(
        childrenOf node: Int32, depth: Int, whole: Bool, in trie: TypoTrie, onto stack: inout [(node: Int32, depth: Int, whole: Bool)]
    ) {
        var child = trie.firstChild[Int(node)]
        while child >= 0 {
            stack.append((child, depth, whole))
            child = trie.nextSibling[Int(child)]
        }
    }
}
