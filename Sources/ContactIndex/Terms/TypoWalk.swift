extension TermDictionary {
    /// Calls `body` with the keys that typos may match and that have a prefix within `maxEdits`
    /// edits of `word` (Damerau–Levenshtein with adjacent transpositions, on folded bytes), and
    /// the fewest edits over their prefixes. A key comes with its term and the prefix reaching
    /// those edits (the whole key when it does, else the shortest); a whole subtree comes as its
    /// prefix and a nil term when that prefix is one edit away, since every key under it then is
    /// too (or none: subtrees matching with no edit at all are left to the exact search). Under
    /// such a subtree, each key that is itself one edit away as a whole (`maria` for `marai`,
    /// under `mari`) comes again as a subtree of its own, so that it can rank as a whole word.
    ///
    /// The walk descends the typo trie: a node's row of the edit-distance table is computed from
    /// its parent's, only within `maxEdits` of the diagonal, rows stop at `word.count + maxEdits`
    /// bytes (deeper bytes cannot change the answer), and a node whose every cell passes
    /// `maxEdits` is not descended.
    func forEachTerm(
        within maxEdits: Int, of word: UnsafeBufferPointer<UInt8>,
        _ body: (_ term: UInt32?, _ prefix: UnsafeBufferPointer<UInt8>, _ edits: Int) -> Void
    ) {
        let trie = typoTrie
        let m = word.count
        let width = m + 1
        let depthLimit = m + maxEdits
        let limit = Int32(maxEdits)
        var rows = [Int32](repeating: 0, count: (depthLimit + 1) * width)
        var path = [UInt8](repeating: 0, count: depthLimit + 1)
        /// The fewest edits of a prefix of the path up to each depth, and the shortest such prefix.
        var best = [(edits: Int32, length: Int)](repeating: (0, 0), count: depthLimit + 1)
        /// `whole`: under a subtree already reported, where only whole keys are looked for.
        var stack: [(node: Int32, depth: Int, whole: Bool)] = []
        for j in 0...m { rows[j] = Int32(j) }
        best[0] = (Int32(m), 0)
        Self.push(childrenOf: 0, depth: 1, whole: false, in: trie, onto: &stack)
        rows.withUnsafeMutableBufferPointer { rows in
            path.withUnsafeMutableBufferPointer { path in
                while let (node, depth, whole) = stack.popLast() {
                    let byte = trie.bytes[Int(node)]
                    path[depth - 1] = byte
                    let previous = (depth - 1) * width
                    let current = previous + width
                    rows[current] = Int32(depth)
                    var rowMinimum = Int32(depth)
                    // Only cells within `maxEdits` of the diagonal can stay within the limit: the
                    // others are set just above it where a later row or `here` reads them.
                    let low = Swift.max(1, depth - maxEdits), high = Swift.min(m, depth + maxEdits)
                    if low > 1 { rows[current + low - 1] = limit + 1 }
                    if high < m {
                        rows[current + high + 1] = limit + 1
                        rows[current + m] = limit + 1
                    }
                    for j in low...high {
                        var cell = Swift.min(rows[previous + j] + 1, rows[current + j - 1] + 1,
                                             rows[previous + j - 1] + (word[j - 1] == byte ? 0 : 1))
                        if depth > 1, j > 1, word[j - 1] == path[depth - 2], word[j - 2] == byte {
                            cell = Swift.min(cell, rows[previous - width + j - 2] + 1)
                        }
                        rows[current + j] = cell
                        rowMinimum = Swift.min(rowMinimum, cell)
                    }
                    let here = rows[current + m]
                    if whole {
                        // A key one edit away as a whole has at most one byte more than the word.
                        if here == 1, trie.terms[Int(node)] >= 0 { body(nil, UnsafeBufferPointer(rebasing: path[..<depth]), 1) }
                        if depth <= m, rowMinimum <= 1 {
                            Self.push(childrenOf: node, depth: depth + 1, whole: true, in: trie, onto: &stack)
                        }
                        continue
                    }
                    best[depth] = here < best[depth - 1].edits ? (here, depth) : best[depth - 1]
                    if here <= 1 {
                        if here == 1 {
                            body(nil, UnsafeBufferPointer(rebasing: path[..<depth]), 1)
                            if depth <= m { Self.push(childrenOf: node, depth: depth + 1, whole: true, in: trie, onto: &stack) }
                        }
                        continue
                    }
                    let (edits, length) = best[depth]
                    let dead = rowMinimum > limit
                    if edits <= limit, trie.terms[Int(node)] >= 0 {
                        let reach = !dead && here == edits ? depth : length
                        body(UInt32(trie.terms[Int(node)]), UnsafeBufferPointer(rebasing: path[..<reach]), Int(edits))
                    }
                    guard dead || depth == depthLimit else {
                        Self.push(childrenOf: node, depth: depth + 1, whole: false, in: trie, onto: &stack)
                        continue
                    }
                    guard edits <= limit else { continue }
                    let prefix = UnsafeBufferPointer(rebasing: path[..<length])
                    var child = trie.firstChild[Int(node)]
                    while child >= 0 {
                        trie.forEachTerm(under: child) { body($0, prefix, Int(edits)) }
                        child = trie.nextSibling[Int(child)]
                    }
                }
            }
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
