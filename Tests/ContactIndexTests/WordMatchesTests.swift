import ContactGenerator
import Testing
@testable import ContactIndex

@Suite struct WordMatchesTests {
    /// Sizes on both sides of the comparison sort (up to 64 values) and well past it.
    static let sizes = [0, 1, 63, 64, 65, 1_000, 20_000]

    @Test(arguments: sizes) func radixSortOrdersPostingsAsAComparisonSortDoes(count: Int) {
        var random = SeededRandom(seed: UInt64(count) &+ 1)
        var values = (0..<count).map { _ in UInt32(truncatingIfNeeded: random.next()) }
        let expected = values.sorted()
        WordMatches.radixSort(&values)
        #expect(values == expected)
    }

    @Test(arguments: sizes) func radixSortByBitsKeepsTheOrderOfValuesEqualThere(count: Int) {
        var random = SeededRandom(seed: UInt64(count) &+ 7)
        // Few distinct documents (bits 16..<40), so that many values tie and their order shows.
        var values = (0..<count).map { i in UInt64(random.below(300)) << 16 | UInt64(i & 0xFFFF) }
        let expected = values.enumerated().sorted { ($0.element >> 16, $0.offset) < ($1.element >> 16, $1.offset) }.map(\.element)
        WordMatches.radixSort(&values, bits: 16..<40)
        #expect(values == expected)
    }

    /// Values that share some of their bytes (documents close together, one field): a byte every
    /// value shares takes no pass, whatever the number of passes left, odd or even.
    @Test(arguments: [0x0000_0000, 0x0000_00FF, 0x0000_FF00, 0x00FF_00FF, 0x00FF_FFFF, 0xFF00_0000, 0xFFFF_FFFF] as [UInt32])
    func radixSortOrdersValuesThatDifferOnlyInSomeBytes(varying: UInt32) {
        var random = SeededRandom(seed: UInt64(varying) &+ 3)
        var values = (0..<5_000).map { _ in 0x1234_5678 & ~varying | UInt32(truncatingIfNeeded: random.next()) & varying }
        let expected = values.sorted()
        WordMatches.radixSort(&values)
        #expect(values == expected)
    }

    /// Postings of a prefix's terms, dense and sparse over the documents they span, with
    /// several per document: sorted by document, each document once with its best tier, whether
    /// sorted or gathered per document.
    @Test(arguments: [(100, 50), (5_000, 1_000_000), (5_000, 200_000), (50_000, 60_000), (300_000, 20_000)])
    func normalizeKeepsEachDocumentOnceWithItsBestTier(count: Int, documents: Int) {
        var random = SeededRandom(seed: UInt64(count * 31 + documents))
        var entries = (0..<count).map { _ in
            UInt32(random.below(documents)) << 8 | UInt32(random.below(2)) << 7 | UInt32(random.below(5)) << 4 | UInt32(random.below(16))
        }
        var best: [UInt32: UInt32] = [:]
        for entry in entries { best[entry >> 8] = min(best[entry >> 8] ?? .max, entry & 0xFF) }
        let expected = best.keys.sorted().map { $0 << 8 | best[$0]! }
        WordMatches.normalize(&entries)
        #expect(entries == expected)
    }

    /// Two words' normalized lists, overlapping or not, one of them maybe empty: each document
    /// once, in order, with the better of its two tiers.
    @Test(arguments: [(0, 0), (0, 500), (500, 0), (1, 1), (300, 2_000), (5_000, 5_000)])
    func unionKeepsEachDocumentOnceWithItsBestTier(left: Int, right: Int) {
        var random = SeededRandom(seed: UInt64(left * 7 + right))
        func list(_ count: Int) -> [UInt32] {
            var entries = (0..<count).map { _ in UInt32(random.below(4 * max(left, right, 1))) << 8 | UInt32(random.below(0x100)) }
            WordMatches.normalize(&entries)
            return entries
        }
        let (a, b) = (list(left), list(right))
        var best: [UInt32: UInt32] = [:]
        for entry in a + b { best[entry >> 8] = min(best[entry >> 8] ?? .max, entry & 0xFF) }
        let expected = best.keys.sorted().map { $0 << 8 | best[$0]! }
        #expect(WordMatches.union(a, b) == expected)
        #expect(WordMatches.union(b, a) == expected)
    }
}
