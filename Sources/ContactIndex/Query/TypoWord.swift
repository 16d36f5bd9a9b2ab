/// One query word's matches in a typo pass, kept in the parts they come from: its own matches,
/// keys some edits away, and subtrees one edit away. No union of them is built: a document's
/// best match is read from each part, and the parts set their documents in a bitmap.
struct TypoWord {
    /// A sorted list of `doc << 8 | tier`, one entry per document, all with the same edits.
    struct List {
        let entries: [UInt32]
        let edits: UInt8
        /// The same documents a bit each, when a materialized prefix keeps them so: a document
        /// it lacks needs no search of `entries`.
        var bitmap: ContiguousArray<UInt64>? = nil
        /// The same documents by tier, each list in document order, when a materialized prefix
        /// keeps them so.
        var byTier: [UInt8: ContiguousArray<UInt32>]? = nil
    }

    /// A dense part: a tier per document (`0xFF` when it does not match) and the same documents
    /// as bits, all with the same edits.
    struct Dense {
        let tiers: ContiguousArray<UInt8>
        let bitmap: ContiguousArray<UInt64>
        /// The same documents by tier, each list in document order.
        let lists: [UInt8: ContiguousArray<UInt32>]
        let edits: UInt8
    }

    private(set) var lists: [List] = []
    private(set) var dense: [Dense] = []
    /// Postings of keys some edits away and of small subtrees one edit away, `doc << 16 |
    /// edits << 8 | tier`, sorted by document, maybe several per document.
    private(set) var postings: [UInt64] = []
    /// The kinds of match (`edits << 8 | tier`) its parts hold.
    private(set) var kinds = TypoBound.Kinds()
    /// How many loose postings have each kind, at `edits * 256 + tier`.
    private var postingKinds: [Int32] = []

    /// Whether no part matches any document.
    var isEmpty: Bool { lists.isEmpty && dense.isEmpty && postings.isEmpty }

    /// Adds a list; `known`, when given, holds the tiers of its live documents, which are then
    /// not read from its entries.
    mutating func add(list: List, tiers known: [UInt8]? = nil) {
        lists.append(list)
        if let known {
            for tier in known { kinds.insert(edits: list.edits, tier: tier) }
            return
        }
        var tiers = TypoBound.TierSet()
        for entry in list.entries { tiers.insert(UInt8(truncatingIfNeeded: entry)) }
        kinds.insert(tiers, edits: list.edits)
    }

    /// Adds a dense part whose live documents have the given tiers.
    mutating func add(dense part: Dense, tiers: some Sequence<UInt8>) {
        dense.append(part)
        for tier in tiers { kinds.insert(edits: part.edits, tier: tier) }
    }

    /// A posting (`doc << 8 | tier`) as a loose posting with `edits`, matching as a prefix or,
    /// when `whole`, as the posting's tier says.
    static func posting(_ posting: UInt32, edits: Int, whole: Bool) -> UInt64 {
        let tier = UInt64(posting & 0xFF) | (whole ? 0 : UInt64(WordMatches.prefixBit))
        return UInt64(posting >> 8) << 16 | UInt64(edits) << 8 | tier
    }

    /// Adds loose postings, in any order.
    mutating func add(postings entries: [UInt64]) {
        guard !entries.isEmpty else { return }
        postings = entries
        // Documents take 24 bits (`PostingLists.maximumDocument`).
        WordMatches.radixSort(&postings, bits: 16..<40)
        postingKinds = [Int32](repeating: 0, count: 3 * 256)
        for entry in entries { postingKinds[Int(min(entry >> 8 & 0xFF, 2)) * 256 + Int(entry & 0xFF)] += 1 }
        for (kind, count) in postingKinds.enumerated() where count > 0 {
            kinds.insert(edits: UInt8(kind / 256), tier: UInt8(kind % 256))
        }
    }

    /// Whether a document of `matching` has a match of a kind (`edits << 8 | tier`) in a part.
    func hasMatch(_ kind: UInt16, in matching: DocumentBitmap) -> Bool {
        !forEachDocument(with: kind) { !matching.contains($0) }
    }

    /// Calls `body` with each document that has a match of a kind (`edits << 8 | tier`) in a
    /// part, maybe not its best there, until it returns false; false when it did.
    @discardableResult
    func forEachDocument(with kind: UInt16, _ body: (UInt32) -> Bool) -> Bool {
        let edits = UInt8(kind >> 8), tier = UInt8(truncatingIfNeeded: kind)
        for part in dense where part.edits == edits {
            for doc in part.lists[tier] ?? [] where !body(doc) { return false }
        }
        for list in lists where list.edits == edits {
            if let byTier = list.byTier {
                for doc in byTier[tier] ?? [] where !body(doc) { return false }
                continue
            }
            for entry in list.entries where UInt8(truncatingIfNeeded: entry) == tier && !body(entry >> 8) { return false }
        }
        guard postingCount(kind) > 0 else { return true }
        for entry in postings where UInt16(truncatingIfNeeded: entry) == kind && !body(UInt32(entry >> 16)) { return false }
        return true
    }

    /// How many loose postings have a kind.
    private func postingCount(_ kind: UInt16) -> Int {
        postingKinds.isEmpty || kind >> 8 > 2 ? 0 : Int(postingKinds[Int(kind >> 8) * 256 + Int(kind & 0xFF)])
    }

    /// At most how many documents `forEachDocument(with:)` reads for a kind.
    func documentEstimate(with kind: UInt16) -> Int {
        let edits = UInt8(kind >> 8), tier = UInt8(truncatingIfNeeded: kind)
        var estimate = postingCount(kind) > 0 ? postings.count : 0
        for part in dense where part.edits == edits { estimate += part.lists[tier]?.count ?? 0 }
        for list in lists where list.edits == edits { estimate += list.byTier.map { $0[tier]?.count ?? 0 } ?? list.entries.count }
        return estimate
    }

    /// The entries of the lists and loose postings.
    var listedCount: Int { lists.reduce(postings.count) { $0 + $1.entries.count } }

    /// Calls `body` with each document of the lists and loose postings and its match there,
    /// `edits << 8 | tier` (maybe several per document).
    @inline(__always)
    func forEachListed(_ body: (_ doc: Int, _ match: UInt16) -> Void) {
        for list in lists {
            let high = UInt16(list.edits) << 8
            for entry in list.entries { body(Int(entry >> 8), high | UInt16(UInt8(truncatingIfNeeded: entry))) }
        }
        for entry in postings { body(Int(entry >> 16), UInt16(truncatingIfNeeded: entry)) }
    }

    /// Sets the bit of every document a part matches.
    func insert(into bitmap: inout DocumentBitmap) {
        for part in dense { bitmap.formUnion(part.bitmap) }
        for list in lists {
            if let bits = list.bitmap { bitmap.formUnion(bits) } else { bitmap.insert(list.entries, shift: 8) }
        }
        bitmap.insert(postings, shift: 16)
    }
}
