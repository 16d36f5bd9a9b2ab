import ContactGenerator
import Testing
@testable import ContactIndex

/// Digit substring search compared with a brute-force scan of the same strings.
@Suite struct DigitIndexTests {
    typealias Strings = [(digits: [UInt8], info: KeyInfo)]

    /// Random digit strings, over few digits so that runs repeat across documents and within one.
    static func documents(_ count: Int, _ random: inout SeededRandom) -> [Strings] {
        (0..<count).map { _ in
            (0..<random.below(4)).map { k in
                let alphabet = random.below(2) == 0 ? 3 : 10
                let digits = (0..<(1 + random.below(15))).map { _ in UInt8(ascii: "0") + UInt8(random.below(alphabet)) }
                return (digits, KeyInfo(field: random.below(3) == 0 ? .customField : .phone, position: k))
            }
        }
    }

    /// The best tier of a document's strings holding the fragment, as the index gives it.
    static func expectedTier(_ strings: Strings, _ fragment: [UInt8]) -> UInt8? {
        var best: UInt8?
        for (digits, info) in strings where digits.count >= fragment.count {
            let holds = (0...(digits.count - fragment.count)).contains { start in
                fragment.indices.allSatisfy { digits[start + $0] == fragment[$0] }
            }
            guard holds else { continue }
            best = min(best ?? .max, DigitIndex.tier(info, whole: digits.count == fragment.count, fragment: fragment))
        }
        return best
    }

    @Test func fragmentsOfEveryLengthFindExactlyTheDocumentsHoldingThemWithTheirBestTier() {
        var random = SeededRandom(seed: 21)
        let documents = Self.documents(2_000, &random)
        var index = DigitIndex()
        for (doc, strings) in documents.enumerated() { index.add(doc: UInt32(doc), strings) }
        var fragments: [[UInt8]] = []
        for _ in 0..<300 {
            let strings = documents[random.below(documents.count)]
            guard let (digits, _) = strings.first, digits.count >= 3 else { continue }
            let length = 3 + random.below(digits.count - 2)
            let start = random.below(digits.count - length + 1)
            fragments.append(Array(digits[start..<(start + length)]))
        }
        for length in 3...9 {
            fragments.append((0..<length).map { _ in UInt8(ascii: "0") + UInt8(random.below(10)) })
        }
        #expect(Set(fragments.map(\.count)).isSuperset(of: 3...9))
        for fragment in fragments {
            let expected = documents.indices.compactMap { doc in
                Self.expectedTier(documents[doc], fragment).map { UInt32(doc) << 8 | UInt32($0) }
            }
            let found = index.matches([fragment], fieldMask: WordMatches.allFields)
            #expect(found == expected, "fragment \(String(decoding: fragment, as: UTF8.self))")
        }
    }

    @Test func compactionGivesBackSpareCapacityAndKeepsEveryMatch() {
        var random = SeededRandom(seed: 22)
        let documents = Self.documents(3_000, &random)
        var index = DigitIndex()
        for (doc, strings) in documents.enumerated() { index.add(doc: UInt32(doc), strings) }
        let fragments = (3...8).map { length in (0..<length).map { _ in UInt8(ascii: "0") + UInt8(random.below(3)) } }
        let before = fragments.map { index.matches([$0], fieldMask: WordMatches.allFields) }
        let bytesBefore = index.memoryBytes
        for part in 0..<Compaction.parts { index.compact(part: part) }
        #expect(index.memoryBytes < bytesBefore)
        #expect(fragments.map { index.matches([$0], fieldMask: WordMatches.allFields) } == before)
        // Lists without spare capacity still take new documents.
        let doc = UInt32(documents.count)
        index.add(doc: doc, [(Array("12345678".utf8), KeyInfo(field: .phone, position: 0))])
        #expect(index.matches([Array("2345".utf8)], fieldMask: WordMatches.allFields).last.map { $0 >> 8 } == doc)
    }

    @Test func aThreeDigitFragmentRanksByTheFirstStringHoldingItWhenALaterOneIsExactlyFourDigits() {
        var index = DigitIndex()
        let strings: Strings = [(Array("51234".utf8), KeyInfo(field: .phone, position: 0)), (Array("1234".utf8), KeyInfo(field: .phone, position: 1))]
        index.add(doc: 0, strings)
        let prefix = UInt32(WordMatches.prefixBit)
        #expect(index.matches([Array("123".utf8)], fieldMask: WordMatches.allFields) == [UInt32(KeyInfo(field: .phone, position: 0).raw) | prefix])
        // Four digits: the whole string of them ranks first.
        #expect(index.matches([Array("1234".utf8)], fieldMask: WordMatches.allFields) == [UInt32(KeyInfo(field: .phone, position: 1).raw)])
    }

    @Test func aFourDigitFragmentRanksByTheFirstStringHoldingItWhenALaterOneIsExactlyFiveDigits() {
        var index = DigitIndex()
        let strings: Strings = [(Array("912345".utf8), KeyInfo(field: .phone, position: 0)), (Array("12345".utf8), KeyInfo(field: .phone, position: 1))]
        index.add(doc: 0, strings)
        let prefix = UInt32(WordMatches.prefixBit)
        #expect(index.matches([Array("1234".utf8)], fieldMask: WordMatches.allFields) == [UInt32(KeyInfo(field: .phone, position: 0).raw) | prefix])
        #expect(index.matches([Array("123".utf8)], fieldMask: WordMatches.allFields) == [UInt32(KeyInfo(field: .phone, position: 0).raw) | prefix])
        // Five digits: the whole string of them ranks first.
        #expect(index.matches([Array("12345".utf8)], fieldMask: WordMatches.allFields) == [UInt32(KeyInfo(field: .phone, position: 1).raw)])
    }
}
