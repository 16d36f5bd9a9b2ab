import ContactGenerator
import Testing
@testable import ContactIndex

/// The typo trie's subtrees read in place of the dictionary's ranges: what they hold, and the
/// marks that say when they cannot.
@Suite struct TypoTrieTests {
    enum Growth: CaseIterable {
        /// Keys interned one by one, never compacted.
        case grown
        /// Compacted halfway, then more keys interned.
        case compactedThenGrown
        /// Compacted once every key is in: the marks are exact.
        case compactedLast
    }

    /// The path of every node but the root, with its node.
    static func nodes(_ trie: TypoTrie) -> [(path: [UInt8], node: Int32)] {
        var found: [(path: [UInt8], node: Int32)] = []
        var stack: [(path: [UInt8], node: Int32)] = [([], 0)]
        while let (path, node) = stack.popLast() {
            var child = trie.firstChild[Int(node)]
            while child >= 0 {
                let next = (path + [trie.bytes[Int(child)]], child)
                found.append(next)
                stack.append(next)
                child = trie.nextSibling[Int(child)]
            }
        }
        return found
    }

    static func key(_ dictionary: TermDictionary, _ term: UInt32) -> [UInt8] {
        dictionary.withKey(term) { Array($0) }
    }

    @Test(arguments: Growth.allCases)
    func aSubtreeReadFromTheTrieHoldsEveryKeyOfItsRangeButAddressesOrSaysItCannot(growth: Growth) {
        // Seeded, so that a failure can be replayed.
        var random = SeededRandom(seed: 31)
        let letters = Array("abé.".utf8)
        var checked = 0
        var refused = 0
        for _ in 0..<30 {
            let keys = (0..<300).map { _ in
                (0..<Int.random(in: 1...7, using: &random)).map { _ in
                    switch Int.random(in: 0..<40, using: &random) {
                    case 0: UInt8(ascii: "4")
                    case 1: UInt8(ascii: "@")
                    default: letters.randomElement(using: &random)!
                    }
                }
            }
            var dictionary = TermDictionary()
            for (i, key) in keys.enumerated() {
                if i == keys.count / 2 && growth == .compactedThenGrown { dictionary.compactTypoTrie() }
                _ = key.withUnsafeBufferPointer { dictionary.intern($0) }
            }
            if growth == .compactedLast { dictionary.compactTypoTrie() }
            dictionary.sortNewTerms()
            var stack: [Int32] = []
            for (path, node) in Self.nodes(dictionary.typoTrie) where path.withUnsafeBufferPointer(TypoTrie.isWordPath) {
                var range: [[UInt8]] = []
                path.withUnsafeBufferPointer { p in
                    dictionary.forEachTerm(withPrefix: p) { term in
                        range.append(Self.key(dictionary, term))
                        return true
                    }
                }
                let hasDigitKey = range.contains { !$0.contains(UInt8(ascii: "@")) && $0.contains { $0 &- 0x30 < 10 } }
                var found: [UInt32] = []
                let complete = dictionary.typoTrie.termsUnder(node, limit: .max, into: &found, stack: &stack)
                if complete {
                    #expect(!hasDigitKey, "a key with a digit under \(path) is missed")
                    #expect(Set(found.map { Self.key(dictionary, $0) }) == Set(range.filter { !$0.contains(UInt8(ascii: "@")) }))
                    checked += 1
                } else {
                    refused += 1
                }
                if growth == .compactedLast { #expect(complete == !hasDigitKey) }
            }
        }
        #expect(checked > 100)
        if growth == .compactedLast { #expect(refused > 0) }
    }

    @Test func aSubtreeWithMoreTermsThanTheLimitIsNotRead() {
        var dictionary = TermDictionary()
        for key in ["abc", "abcd", "abce"] { _ = Array(key.utf8).withUnsafeBufferPointer { dictionary.intern($0) } }
        let node = Self.nodes(dictionary.typoTrie).first { $0.path == Array("abc".utf8) }!.node
        var found: [UInt32] = []
        var stack: [Int32] = []
        #expect(dictionary.typoTrie.termsUnder(node, limit: 3, into: &found, stack: &stack))
        #expect(found.count == 3)
        found.removeAll()
        #expect(!dictionary.typoTrie.termsUnder(node, limit: 2, into: &found, stack: &stack))
    }

    @Test func onlyPathsOfWordCharactersAreRead() {
        for (path, word) in [("maria", true), ("müller", true), ("maria.silva", false), ("jean_luc", false), ("山田", false)] {
            #expect(Array(path.utf8).withUnsafeBufferPointer(TypoTrie.isWordPath) == word, "\(path)")
        }
    }
}
