import ContactGenerator
import Testing
@testable import ContactIndex

/// The key dictionary's prefix ranges, against a sorted list of the same keys.
@Suite struct TermDictionaryTests {
    /// Random keys over a few byte values, 0xFF among them, so that prefixes share long runs
    /// and the sorted blocks split many times.
    static func keys(_ count: Int, _ rng: inout SeededRandom) -> [[UInt8]] {
        let alphabet: [UInt8] = [0x61, 0x62, 0x63, 0xC3, 0xFF]
        return (0..<count).map { _ in (0..<1 + rng.below(6)).map { _ in alphabet[rng.below(alphabet.count)] } }
    }

    @Test func everyPrefixGivesExactlyTheKeysThatStartWithItInOrder() {
        var rng = SeededRandom(seed: 7)
        var dictionary = TermDictionary()
        var distinct = Set<[UInt8]>()
        for key in Self.keys(6_000, &rng) {
            _ = key.withUnsafeBufferPointer { dictionary.intern($0) }
            distinct.insert(key)
        }
        #expect(dictionary.blocks.count > 4)
        let sorted = distinct.sorted { $0.lexicographicallyPrecedes($1) }
        for prefix in Self.keys(400, &rng) + [[], [0xFF], [0xFF, 0xFF], [0x61, 0xFF]] {
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

    @Test func theWalkStopsWhenTheCallerSaysSo() {
        var dictionary = TermDictionary()
        for key in ["ana", "anabela", "anderson", "bia"] { _ = Array(key.utf8).withUnsafeBufferPointer { dictionary.intern($0) } }
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
