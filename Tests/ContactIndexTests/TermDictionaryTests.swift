import ContactGenerator
import Testing
@testable import ContactIndex

/// The key dictionary's prefix ranges, against a sorted list of the same keys.
@Suite struct TermDictionaryTests {
    /// Random keys over a few byte values, 0xFF among them, so that prefixes share long runs
    /// and the sorted blocks split many times; some longer than the eight bytes of a block's
    /// head, so that keys with equal heads are compared whole.
    static func keys(_ count: Int, _ rng: inout SeededRandom) -> [[UInt8]] {
        let alphabet: [UInt8] = [0x61, 0x62, 0x63, 0xC3, 0xFF]
        return (0..<count).map { _ in
            let head = (0..<1 + rng.below(6)).map { _ in alphabet[rng.below(alphabet.count)] }
            return rng.below(4) > 0 ? head : [0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61] + head
        }
    }

    /// Keys interned in writes of one to 3,000 keys, each write ending with `sortNewTerms`: after
    /// every write, each prefix gives the keys so far that start with it, in order. The first
    /// write's keys are cut into blocks at once (a rebuild's dictionary), later ones inserted.
    @Test(arguments: [[1, 1, 2, 700, 3, 1_500, 40, 1, 1_000, 250, 500, 2], [3_000, 1, 700, 2, 1_500]])
    func everyPrefixGivesExactlyTheKeysThatStartWithItInOrder(writes: [Int]) {
        var rng = SeededRandom(seed: 7)
        var dictionary = TermDictionary()
        var distinct = Set<[UInt8]>()
        for size in writes {
            for key in Self.keys(size, &rng) {
                _ = key.withUnsafeBufferPointer { dictionary.intern($0) }
                distinct.insert(key)
            }
            dictionary.sortNewTerms()
            let sorted = distinct.sorted { $0.lexicographicallyPrecedes($1) }
            // Each block's last key too: a prefix equal to the key a block search stops at.
            let lasts = dictionary.blocks.compactMap { $0.last.map { dictionary.withKey($0) { Array($0) } } }
            for prefix in Self.keys(60, &rng) + [[], [0xFF], [0xFF, 0xFF], [0x61, 0xFF]] + lasts {
                var found: [[UInt8]] = []
                prefix.withUnsafeBufferPointer { p in
                    dictionary.forEachTerm(withPrefix: p) { term in
                        found.append(dictionary.withKey(term) { Array($0) })
                        return true
                    }
                }
                #expect(found == sorted.filter { $0.starts(with: prefix) }, "\(prefix)")
            }
        }
        #expect(dictionary.blocks.count > 4)
    }

    /// After a bulk load the key bytes and the per-term columns keep a sixteenth spare, whatever
    /// their growth left (doubling left up to as much again, and how much followed the
    /// allocator's history): every key keeps its id, and the first new keys need no copy.
    @Test func compactionKeepsASixteenthSpareAndEveryKeyAndItsID() {
        var rng = SeededRandom(seed: 8)
        var dictionary = TermDictionary()
        let keys = Self.keys(5_000, &rng)
        let ids = keys.map { key in key.withUnsafeBufferPointer { dictionary.intern($0) } }
        dictionary.sortNewTerms()
        let bytesBefore = dictionary.memoryBytes
        dictionary.compact()
        #expect(dictionary.memoryBytes < bytesBefore)
        // Bytes beyond a sixteenth spare: the allocator rounds a block up by a few bytes.
        func beyond<T>(_ column: ContiguousArray<T>) -> Int {
            (column.capacity - column.count - column.count / 16 - 16) * MemoryLayout<T>.stride
        }
        #expect((0..<64).contains(beyond(dictionary.arena)))
        #expect((0..<64).contains(beyond(dictionary.starts)) && (0..<64).contains(beyond(dictionary.lengths)))
        for (key, id) in zip(keys, ids) {
            #expect(dictionary.withKey(id) { Array($0) } == key)
            #expect(key.withUnsafeBufferPointer { dictionary.intern($0) } == id)
        }
        let capacities = (dictionary.arena.capacity, dictionary.starts.capacity)
        let new = Array("compacted".utf8)
        let id = new.withUnsafeBufferPointer { dictionary.intern($0) }
        dictionary.sortNewTerms()
        #expect(dictionary.withKey(id) { Array($0) } == new)
        #expect(dictionary.arena.capacity == capacities.0 && dictionary.starts.capacity == capacities.1)
    }

    /// The hash table doubles without stopping a write to move every key: the old table's
    /// entries move a few at each new key. Every key keeps its id through the moves, in the
    /// dictionary, in a snapshot's copy made midway, and in a snapshot read back.
    @Test func everyKeyKeepsItsIDWhileTheTableDoublesAndMovesItsEntries() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var dictionary = TermDictionary()
        func key(_ i: Int) -> [UInt8] { Array("k\(i &* 7919 % 100_003)-\(i)".utf8) }
        func id(of key: [UInt8], in dictionary: TermDictionary) -> UInt32? { key.withUnsafeBufferPointer { dictionary.find($0) } }
        var copies: [(TermDictionary, Int)] = []
        for i in 0..<40_000 {
            #expect(key(i).withUnsafeBufferPointer { dictionary.intern($0) } == UInt32(i))
            for earlier in [0, i / 2, i / 3 * 2, i] where id(of: key(earlier), in: dictionary) != UInt32(earlier) {
                Issue.record("key \(earlier) lost after \(i + 1) keys")
            }
            // Midway through the moves of two doublings (to 32,768 and to 65,536 slots).
            if i == 8_192 + 300 || i == 16_384 + 700 { copies.append((dictionary.snapshotCopy(), i + 1)) }
        }
        #expect(copies.count == 2)
        for (copy, count) in copies {
            #expect((0..<count).allSatisfy { id(of: key($0), in: copy) == UInt32($0) })
            #expect(id(of: key(count), in: copy) == nil)
        }
        dictionary.sortNewTerms()
        let (copy, count) = copies[1]
        var sorted = copy
        sorted.sortNewTerms()
        let file = try DataFile.create(folder.file("terms"), faults: nil)
        let out = SectionStream(file)
        try sorted.encode(out)
        try out.flush()
        let bytes = folder.read("terms")
        let read = try #require(bytes.withUnsafeBytes { raw in
            var reader = ByteReader(raw)
            return TermDictionary(decoding: &reader)
        })
        #expect(read.count == count && (0..<count).allSatisfy { id(of: key($0), in: read) == UInt32($0) })
        #expect(id(of: key(count), in: read) == nil)
    }

    @Test func theWalkStopsWhenTheCallerSaysSo() {
        var dictionary = TermDictionary()
        for key in ["ana", "anabela", "anderson", "bia"] { _ = Array(key.utf8).withUnsafeBufferPointer { dictionary.intern($0) } }
        dictionary.sortNewTerms()
        var seen = 0
        Array("an".utf8).withUnsafeBufferPointer { p in
            dictionary.forEachTerm(withPrefix: p) { _ in
                seen += 1
                return seen < 2
            }
        }
        #expect(seen == 2)
    }
}
