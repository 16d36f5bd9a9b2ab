/// The documents every query word matches, with their rank keys: a word's matches are a tier per
/// document for a dense materialized prefix, else a sorted list, filtered first by its bitmap when
/// the prefix keeps one, merged or searched by galloping cursors (so documents are asked in
/// increasing order). `best` walks the first word's matches a
/// block at a time; `rank` checks one document, for walks of another list.
struct WordIntersection {
    /// One query word's matches.
    struct Matches {
        /// `doc << 8 | tier`, sorted by document, one entry per document.
        var entries: [UInt32]
        /// The tier of every document (`0xFF` when it does not match), for dense prefixes: then
        /// it holds every match of the word.
        var tiers: ContiguousArray<UInt8>?
        /// The documents of `entries` a bit each, for large prefixes: a candidate it lacks is
        /// dropped without a search of `entries`.
        var bitmap: ContiguousArray<UInt64>?
    }

    /// The words' matches, fewest first.
    let lists: [Matches]
    // The parts of `lists` read for each document, apart, so that reading them copies no array.
    private let entries: [[UInt32]]
    private let tierMaps: [ContiguousArray<UInt8>]
    private let bitmaps: [ContiguousArray<UInt64>]
    private var tiers: [UInt8]
    private var cursors: [Int]

    init(_ lists: [Matches]) {
        self.lists = lists.sorted { $0.entries.count < $1.entries.count }
        entries = self.lists.map(\.entries)
        tierMaps = self.lists.map { $0.tiers ?? [] }
        bitmaps = self.lists.map { $0.bitmap ?? [] }
        tiers = [UInt8](repeating: 0, count: lists.count)
        cursors = [Int](repeating: 0, count: lists.count)
    }

    /// The rank key of a document, or nil when some word does not match it. Documents are asked
    /// in increasing order.
    mutating func rank(_ doc: UInt32) -> RankKey? {
        for k in entries.indices {
            guard let tier = Self.probe(doc, k, &cursors[k], entries, tierMaps) else { return nil }
            tiers[k] = tier
        }
        return tiers.withUnsafeBufferPointer { RankKey(tiers: $0) }
    }

    /// Offers `top` every live document that every word matches and `filter` passes, and counts
    /// them. A block of the first list at a time, word at a time: the block's documents become
    /// candidates, each further word keeps those it matches and adds its part of their key, and
    /// the heap sees only the survivors it might keep. The block stays in the
    /// cache and nothing is allocated.
    func best(_ top: inout TopHits, docs: DocumentTable, filter: ResolvedFilter) -> Int {
        let block = 1024
        var cursors = [Int](repeating: 0, count: entries.count)
        let merges = entries.indices.map { bitmaps[$0].isEmpty && entries[$0].count <= entries[0].count * 16 }
        var members = MembershipCursors(filter.restriction, skipping: nil)
        let plain = filter.isEmpty
        var total = 0
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: block) { candidates in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * block) { buffer in
                let keys = UnsafeMutableBufferPointer(rebasing: buffer[..<block])
                let scratch = UnsafeMutableBufferPointer(rebasing: buffer[block...])
                entries[0].withUnsafeBufferPointer { first in
                    for start in stride(from: 0, to: first.count, by: block) {
                        var count = 0
                        let end = min(start + block, first.count)
                        if plain {
                            for entry in first[start..<end] where docs.isAlive(entry >> 8) {
                                candidates[count] = entry >> 8
                                keys[count] = RankKey.part(of: UInt8(truncatingIfNeeded: entry))
                                count += 1
                            }
                        } else {
                            for i in start..<end {
                                let doc = first[i] >> 8
                                guard docs.isAlive(doc), filter.acceptsColumns(doc, docs), members.contains(doc) else { continue }
                                candidates[count] = doc
                                keys[count] = RankKey.part(of: UInt8(truncatingIfNeeded: first[i]))
                                count += 1
                            }
                        }
                        for k in 1..<entries.count where count > 0 {
                            count = entries[k].withUnsafeBufferPointer { list in
                                if !tierMaps[k].isEmpty {
                                    return tierMaps[k].withUnsafeBufferPointer { Self.keep(candidates, keys, count, tiers: $0) }
                                } else if !bitmaps[k].isEmpty {
                                    // The bitmap drops the candidates the list lacks; the list
                                    // gives the others their tiers.
                                    let members = bitmaps[k].withUnsafeBufferPointer { Self.keep(candidates, keys, count, bitmap: $0) }
                                    return Self.keep(candidates, keys, members, list: list, cursor: &cursors[k])
                                } else if merges[k] {
                                    return Self.keep(candidates, keys, count, merging: list, cursor: &cursors[k], scratch: scratch)
                                } else {
                                    return Self.keep(candidates, keys, count, list: list, cursor: &cursors[k])
                                }
                            }
                        }
                        total += count
                        var bar = top.bar
                        for i in 0..<count {
                            let key = RankKey(raw: keys[i])
                            if bar.admits(key, candidates[i]) {
                                top.offer(key, candidates[i])
                                bar = top.bar
                            }
                        }
                    }
                }
            }
        }
        return total
    }

    /// Keeps the first `count` candidates that `tiers` (a tier per document) matches, adding
    /// their parts to `keys`, and returns how many it kept.
    private static func keep(
        _ candidates: UnsafeMutableBufferPointer<UInt32>, _ keys: UnsafeMutableBufferPointer<UInt32>, _ count: Int,
        tiers: UnsafeBufferPointer<UInt8>
    ) -> Int {
        var kept = 0
        for i in 0..<count {
            let doc = candidates[i]
            guard Int(doc) < tiers.count else { break }
            let tier = tiers[Int(doc)]
            // Written whether kept or not: about half are, and a branch here mispredicts.
            candidates[kept] = doc
            keys[kept] = keys[i] + RankKey.part(of: tier)
            kept += tier != 0xFF ? 1 : 0
        }
        return kept
    }

    /// Keeps the first `count` candidates that `bitmap` holds, with their keys, and returns how
    /// many it kept.
    private static func keep(
        _ candidates: UnsafeMutableBufferPointer<UInt32>, _ keys: UnsafeMutableBufferPointer<UInt32>, _ count: Int,
        bitmap: UnsafeBufferPointer<UInt64>
    ) -> Int {
        var kept = 0
        for i in 0..<count {
            let doc = candidates[i]
            guard Int(doc >> 6) < bitmap.count else { break }
            candidates[kept] = doc
            keys[kept] = keys[i]
            kept += Int(truncatingIfNeeded: bitmap[Int(doc >> 6)] >> UInt64(doc & 63) & 1)
        }
        return kept
    }

    /// Keeps the first `count` candidates that `list` (`doc << 8 | tier`, sorted, of like size)
    /// matches, adding their parts to `keys`, and returns how many it kept: a merge whose steps
    /// depend on no branch.
    /// - Parameters:
    ///   - cursor: where in `list` the previous candidates stopped.
    ///   - scratch: room for `count` keys.
    private static func keep(
        _ candidates: UnsafeMutableBufferPointer<UInt32>, _ keys: UnsafeMutableBufferPointer<UInt32>, _ count: Int,
        merging list: UnsafeBufferPointer<UInt32>, cursor: inout Int, scratch: UnsafeMutableBufferPointer<UInt32>
    ) -> Int {
        // Slot `kept` may be slot `i`, whose key is read again while the list moves: so keys are
        // written apart, then copied back.
        var kept = 0, i = 0
        while i < count, cursor < list.count {
            let doc = candidates[i], entry = list[cursor]
            candidates[kept] = doc
            scratch[kept] = keys[i] + RankKey.part(of: UInt8(truncatingIfNeeded: entry))
            kept += entry >> 8 == doc ? 1 : 0
            i += doc <= entry >> 8 ? 1 : 0
            cursor += entry >> 8 <= doc ? 1 : 0
        }
        _ = keys.update(fromContentsOf: scratch[..<kept])
        return kept
    }

    /// Keeps the first `count` candidates that `list` (searched by galloping) matches, adding
    /// their parts to `keys`, and returns how many it kept.
    private static func keep(
        _ candidates: UnsafeMutableBufferPointer<UInt32>, _ keys: UnsafeMutableBufferPointer<UInt32>, _ count: Int,
        list: UnsafeBufferPointer<UInt32>, cursor: inout Int
    ) -> Int {
        var kept = 0
        for i in 0..<count {
            let doc = candidates[i]
            let at = WordMatches.gallop(list, &cursor, to: doc << 8)
            guard at < list.count, list[at] >> 8 == doc else { continue }
            candidates[kept] = doc
            keys[kept] = keys[i] + RankKey.part(of: UInt8(truncatingIfNeeded: list[at]))
            kept += 1
        }
        return kept
    }

    /// The tier of list `k` in a document, or nil when it does not match.
    @inline(__always)
    private static func probe(
        _ doc: UInt32, _ k: Int, _ cursor: inout Int, _ entries: [[UInt32]], _ tierMaps: [ContiguousArray<UInt8>]
    ) -> UInt8? {
        if Int(doc) < tierMaps[k].count {
            let tier = tierMaps[k][Int(doc)]
            return tier == 0xFF ? nil : tier
        }
        let at = WordMatches.gallop(entries[k], &cursor, to: doc << 8)
        return at < entries[k].count && entries[k][at] >> 8 == doc ? UInt8(truncatingIfNeeded: entries[k][at]) : nil
    }
}
