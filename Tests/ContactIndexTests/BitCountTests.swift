import ContactGenerator
import Testing
@testable import ContactIndex

@Suite struct BitCountTests {
    /// Lengths around the 32-word blocks and past the 31 blocks a byte's carry count holds, with
    /// every density from empty to full.
    @Test(arguments: [0, 1, 2, 3, 31, 32, 33, 63, 64, 65, 991, 992, 993, 1_984, 2_017, 15_625])
    func countsEverySetBitOfAnyLengthAndDensity(length: Int) {
        var random = SeededRandom(seed: UInt64(length))
        for density in [0, 1, 8, 32, 63, 64] {
            let words = (0..<length).map { _ in
                (0..<64).reduce(UInt64(0)) { word, bit in random.below(64) < density ? word | 1 << UInt64(bit) : word }
            }
            let expected = words.reduce(0) { $0 + $1.nonzeroBitCount }
            #expect(words.withUnsafeBufferPointer(BitCount.count) == expected, "density \(density)")
        }
    }
}
