import ContactGenerator
import Testing
@testable import ContactIndex

/// The lists' byte count, kept as they change, is what a walk of every list would find.
@Suite struct ListTableTests {
    /// The bytes of `table` counted list by list.
    private func recounted(_ table: ListTable) -> Int {
        table.lists.reduce(0) { $0 + $1.capacity * 4 + 32 }
    }

    @Test func theByteCountFollowsAppendsReplacementsAndCompaction() {
        var table = ListTable(count: 50)
        #expect(table.memoryBytes == recounted(table))
        var rng = SeededRandom(seed: 31)
        for step in 0..<20_000 {
            table.append(UInt32(step), to: rng.below(table.count))
            if step % 997 == 0 { table.appendList([UInt32(step)]) }
            if step % 3_001 == 0 { table.replace(rng.below(table.count), with: [1, 2, 3]) }
        }
        #expect(table.memoryBytes == recounted(table))
        let before = table.memoryBytes
        table.compact(0..<table.count / 2)
        table.compactTable()
        #expect(table.memoryBytes == recounted(table) && table.memoryBytes < before)
        #expect(ListTable(table.lists).memoryBytes == table.memoryBytes)
    }

    @Test func theIndexEstimateStaysPutWithoutWritesAndGrowsWithThem() throws {
        let index = try ContactIndex(defaultRegion: "BR")
        index.load((0..<2_000).map { i in
            Contact(canonical: JSONObject([
                ("_id", .string("c\(i)")), ("name", .string("Name\(i % 97) Other\(i % 13)")),
                ("phones", .array([.string("+55 51 9\(10_000_000 + i * 7)")])),
            ]))
        })
        let loaded = index.stats().memoryBytes
        #expect(index.stats().memoryBytes == loaded)
        for i in 0..<500 { _ = try index.upsert(json: #"{"_id":"n\#(i)","name":"Newname\#(i)","phones":["+55 11 9\#(20_000_000 + i)"]}"#) }
        #expect(index.stats().memoryBytes > loaded)
    }
}
