/// A combination of one match per word (a tier, or a typo match), by position in each word's
/// list of them, best first.
struct Combination {
    let key: UInt32
    /// A byte per word.
    let positions: UInt64
    /// The word whose position its parent moved: only it and later words move further, so
    /// that each combination is reached once.
    let moved: UInt8

    /// Word `k`'s position in its list of matches.
    @inline(__always)
    func position(_ k: Int) -> Int { Self.position(k, in: positions) }

    /// Word `k`'s position in its list of matches, from a combination's positions.
    @inline(__always)
    static func position(_ k: Int, in positions: UInt64) -> Int { Int(truncatingIfNeeded: positions >> (8 * UInt64(k)) & 0xFF) }
}

/// Combinations, the lowest key first out.
struct CombinationHeap {
    private var items: [Combination] = []

    /// Pushes the combinations that move one word of `combination` one place further along its
    /// list (`count(word)` long): the word its parent moved or a later one, so that each
    /// combination is reached from one parent only. `key` gives a combination's key from its
    /// positions.
    mutating func pushSuccessors(of combination: Combination, count: (Int) -> Int, words: Int, key: (UInt64) -> UInt32) {
        for word in Int(combination.moved)..<words where combination.position(word) + 1 < count(word) {
            let positions = combination.positions + 1 << (8 * UInt64(word))
            push(Combination(key: key(positions), positions: positions, moved: UInt8(word)))
        }
    }

    mutating func push(_ item: Combination) {
        items.append(item)
        var i = items.count - 1
        while i > 0, items[(i - 1) / 2].key > items[i].key {
            items.swapAt(i, (i - 1) / 2)
            i = (i - 1) / 2
        }
    }

    mutating func pop() -> Combination? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let lowest = items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var least = i
            if l < items.count, items[l].key < items[least].key { least = l }
            if r < items.count, items[r].key < items[least].key { least = r }
            guard least != i else { break }
            items.swapAt(i, least)
            i = least
        }
        return lowest
    }
}
