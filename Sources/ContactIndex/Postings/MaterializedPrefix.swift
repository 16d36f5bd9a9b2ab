/// The documents matching a prefix that many keys share (`m`, `ma`, `gmail`), kept ready so that
/// a keystroke does not merge thousands of postings lists.
///
/// `entries` holds `doc << 8 | tier` sorted by document, for intersecting with other words.
/// `tiers` holds, for each tier, its documents in order: in the part of the index whose document
/// numbers follow the static ranking, the first documents of the best tiers are the top hits.
/// Writers append new documents; deleted documents stay until the index is rebuilt, and only the
/// per-tier counts of live documents change.
final class MaterializedPrefix: @unchecked Sendable {
    let key: [UInt8]
    private(set) var entries: [UInt32]
    private(set) var tiers: [UInt8: ContiguousArray<UInt32>] = [:]
    private(set) var aliveByTier: [UInt8: Int] = [:]
    /// The nearest shorter materialized prefix of `key`, or -1.
    var parent: Int32 = -1
    /// For prefixes that most documents match: each document's tier, `0xFF` when it does not
    /// match, so that another word's documents are checked in one step.
    private(set) var tierByDocument: ContiguousArray<UInt8>?
    /// The same documents a bit each, when `tierByDocument` is kept (unions in one pass) or the
    /// prefix holds an eighth as many documents (another word's candidates checked in one step,
    /// intersections counted in one pass): no more bytes than `entries` and `tiers` twice then.
    private(set) var bitmap: ContiguousArray<UInt64>?

    /// Builds the prefix; with `denseAbove` documents or more it also keeps a tier per document,
    /// with an eighth as many a bitmap.
    init(key: [UInt8], entries: [UInt32], documentCount: Int, denseAbove: Int, isAlive: (UInt32) -> Bool) {
        self.key = key
        self.entries = entries.exactCapacityCopy()
        if entries.count >= denseAbove / 8 {
            var bits = ContiguousArray<UInt64>(repeating: 0, count: (documentCount + 63) / 64)
            for entry in entries { bits[Int(entry >> 14)] |= 1 << UInt64(entry >> 8 & 63) }
            bitmap = bits
        }
        if entries.count >= denseAbove {
            var map = ContiguousArray<UInt8>(repeating: 0xFF, count: documentCount)
            for entry in entries { map[Int(entry >> 8)] = UInt8(truncatingIfNeeded: entry) }
            tierByDocument = map
        }
        // Grouped in arrays indexed by tier, then kept by tier: no hashing per entry. Each is
        // sized first, so that it holds no spare capacity.
        var sizes = [Int](repeating: 0, count: 256)
        for entry in entries { sizes[Int(entry & 0xFF)] += 1 }
        var byTier = sizes.map { size in
            var list = ContiguousArray<UInt32>()
            list.reserveCapacity(size)
            return list
        }
        var alive = [Int](repeating: 0, count: 256)
        for entry in entries {
            let tier = Int(entry & 0xFF)
            byTier[tier].append(entry >> 8)
            if isAlive(entry >> 8) { alive[tier] += 1 }
        }
        for tier in byTier.indices where !byTier[tier].isEmpty {
            tiers[UInt8(tier)] = byTier[tier]
            aliveByTier[UInt8(tier)] = alive[tier]
        }
    }

    /// Live documents matching the prefix.
    var aliveCount: Int { aliveByTier.values.reduce(0, +) }

    /// Bytes held, for memory estimates.
    var memoryBytes: Int {
        entries.capacity * 4 + tiers.values.reduce(0) { $0 + $1.capacity * 4 + 48 } + (tierByDocument?.capacity ?? 0) + (bitmap?.capacity ?? 0) * 8 + 128
    }

    /// Adds a new document, whose number is above every one held.
    func append(doc: UInt32, tier: UInt8) {
        entries.append(doc << 8 | UInt32(tier))
        if tierByDocument != nil {
            while tierByDocument!.count <= Int(doc) { tierByDocument!.append(0xFF) }
            tierByDocument![Int(doc)] = tier
        }
        if bitmap != nil {
            while bitmap!.count <= Int(doc) / 64 { bitmap!.append(0) }
            bitmap![Int(doc) / 64] |= 1 << UInt64(doc % 64)
        }
        tiers[tier, default: []].append(doc)
        aliveByTier[tier, default: 0] += 1
    }

    /// Counts a document of the given tier as deleted.
    func kill(tier: UInt8) {
        aliveByTier[tier, default: 0] -= 1
    }
}
