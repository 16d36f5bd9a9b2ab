/// What a query decides about a hit, packed so that a lower value ranks higher: edits of typo
/// matches (fewer first), then words matched as a whole (more first), then the sum of field
/// ranks, then the sum of word positions. Equal keys rank by the static order: `lastChat`
/// (recent first), name, id.
struct RankKey: Comparable {
    let raw: UInt32

    /// The key of a hit from each query word's tier in it.
    init(tiers: UnsafeBufferPointer<UInt8>) {
        raw = tiers.reduce(0) { $0 + Self.part(of: $1) }
    }

    /// What one word's tier adds to a key: the key of several words is the sum of their parts
    /// (sixteen words at most, so no part overflows into the next).
    @inline(__always)
    static func part(of tier: UInt8) -> UInt32 {
        (UInt32(tier) & WordMatches.prefixBit) << 17 | UInt32(tier >> 4 & 7) << 12 | UInt32(tier & 15)
    }

    init(raw: UInt32) {
        self.raw = raw
    }

    /// The key of a document from each query word's best match there (`edits << 8 | tier`): the
    /// words' edits, then the sum of their tiers' parts.
    @inline(__always)
    static func combining(words: Int, _ bestMatch: (Int) -> UInt16) -> RankKey {
        var edits = 0
        var raw: UInt32 = 0
        for k in 0..<words {
            let best = bestMatch(k)
            edits += Int(best >> 8)
            raw += part(of: UInt8(truncatingIfNeeded: best))
        }
        return RankKey(raw: raw).adding(edits: edits)
    }

    /// This key with `edits` typo edits (capped at 7) ranking it after every key with fewer.
    func adding(edits: Int) -> RankKey {
        RankKey(raw: UInt32(min(edits, 7)) << 29 | raw)
    }

    /// Typo edits of the hit.
    var edits: Int { Int(raw >> 29) }

    /// The score given back: higher ranks first.
    func score(wordCount: Int) -> Int {
        let whole = wordCount - Int(raw >> 24 & 0x1F)
        return whole * 10_000 - Int(raw >> 12 & 0xFFF) * 100 - Int(raw & 0xFFF) - edits * 100_000
    }

    static func < (lhs: RankKey, rhs: RankKey) -> Bool { lhs.raw < rhs.raw }
}
