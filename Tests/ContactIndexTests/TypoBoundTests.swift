import ContactGenerator
import Testing
@testable import ContactIndex

/// The bound of a typo pass's ranking walk: the lowest sum of one kind of match per word, where
/// two words that no one key can match do not share a position of the name.
@Suite struct TypoBoundTests {
    static func kinds(_ codes: [(edits: UInt8, field: SearchField, position: Int, whole: Bool)]) -> TypoBound.Kinds {
        var kinds = TypoBound.Kinds()
        for code in codes {
            let tier = KeyInfo(field: code.field, position: code.position).raw | (code.whole ? 0 : UInt8(WordMatches.prefixBit))
            kinds.insert(edits: code.edits, tier: tier)
        }
        return kinds
    }

    static func key(_ parts: [(edits: Int, field: SearchField, position: Int, whole: Bool)]) -> RankKey {
        let raw = parts.reduce(UInt32(0)) {
            $0 + RankKey.part(of: KeyInfo(field: $1.field, position: $1.position).raw | ($1.whole ? 0 : UInt8(WordMatches.prefixBit)))
        }
        return RankKey(raw: raw).adding(edits: max(1, parts.reduce(0) { $0 + $1.edits }))
    }

    @Test func twoWordsNoKeyMatchesTogetherAreNotBothTheFirstName() {
        // `jhon` (John, one edit) and `smit` (Smith, as typed) are each first in some name.
        let jhon = Self.kinds([(1, .name, 0, true), (1, .name, 1, true), (1, .email, 0, true)])
        let smit = Self.kinds([(0, .name, 0, false), (0, .name, 1, false), (0, .username, 0, false)])
        let bound = TypoBound(kinds: [jhon, smit], texts: [Array("jhon".utf8), Array("smit".utf8)]).key
        #expect(bound == Self.key([(1, .name, 0, true), (0, .name, 1, false)]))
        // Without their texts, nothing tells them apart.
        let loose = TypoBound(kinds: [jhon, smit], texts: [nil, nil]).key
        #expect(loose == Self.key([(1, .name, 0, true), (0, .name, 0, false)]))
    }

    @Test func wordsOneKeyCanMatchTogetherMayShareAPosition() {
        // `mari` starts `maria`; `marai` is one edit from `maria`, and `mraia` two, as many as
        // the two words' kinds allow together.
        let first = Self.kinds([(0, .name, 0, true)])
        let second = Self.kinds([(0, .name, 0, false), (1, .name, 0, true), (0, .name, 1, false)])
        #expect(TypoBound(kinds: [first, second], texts: [Array("maria".utf8), Array("mari".utf8)]).key
            == Self.key([(0, .name, 0, true), (1, .name, 0, true)]))
        let typo = Self.kinds([(1, .name, 0, true)])
        #expect(TypoBound(kinds: [typo, second], texts: [Array("marai".utf8), Array("mari".utf8)]).key
            == Self.key([(1, .name, 0, true), (0, .name, 0, false)]))
        #expect(TypoBound(kinds: [typo, typo], texts: [Array("marai".utf8), Array("mraia".utf8)]).key
            == Self.key([(1, .name, 0, true), (1, .name, 0, true)]))
    }

    @Test func wordsWhoseMatchedPrefixesNoKeyStartsWithBothAreNotBothTheFirstName() {
        // `jonh` is one edit from `c…` keys in theory (`conh`), but the keys it matched start
        // with `john`, `jon` or `joh`.
        let jonh = Self.kinds([(1, .name, 0, true), (1, .name, 1, true)])
        let c = Self.kinds([(0, .name, 0, false), (0, .name, 1, false)])
        let texts = [Array("jonh".utf8), Array("c".utf8)]
        #expect(TypoBound(kinds: [jonh, c], texts: texts).key == Self.key([(1, .name, 0, true), (0, .name, 0, false)]))
        let matched: [[[UInt8]]?] = [["jonh", "john", "jon", "joh"].map { Array($0.utf8) }, [Array("c".utf8)]]
        #expect(TypoBound(kinds: [jonh, c], texts: texts, prefixes: matched).key
            == Self.key([(1, .name, 0, true), (0, .name, 1, false)]))
        // A word of digits may share a key with any other.
        #expect(TypoBound(kinds: [jonh, c], texts: texts, prefixes: [matched[0], nil]).key
            == Self.key([(1, .name, 0, true), (0, .name, 0, false)]))
    }

    @Test func twoSetsOfPrefixesShareAKeyWhenOneStartsWithTheOther() {
        func share(_ a: [String], _ b: [String]) -> Bool {
            TypoBound.shareAKey(a.map { Array($0.utf8) }, b.map { Array($0.utf8) })
        }
        #expect(share(["john", "jon"], ["jo"]))
        #expect(share(["jo"], ["john"]))
        #expect(share(["maria"], ["maria"]))
        #expect(share(["a", "mar", "z"], ["b", "mari", "y"]))
        #expect(!share(["john", "jon", "joh"], ["c"]))
        #expect(!share(["mari", "marz"], ["mara", "mb"]))
        #expect(!share([], ["a"]))
        // Against every pair, on random prefixes.
        var rng = SeededRandom(seed: 59)
        for _ in 0..<300 {
            let a = (0..<rng.below(6)).map { _ in (0..<(1 + rng.below(4))).map { _ in UInt8(ascii: "a") + UInt8(rng.below(3)) } }
            let b = (0..<rng.below(6)).map { _ in (0..<(1 + rng.below(4))).map { _ in UInt8(ascii: "a") + UInt8(rng.below(3)) } }
            let expected = a.contains { x in b.contains { y in x.starts(with: y) || y.starts(with: x) } }
            #expect(TypoBound.shareAKey(a, b) == expected, "\(a) \(b)")
        }
    }

    @Test func positionsPastTheLastCountedAndOtherFieldsAreShared() {
        let a = Self.kinds([(0, .name, 15, true), (0, .email, 0, true)])
        let b = Self.kinds([(0, .name, 15, false), (1, .email, 0, false)])
        #expect(TypoBound(kinds: [a, b], texts: [Array("zed".utf8), Array("abe".utf8)]).key
            == Self.key([(0, .name, 15, true), (0, .name, 15, false)]))
        let c = Self.kinds([(1, .email, 0, true)])
        #expect(TypoBound(kinds: [c, c], texts: [Array("zedd".utf8), Array("abee".utf8)]).key
            == Self.key([(1, .email, 0, true), (1, .email, 0, true)]))
    }

    @Test func aKindWithMoreEditsWinsWhenTheTypoPassesEditCoversIt() {
        // The pass has one edit at least: a kind with one edit and a better tier beats a kind
        // with none and a worse one.
        let word = Self.kinds([(0, .customField, 3, false), (1, .name, 0, true)])
        #expect(TypoBound(kinds: [word], texts: [Array("abcd".utf8)]).key == Self.key([(1, .name, 0, true)]))
    }

    @Test func kindsNoSharedDocumentHasAreLeftOutOfTheBound() {
        // `maria ssilv`: the contacts both words match have `maria` as first name and `silva`
        // second, one edit from `ssilv`; one other contact, not matched by `maria`, has an email
        // key one edit from `ssilv` as a whole, a lower kind than any shared contact has.
        var maria = TypoWord(), ssilv = TypoWord()
        maria.add(list: TypoWord.List(entries: (0..<100).map { $0 << 8 | 0x00 }, edits: 0))
        ssilv.add(list: TypoWord.List(entries: (0..<100).map { $0 << 8 | 0x81 }, edits: 1))
        ssilv.add(postings: [TypoWord.posting(500 << 8 | 0x20, edits: 1, whole: true)])
        var matching = DocumentBitmap(documentCount: 1_000)
        matching.insert(Array(UInt32(0)..<100), shift: 0)
        let texts = [Array("maria".utf8), Array("ssilv".utf8)]
        #expect(TypoBound(kinds: [maria.kinds, ssilv.kinds], texts: texts).key == Self.key([(0, .name, 0, true), (1, .email, 0, true)]))
        #expect(Self.over([maria, ssilv], texts: texts, matching: matching) == Self.key([(0, .name, 0, true), (1, .name, 1, false)]))
        // Once a shared contact has it, it stays.
        maria.add(postings: [TypoWord.posting(500 << 8 | 0x00, edits: 0, whole: true)])
        matching.insert([UInt32(500)], shift: 0)
        #expect(Self.over([maria, ssilv], texts: texts, matching: matching) == Self.key([(0, .name, 0, true), (1, .email, 0, true)]))
    }

    @Test func aCombinationOfKindsNoSharedDocumentHasIsLeftOutOfTheBound() {
        // `maria sill`: the shared contacts have `maria` as first name and `silva` second, or
        // `maria` as username and an email key a whole edit from `sill`; none has both the best
        // kind of each word, a first name `maria` and such an email key.
        let name = KeyInfo(field: .name, position: 0).raw, username = KeyInfo(field: .username, position: 0).raw
        let secondName = KeyInfo(field: .name, position: 1).raw | UInt8(WordMatches.prefixBit)
        let email = KeyInfo(field: .email, position: 0).raw
        var maria = TypoWord(), sill = TypoWord()
        maria.add(list: TypoWord.List(entries: (0..<100).map { $0 << 8 | UInt32(name) } + (100..<103).map { $0 << 8 | UInt32(username) }, edits: 0))
        sill.add(list: TypoWord.List(entries: (0..<100).map { $0 << 8 | UInt32(secondName) }, edits: 1))
        sill.add(list: TypoWord.List(entries: (100..<103).map { $0 << 8 | UInt32(email) }, edits: 1))
        var matching = DocumentBitmap(documentCount: 1_000)
        matching.insert(Array(UInt32(0)..<103), shift: 0)
        let texts = [Array("maria".utf8), Array("sill".utf8)]
        #expect(TypoBound(kinds: [maria.kinds, sill.kinds], texts: texts).key == Self.key([(0, .name, 0, true), (1, .email, 0, true)]))
        let bound = Self.over([maria, sill], texts: texts, matching: matching)
        #expect(bound == Self.key([(0, .username, 0, true), (1, .email, 0, true)]))
        // The bound is the best key a shared contact has.
        let ranker = TypoRanker([maria, sill], documentCount: 1_000)
        #expect((0..<103).map { ranker.key(anyOrder: UInt32($0)) }.min() == bound)
    }

    /// `TypoBound.over` with every check allowed.
    static func over(_ words: [TypoWord], texts: [[UInt8]?], matching: DocumentBitmap) -> RankKey {
        TypoBound.over(
            words, texts: texts, prefixes: words.map { _ in nil }, matching: matching,
            ranker: TypoRanker(words, documentCount: matching.words.count * 64), budget: .max)
    }

    @Test func theBoundIsTheLowestAllowedSumOverRandomKinds() {
        var rng = SeededRandom(seed: 47)
        for _ in 0..<200 {
            let n = 1 + rng.below(4)
            var kinds: [TypoBound.Kinds] = []
            var codes: [[UInt16]] = []
            for _ in 0..<n {
                var word = TypoBound.Kinds()
                var mine: [UInt16] = []
                for _ in 0..<(1 + rng.below(5)) {
                    let edits = UInt8(rng.below(3))
                    let tier = KeyInfo(field: SearchField(rawValue: UInt8(rng.below(2)))!, position: rng.below(3)).raw | (rng.chance(0.5) ? 0x80 : 0)
                    word.insert(edits: edits, tier: tier)
                    mine.append(UInt16(edits) << 8 | UInt16(tier))
                }
                kinds.append(word)
                codes.append(mine)
            }
            let texts: [[UInt8]?] = (0..<n).map { _ in rng.chance(0.2) ? nil : (0..<(2 + rng.below(3))).map { _ in UInt8(ascii: "a") + UInt8(rng.below(3)) } }
            // Every combination, brute force.
            var best = UInt32.max
            var choice = [Int](repeating: 0, count: n)
            while true {
                let chosen = (0..<n).map { codes[$0][choice[$0]] }
                var allowed = true
                for a in 0..<n {
                    for b in 0..<n where a < b {
                        let x = UInt8(truncatingIfNeeded: chosen[a]) & 0x7F, y = UInt8(truncatingIfNeeded: chosen[b]) & 0x7F
                        guard x == y, KeyInfo(raw: x).field == .name, let tx = texts[a], let ty = texts[b] else { continue }
                        if TypoBound.prefixDistance(tx, ty) > Int(chosen[a] >> 8) + Int(chosen[b] >> 8) { allowed = false }
                    }
                }
                if allowed {
                    let raw = chosen.reduce(UInt32(0)) { $0 + RankKey.part(of: UInt8(truncatingIfNeeded: $1)) }
                    best = min(best, RankKey(raw: raw).adding(edits: max(1, chosen.reduce(0) { $0 + Int($1 >> 8) })).raw)
                }
                var k = 0
                while k < n {
                    choice[k] += 1
                    if choice[k] < codes[k].count { break }
                    choice[k] = 0
                    k += 1
                }
                if k == n { break }
            }
            let bound = TypoBound(kinds: kinds, texts: texts).key.raw
            #expect(bound == best, "kinds \(codes), texts \(texts)")
        }
    }
}
