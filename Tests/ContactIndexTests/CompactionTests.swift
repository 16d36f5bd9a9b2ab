import Testing
@testable import ContactIndex

/// Copies without spare capacity, and the parts a compaction is cut into.
@Suite struct CompactionTests {
    @Test func copiesKeepTheElementsAndNoSpareCapacity() {
        var contiguous = ContiguousArray<UInt32>()
        var array: [UInt32] = []
        for i in 0..<1_500 {
            contiguous.append(UInt32(i))
            array.append(UInt32(i))
        }
        #expect(contiguous.capacity > contiguous.count + 8 && array.capacity > array.count + 8)
        let (c, a) = (contiguous.exactCapacityCopy(), array.exactCapacityCopy())
        #expect(c == contiguous && a == array)
        // The allocator may round a block up by a few bytes; doubling left hundreds of elements.
        #expect(c.capacity < c.count + 8 && a.capacity < a.count + 8)
    }

    @Test func thePartsCoverEveryItemOnceInOrder() {
        for count in [0, 1, 63, 64, 65, 111_000] {
            let ranges = (0..<Compaction.parts).map { Compaction.range(part: $0, count: count) }
            #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == count)
            #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        }
    }
}
