import ContactGenerator
import Testing
import Tokenizer
@testable import ContactIndex

/// The one-pass matcher of non-ASCII values against the keys the tokenizer gives, over random
/// text in several scripts: both must find the same ranges.
@Suite struct KeyPrefixMatcherTests {
    /// Letters with and without diacritics, letters that fold to two (ß, ﬁ), a combining mark,
    /// every kind of joiner, CJK, Cyrillic, Greek, astral scalars, digits and separators.
    static let alphabet: [Character] = Array("aAeÉéßﬁ\u{301}-'’‐－＇山田太郎カ한ЖжΣσ😀𝐀ＡＢ09 .,")

    static func random(_ rng: inout SeededRandom, length: Int) -> String {
        String((0..<length).map { _ in alphabet[rng.below(alphabet.count)] })
    }

    static func matcherRanges(_ value: String, _ prefixes: [[UInt8]]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var matcher = KeyPrefixMatcher()
        var value = value
        value.withUTF8 { bytes in
            KeyPrefixes(prefixes).withView { view in
                matcher.ranges(in: bytes, prefixes: view.bytes, prefixEnds: view.ends, into: &ranges)
            }
        }
        return Highlighter.merge(ranges)
    }

    @Test func rangesAgreeWithTheTokenizerOnRandomTextInSeveralScripts() {
        var rng = SeededRandom(seed: 21)
        var matched = 0
        for _ in 0..<20_000 {
            let value = Self.random(&rng, length: rng.below(14))
            let prefixes = ASCIIKeyMatcherTests.prefixes(of: value, &rng)
            let expected = ASCIIKeyMatcherTests.tokenizerRanges(value, prefixes)
            #expect(Self.matcherRanges(value, prefixes) == expected, "\(value.debugDescription) \(prefixes)")
            if !expected.isEmpty { matched += 1 }
        }
        #expect(matched > 5_000)
    }

    @Test func aMatchCoversTheScalarsWhoseFoldSpellsThePrefix() {
        #expect(Self.matcherRanges("José Straße", [Array("jos".utf8), Array("stras".utf8)]) == [0..<3, 5..<10])
        #expect(Self.matcherRanges("Jean-Luc O’Brien", [Array("luc".utf8), Array("obr".utf8)]) == [5..<8, 9..<13])
        #expect(Self.matcherRanges("山田太郎", [Array("太郎".utf8)]) == [2..<4])
        #expect(Self.matcherRanges("𝐀nna", [Array("an".utf8)]) == [0..<3])
    }
}
