import ContactGenerator
import Testing
@testable import ContactIndex

@Suite struct DocumentBitmapTests {
    /// Words of bits holding each document below `count` with the given chance (in 1/64ths).
    static func words(_ count: Int, density: Int, _ random: inout SeededRandom) -> ContiguousArray<UInt64> {
        var words = ContiguousArray<UInt64>(repeating: 0, count: (count + 63) / 64)
        for doc in 0..<count where random.below(64) < density { words[doc / 64] |= 1 << UInt64(doc % 64) }
        return words
    }

    @Test(arguments: [1, 2, 3, 5])
    func anIntersectionHoldsExactlyTheDocumentsEverySetHoldsAndCountsThem(sets: Int) {
        var random = SeededRandom(seed: UInt64(sets))
        let documents = 10_000
        // The first set is the longest (the live documents); the others may end earlier, as the
        // bitmap of a prefix built before the last documents were added does.
        let all = (0..<sets).map { k in
            Self.words(k == 0 ? documents : documents - random.below(500), density: k == 0 ? 60 : 8 + random.below(40), &random)
        }
        let shared = DocumentBitmap(intersecting: all)
        let expected = (0..<UInt32(documents)).filter { doc in all.allSatisfy { DocumentBitmap.contains(doc, in: $0) } }
        var held: [UInt32] = []
        shared.forEach(in: 0..<UInt32(documents)) { doc in
            held.append(doc)
            return true
        }
        #expect(held == expected)
        #expect(shared.count == expected.count)
    }
}
