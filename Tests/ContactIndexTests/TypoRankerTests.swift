import ContactGenerator
import Testing
@testable import ContactIndex

/// The typo ranker reads each word's best match per document from its parts, through cursors
/// and then maps; both must give every document the key a brute-force reading of the parts
/// gives, whatever order the documents are asked in.
@Suite struct TypoRankerTests {
    static let documentCount = 3_000

    /// Random words with every kind of part (lists with and without a bitmap), and each word's
    /// best match per document (`edits << 8 | tier`, `0xFFFF` when none) read straight from what
    /// was added.
    static func randomWords(_ rng: inout SeededRandom) -> (words: [TypoWord], best: [[UInt16]]) {
        var words: [TypoWord] = []
        var best: [[UInt16]] = []
        for _ in 0..<(1 + rng.below(3)) {
            var word = TypoWord()
            var codes = [UInt16](repeating: 0xFFFF, count: documentCount)
            for _ in 0..<rng.below(4) {
                let edits = UInt8(rng.below(3))
                var entries: [UInt32] = []
                for doc in 0..<UInt32(documentCount) where rng.chance(0.2) {
                    // Whole-word and prefix tiers (the prefix bit set).
                    let tier = UInt8(rng.below(0xFF))
                    entries.append(doc << 8 | UInt32(tier))
                    codes[Int(doc)] = min(codes[Int(doc)], UInt16(edits) << 8 | UInt16(tier))
                }
                // Half the lists keep their documents as bits too, as a materialized prefix's do,
                // up to the word of their last document only.
                var bitmap: ContiguousArray<UInt64>?
                if rng.chance(0.5), let last = entries.last {
                    var bits = ContiguousArray<UInt64>(repeating: 0, count: Int(last >> 8) / 64 + 1)
                    for entry in entries { bits[Int(entry >> 14)] |= 1 << UInt64(entry >> 8 & 63) }
                    bitmap = bits
                }
                word.add(list: TypoWord.List(entries: entries, edits: edits, bitmap: bitmap))
            }
            var postings: [UInt64] = []
            for _ in 0..<rng.below(2_000) {
                let doc = rng.below(documentCount), edits = rng.below(3), whole = rng.chance(0.5)
                let posting = UInt32(doc) << 8 | UInt32(rng.below(0xFF))
                postings.append(TypoWord.posting(posting, edits: edits, whole: whole))
                let tier = UInt16(posting & 0xFF) | (whole ? 0 : UInt16(WordMatches.prefixBit))
                codes[doc] = min(codes[doc], UInt16(edits) << 8 | tier)
            }
            word.add(postings: postings)
            if rng.chance(0.5) {
                let edits = UInt8(rng.below(2))
                var tiers = ContiguousArray<UInt8>(repeating: 0xFF, count: documentCount)
                var bitmap = ContiguousArray<UInt64>(repeating: 0, count: (documentCount + 63) / 64)
                for doc in 0..<documentCount where rng.chance(0.3) {
                    tiers[doc] = UInt8(rng.below(0xFF))
                    bitmap[doc / 64] |= 1 << UInt64(doc % 64)
                    codes[doc] = min(codes[doc], UInt16(edits) << 8 | UInt16(tiers[doc]))
                }
                var lists: [UInt8: ContiguousArray<UInt32>] = [:]
                for doc in 0..<documentCount where tiers[doc] != 0xFF { lists[tiers[doc], default: []].append(UInt32(doc)) }
                let part = TypoWord.Dense(tiers: tiers, bitmap: bitmap, lists: lists, edits: edits)
                word.add(dense: part, tiers: tiers.filter { $0 != 0xFF })
            }
            words.append(word)
            best.append(codes)
        }
        return (words, best)
    }

    @Test func cursorsAndMapsGiveEveryDocumentTheKeyOfItsBestMatchesInAnyOrder() {
        var rng = SeededRandom(seed: 41)
        for _ in 0..<30 {
            let (words, best) = Self.randomWords(&rng)
            let matched = (0..<UInt32(Self.documentCount)).filter { doc in best.allSatisfy { $0[Int(doc)] != 0xFFFF } }
            func expectedKey(_ doc: UInt32) -> RankKey {
                let codes = best.map { $0[Int(doc)] }
                let raw = codes.reduce(UInt32(0)) { $0 + RankKey.part(of: UInt8(truncatingIfNeeded: $1)) }
                let edits = codes.reduce(0) { $0 + Int($1 >> 8) }
                return edits > 0 ? RankKey(raw: raw).adding(edits: edits) : RankKey(raw: raw)
            }
            func expectedTypoWords(_ doc: UInt32) -> UInt32 {
                best.indices.reduce(0) { best[$1][Int(doc)] >> 8 > 0 ? $0 | 1 << UInt32($1) : $0 }
            }
            var shuffled = matched
            for i in shuffled.indices.reversed() { shuffled.swapAt(i, rng.below(i + 1)) }
            var matching = DocumentBitmap(documentCount: Self.documentCount)
            matching.insert(matched, shift: 0)
            // Maps from the start, after a few documents, and never; holding every document or
            // those of `matching` (the maps then hold only theirs when they are fewer than the
            // listed entries, as with two or three words).
            for mapsAfter in [0, 5, Int.max] {
                for restricted in [false, true] {
                    // The walk's order (increasing, with the documents it skips), then any order.
                    let ranker = TypoRanker(
                        words, documentCount: Self.documentCount, matching: restricted ? matching : nil, mapsAfter: mapsAfter)
                    for doc in matched where doc % 3 != 0 {
                        #expect(ranker.key(doc) == expectedKey(doc), "doc \(doc), maps after \(mapsAfter)")
                    }
                    for doc in shuffled.prefix(200) {
                        #expect(ranker.key(doc) == expectedKey(doc), "doc \(doc), maps after \(mapsAfter)")
                        #expect(ranker.typoWords(of: doc) == expectedTypoWords(doc))
                    }
                }
            }
        }
    }

    @Test func theBoundIsNoHigherThanAnyMatchedDocumentsKey() {
        var rng = SeededRandom(seed: 43)
        for _ in 0..<30 {
            let (words, best) = Self.randomWords(&rng)
            guard !words.contains(where: \.isEmpty) else { continue }
            let ranker = TypoRanker(words, documentCount: Self.documentCount)
            // Random parts: any word may share a key with any other.
            let bound = TypoBound(kinds: words.map(\.kinds), texts: words.map { _ in nil }).key
            for doc in 0..<UInt32(Self.documentCount) where best.allSatisfy({ $0[Int(doc)] != 0xFFFF }) {
                #expect(bound <= ranker.key(doc) || ranker.key(doc).edits == 0)
            }
        }
    }
}
