import Testing
import Tokenizer

@Suite struct TextTokenizerTests {
    let indexer = TextTokenizer(mode: .index)
    let querier = TextTokenizer(mode: .query)

    @Test func splitsOnWhiteSpaceAndPunctuation() {
        let text = indexer.tokenize("Maria  da Silva, (SP)/ana.souza")
        #expect(text.strings == ["maria", "da", "silva", "sp", "ana", "souza"])
        #expect(text.tokens.map(\.position) == [0, 1, 2, 3, 4, 5])
    }

    @Test func wordsKeepTheirUTF16RangeInTheOriginal() {
        let source = "Zoë 😀 José-María"
        let text = indexer.tokenize(source)
        let utf16 = Array(source.utf16)
        for token in text.tokens {
            let original = String(decoding: utf16[token.utf16Range], as: UTF16.self)
            #expect(TextFolding.fold(original).filter { $0 != "-" } == text.string(of: token))
        }
        #expect(text.tokens.first?.utf16Range == 0..<3)
        #expect(text.tokens[1].utf16Range == 7..<11)
    }

    @Test func hyphenatedNamesAreFoundByEachPartAndTheJoinedForm() {
        let text = indexer.tokenize("Jean-Luc Picard")
        #expect(text.strings == ["jean", "luc", "jeanluc", "picard"])
        #expect(text.tokens[2].kind == .joined)
        #expect(text.tokens[2].position == 0)
        #expect(text.tokens[3].position == 2)
    }

    @Test func apostropheNamesAreFoundByEachPartAndTheJoinedForm() {
        #expect(indexer.tokenize("O'Brien").strings == ["o", "brien", "obrien"])
        #expect(indexer.tokenize("D’Angelo").strings == ["d", "angelo", "dangelo"])
    }

    @Test func queriesKeepJoinedPartsAsOneWord() {
        #expect(querier.tokenize("jean-luc picard").strings == ["jeanluc", "picard"])
        #expect(querier.tokenize("guest-12").strings == ["guest12"])
        #expect(querier.tokenize("o'bri").tokens.map(\.utf16Range) == [0..<5])
    }

    @Test func loneHyphensAndTrailingApostrophesAreSeparators() {
        #expect(indexer.tokenize("a - b' -c").strings == ["a", "b", "c"])
    }

    @Test func cjkRunsAreKeyedAtEveryPosition() {
        let text = indexer.tokenize("山田太郎")
        #expect(text.strings == ["山田太郎", "田太郎", "太郎", "郎"])
        #expect(text.tokens[2].utf16Range == 2..<4)
        #expect(querier.tokenize("山田").strings == ["山田"])
    }

    @Test func cjkAndLatinRunsAreSeparateWords() {
        #expect(querier.tokenize("山田Taro 김민준").strings == ["山田", "taro", "김민준"])
    }

    @Test func invalidUTF8IsAnErrorNamingTheOffset() {
        #expect(throws: TokenizerError.invalidUTF8(offset: 2)) {
            try indexer.tokenize(utf8: [0x61, 0x62, 0xFF, 0x63])
        }
        #expect(throws: TokenizerError.invalidUTF8(offset: 1)) {
            try indexer.tokenize(utf8: [0x61, 0xE2, 0x82])
        }
        #expect(throws: TokenizerError.invalidUTF8(offset: 0)) {
            try indexer.tokenize(utf8: [0xED, 0xA0, 0x80])
        }
    }

    @Test func randomBytesNeverCrashTheTokenizer() throws {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<2000 {
            let bytes = (0..<Int(rng.next() % 24)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            if let text = try? indexer.tokenize(utf8: bytes) {
                for token in text.tokens {
                    #expect(token.bytes.upperBound <= text.folded.count)
                    #expect(!token.bytes.isEmpty)
                }
            } else {
                #expect(UTF8Validation.firstInvalidOffset(bytes) != nil)
            }
        }
    }

    @Test func randomStringsGiveTokensWithinTheirText() {
        var rng = SplitMix64(seed: 7)
        let alphabet: [Character] = ["a", "É", "-", "'", " ", "山", "田", "😀", "ß", "1", ".", "ı", "\u{301}"]
        for _ in 0..<2000 {
            let text = rng.string(from: alphabet, maxLength: 16)
            let tokens = indexer.tokenize(text)
            let length = text.utf16.count
            for token in tokens.tokens {
                #expect(token.utf16Range.upperBound <= length)
                #expect(!token.utf16Range.isEmpty)
            }
        }
    }
}

/// A small seeded generator for reproducible fuzz-style tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A random string of up to `maxLength - 1` characters drawn from an alphabet.
    mutating func string(from alphabet: [Character], maxLength: Int) -> String {
        String((0..<Int(next() % UInt64(maxLength))).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] })
    }
}
