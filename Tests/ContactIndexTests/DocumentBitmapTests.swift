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

    /// An intersection notes which blocks of words hold a document: its count, its walk over any
    /// range (starting and ending inside a word or a block) and a walk stopped early must give
    /// what a reading of every word gives, for sparse and dense results, and so must the set once
    /// a change drops the note.
    @Test func anIntersectionCountsAndWalksItsDocumentsInAnyRange() {
        var random = SeededRandom(seed: 77)
        let documents = 100_000
        for round in 0..<40 {
            let dense = Self.words(documents, density: 40, &random)
            var sparse = ContiguousArray<UInt64>(repeating: 0, count: (documents + 63) / 64)
            // A few documents, some in runs that share words and blocks; every fourth round dense.
            for _ in 0..<(1 + random.below(round % 4 == 3 ? 3_000 : 40)) {
                let start = random.below(documents - 200)
                for doc in start..<(start + 1 + random.below(round % 2 == 0 ? 1 : 150)) { sparse[doc / 64] |= 1 << UInt64(doc % 64) }
            }
            let third = Self.words(documents - random.below(3_000), density: 56, &random)
            let sets = round % 3 == 0 ? [dense, sparse, third] : [dense, sparse]
            var shared = DocumentBitmap(intersecting: sets)
            let expected = (0..<UInt32(documents)).filter { doc in sets.allSatisfy { DocumentBitmap.contains(doc, in: $0) } }
            #expect(shared.count == expected.count)
            for _ in 0..<20 {
                let a = UInt32(random.below(documents)), b = UInt32(random.below(documents + 1))
                let range = min(a, b)..<max(a, b)
                var held: [UInt32] = []
                shared.forEach(in: range) { held.append($0); return true }
                #expect(held == expected.filter { range.contains($0) }, "round \(round), range \(range)")
            }
            let stop = random.below(5)
            var first: [UInt32] = []
            shared.forEach(in: 0..<UInt32(documents)) { first.append($0); return first.count < stop + 1 }
            #expect(first == Array(expected.prefix(stop + 1)))
            // A change drops the note: the added document is counted and walked.
            let added = UInt32(random.below(documents))
            shared.insert([added], shift: 0)
            let after = Array(Set(expected + [added])).sorted()
            var held: [UInt32] = []
            shared.forEach(in: 0..<UInt32(documents)) { held.append($0); return true }
            #expect(held == after && shared.count == after.count)
        }
    }
}
