import Glibc

extension TermDictionary {
    /// Calls `body` with the keys that have a prefix within `maxEdits` edits of `word`
    /// (Damerau–Levenshtein with adjacent transpositions, on folded bytes), and the fewest edits
    /// over their prefixes. A key comes with its term and the prefix reaching those edits (the
    /// whole key when it does, else the shortest); a whole subtree comes as its prefix and a nil
    /// term when that prefix is one edit away, since every key under it then is too (or none:
    /// subtrees matching with no edit at all are left to the exact search).
    ///
    /// The sorted keys are walked as a trie: the rows of the edit-distance table are shared by
    /// keys with a common prefix, rows stop at `word.count + maxEdits` bytes (deeper bytes cannot
    /// change the answer), and once every cell of a row passes `maxEdits`, all the keys under
    /// that prefix are skipped with one forward search.
    func forEachTerm(
        within maxEdits: Int, of word: UnsafeBufferPointer<UInt8>,
        _ body: (_ term: UInt32?, _ prefix: UnsafeBufferPointer<UInt8>, _ edits: Int) -> Void
    ) {
        let m = word.count
        let width = m + 1
        let depthLimit = m + maxEdits
        var rows = [Int32](repeating: 0, count: (depthLimit + 1) * width)
        var path = [UInt8](repeating: 0, count: depthLimit)
        rows.withUnsafeMutableBufferPointer { rows in
            path.withUnsafeMutableBufferPointer { path in
                for j in 0...m { rows[j] = Int32(j) }
                var computed = 0
                var position = (block: 0, index: 0)
                while position.block < blocks.count {
                    guard position.index < blocks[position.block].count else {
                        position = (position.block + 1, 0)
                        continue
                    }
                    let id = blocks[position.block][position.index]
                    let dead: Int? = withKey(id) { key in
                        let limit = Swift.min(key.count, depthLimit)
                        var common = 0
                        while common < computed && common < limit && path[common] == key[common] { common += 1 }
                        var best = Int32.max
                        var bestLength = 0
                        for depth in 0...common where rows[depth * width + m] < best {
                            best = rows[depth * width + m]
                            bestLength = depth
                        }
                        var depth = common
                        var deadAt: Int?
                        while depth < limit {
                            let byte = key[depth]
                            path[depth] = byte
                            let previous = depth * width
                            let current = previous + width
                            rows[current] = Int32(depth + 1)
                            var rowMinimum = Int32(depth + 1)
                            for j in 1...m {
                                var cell = Swift.min(rows[previous + j] + 1, rows[current + j - 1] + 1,
                                                     rows[previous + j - 1] + (word[j - 1] == byte ? 0 : 1))
                                if depth > 0, j > 1, word[j - 1] == path[depth - 1], word[j - 2] == byte {
                                    cell = Swift.min(cell, rows[previous - width + j - 2] + 1)
                                }
                                rows[current + j] = cell
                                rowMinimum = Swift.min(rowMinimum, cell)
                            }
                            depth += 1
                            if rows[current + m] < best {
                                best = rows[current + m]
                                bestLength = depth
                            }
                            if rowMinimum > Int32(maxEdits) {
                                deadAt = depth
                                break
                            }
                            if rows[current + m] <= 1 {
                                if rows[current + m] == 1 { body(nil, UnsafeBufferPointer(rebasing: path[..<depth]), 1) }
                                best = Int32.max
                                deadAt = depth
                                break
                            }
                        }
                        computed = depth
                        if deadAt == nil, key.count <= depthLimit, rows[key.count * width + m] == best { bestLength = key.count }
                        if best <= Int32(maxEdits) { body(id, UnsafeBufferPointer(rebasing: key[..<bestLength]), Int(best)) }
                        return deadAt
                    }
                    if let dead {
                        let next: [UInt8]?
                        switch Self.nextViableSibling(dead: dead, path: path, rows: rows, word: word, maxEdits: maxEdits) {
                        case .none: next = successor(of: UnsafeBufferPointer(rebasing: path[..<dead]))
                        case .some(.none): next = successor(of: UnsafeBufferPointer(rebasing: path[..<(dead - 1)]))
                        case .some(.some(let sibling)): next = sibling
                        }
                        guard let next else { return }
                        position = next.withUnsafeBufferPointer { seekForward(from: position, to: $0) }
                    } else {
                        position.index += 1
                    }
                }
            }
        }
    }

    /// Where to go after the subtree at depth `dead` (dead, or reported whole), when its parent
    /// lets only a few bytes follow it (every cell of the parent's row at the limit): the parent's
    /// path and the next such byte, `.some(nil)` when there is none (leave the parent), or nil
    /// when any byte may follow (go to the next sibling as usual).
    private static func nextViableSibling(
        dead: Int, path: UnsafeMutableBufferPointer<UInt8>, rows: UnsafeMutableBufferPointer<Int32>,
        word: UnsafeBufferPointer<UInt8>, maxEdits: Int
    ) -> [UInt8]?? {
        let m = word.count, width = m + 1
        let depth = dead - 1
        let row = depth * width
        let limit = Int32(maxEdits)
        if depth + 2 <= maxEdits { return nil }
        for j in 0...m where rows[row + j] < limit { return nil }
        let byte = path[depth]
        var next: UInt8?
        func consider(_ candidate: UInt8) {
            if candidate > byte, next.map({ candidate < $0 }) ?? true { next = candidate }
        }
        for j in 1...m where rows[row + j - 1] <= limit { consider(word[j - 1]) }
        if depth > 0 {
            for j in 2...max(2, m) where j <= m && rows[row - width + j - 2] + 1 <= limit && path[depth - 1] == word[j - 1] {
                consider(word[j - 2])
            }
        }
        guard let next else { return .some(nil) }
        return .some(Array(path[..<depth]) + [next])
    }

    /// The first position at or after `start` whose key is not below `key`, searched forward.
    private func seekForward(from start: (block: Int, index: Int), to key: UnsafeBufferPointer<UInt8>) -> (block: Int, index: Int) {
        var block = start.block
        var step = 1
        while block < blocks.count, let last = blocks[block].last, compare(last, key) < 0 {
            block += step
            step <<= 1
        }
        if block >= blocks.count || step > 1 { return lowerBound(key) }
        let list = blocks[block]
        var lo = block == start.block ? start.index : 0
        var hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if compare(list[mid], key) < 0 { lo = mid + 1 } else { hi = mid }
        }
        return (block, lo)
    }

    /// The smallest key above every key that starts with `prefix`; nil when there is none.
    private func successor(of prefix: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var next = Array(prefix)
        while let last = next.last {
            if last < 0xFF {
                next[next.count - 1] = last + 1
                return next
            }
            next.removeLast()
        }
        return nil
    }
}
