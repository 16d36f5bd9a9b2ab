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
}
