import ContactGenerator
import Testing
import Tokenizer
@testable import ContactIndex

/// The in-place matcher of ASCII values against the keys the tokenizer and the email normalizer
/// give, over random values: both must find the same ranges.
@Suite struct ASCIIKeyMatcherTests {
    static let alphabet = Array("aAbBeEnNzZ019-'._@+ ")

    static func random(_ rng: inout SeededRandom, length: Int) -> String {
        String((0..<length).map { _ in alphabet[rng.below(alphabet.count)] })
    }

    /// Ranges from the tokenizer's keys: each key that starts with a prefix covers the first
    /// letters of its fold, hyphens and apostrophes inside a joined word included.
    static func tokenizerRanges(_ text: String, _ prefixes: [[UInt8]]) -> [Range<Int>] {
        let tokens = TextTokenizer(mode: .index).tokenize(text)
        let utf16 = Array(text.utf16)
        var ranges: [Range<Int>] = []
        for token in tokens.tokens {
            let folded = Array(tokens.folded[token.bytes])
            for prefix in prefixes where folded.starts(with: prefix) {
                ranges.append(Highlighter.covering(prefix.count, in: utf16, token.utf16Range, skippingJoiners: true))
            }
        }
        return Highlighter.merge(ranges)
    }

    /// Ranges from the normalizer's search keys, which fold an ASCII address one byte to one.
    static func normalizerRanges(_ email: String, _ prefixes: [[UInt8]]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for key in EmailNormalizer.searchKeys(of: email) {
            for prefix in prefixes where key.text.utf8.starts(with: prefix) {
                ranges.append(key.utf16Range.lowerBound..<(key.utf16Range.lowerBound + prefix.count))
            }
        }
        return Highlighter.merge(ranges)
    }

    static func matcherRanges(_ value: String, _ prefixes: [[UInt8]], email: Bool) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var value = value
        value.withUTF8 { bytes in
            KeyPrefixes(prefixes).withView { view in
                if email {
                    ASCIIKeyMatcher.emailRanges(bytes, view, into: &ranges)
                } else {
                    ASCIIKeyMatcher.textRanges(bytes, view, into: &ranges)
                }
            }
        }
        return Highlighter.merge(ranges)
    }

    /// Prefixes cut from the value's own fold, so that most of them match somewhere; up to six,
    /// several often sharing a first byte, as a typo pass's do.
    static func prefixes(of value: String, _ rng: inout SeededRandom) -> [[UInt8]] {
        let folded = Array(TextFolding.fold(value).utf8)
        return (0..<1 + rng.below(6)).compactMap { _ in
            guard !folded.isEmpty else { return nil }
            let start = rng.below(folded.count)
            let prefix = Array(folded[start..<min(folded.count, start + 1 + rng.below(6))])
            return prefix.allSatisfy { $0 != UInt8(ascii: " ") } ? prefix : nil
        }
    }

    /// Random values, each with prefixes cut from it: the matcher and the reference agree, and
    /// enough of them match somewhere for the check to mean something.
    static func checkAgreement(seed: UInt64, email: Bool, reference: (String, [[UInt8]]) -> [Range<Int>]) {
        var rng = SeededRandom(seed: seed)
        var matched = 0
        for _ in 0..<20_000 {
            let value = random(&rng, length: rng.below(email ? 18 : 16))
            let prefixes = prefixes(of: value, &rng)
            let expected = reference(value, prefixes)
            #expect(matcherRanges(value, prefixes, email: email) == expected, "\(value.debugDescription) \(prefixes)")
            if !expected.isEmpty { matched += 1 }
        }
        #expect(matched > 5_000)
    }

    @Test func textRangesAgreeWithTheTokenizerOnRandomASCIIText() {
        Self.checkAgreement(seed: 3, email: false, reference: Self.tokenizerRanges)
    }

    @Test func emailRangesAgreeWithTheNormalizerOnRandomASCIIAddresses() {
        Self.checkAgreement(seed: 4, email: true, reference: Self.normalizerRanges)
    }
}
