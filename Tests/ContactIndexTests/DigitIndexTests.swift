import ContactGenerator
import Testing
@testable import ContactIndex

/// Digit substring search compared with a brute-force scan of the same strings.
@Suite struct DigitIndexTests {
    typealias Strings = [DigitString]

    /// Random digit strings, over few digits so that runs repeat across documents and within one,
    /// each with a random start of its national number.
    static func documents(_ count: Int, _ random: inout SeededRandom) -> [Strings] {
        (0..<count).map { _ in
            (0..<random.below(4)).map { k in
                let alphabet = random.below(2) == 0 ? 3 : 10
                let digits = (0..<(1 + random.below(15))).map { _ in UInt8(ascii: "0") + UInt8(random.below(alphabet)) }
                let info = KeyInfo(field: random.below(3) == 0 ? .customField : .phone, position: k)
                return DigitString(digits: digits, info: info, nationalStart: random.below(4))
            }
        }
    }

    /// The best tier of a document's strings holding the fragment: over every place it stands,
    /// whole string first, then beginning the string or its national number, then inside.
    static func expectedTier(_ strings: Strings, _ fragment: [UInt8]) -> UInt8? {
        var best: UInt8?
        for string in strings where string.digits.count >= fragment.count {
            let digits = string.digits
            for start in 0...(digits.count - fragment.count) where digits[start...].starts(with: fragment) {
                let whole = start == 0 && digits.count == fragment.count && fragment.count > 3
                let position = min(string.info.position, 7) + (start == 0 || start == string.nationalStart ? 0 : 8)
                let raw = string.info.raw & 0xF0 | UInt8(position)
                best = min(best ?? .max, whole ? raw : raw | UInt8(WordMatches.prefixBit))
            }
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
            guard let digits = strings.first?.digits, digits.count >= 3 else { continue }
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
        index.add(doc: doc, [DigitString(digits: Array("12345678".utf8), info: KeyInfo(field: .phone, position: 0), nationalStart: 0)])
        #expect(index.matches([Array("2345".utf8)], fieldMask: WordMatches.allFields).last.map { $0 >> 8 } == doc)
    }

    @Test func aThreeDigitFragmentRanksByTheFirstStringHoldingItWhenALaterOneIsExactlyFourDigits() {
        var index = DigitIndex()
        let strings: Strings = [
            DigitString(digits: Array("51234".utf8), info: KeyInfo(field: .phone, position: 0), nationalStart: 1),
            DigitString(digits: Array("1234".utf8), info: KeyInfo(field: .phone, position: 1), nationalStart: 0),
        ]
        index.add(doc: 0, strings)
        let prefix = UInt32(WordMatches.prefixBit)
        #expect(index.matches([Array("123".utf8)], fieldMask: WordMatches.allFields) == [UInt32(KeyInfo(field: .phone, position: 0).raw) | prefix])
        // Four digits: the whole string of them ranks first.
        #expect(index.matches([Array("1234".utf8)], fieldMask: WordMatches.allFields) == [UInt32(KeyInfo(field: .phone, position: 1).raw)])
    }

    @Test func aFourDigitFragmentRanksByTheFirstStringHoldingItWhenALaterOneIsExactlyFiveDigits() {
        var index = DigitIndex()
        let strings: Strings = [
            DigitString(digits: Array("912345".utf8), info: KeyInfo(field: .phone, position: 0), nationalStart: 1),
            DigitString(digits: Array("12345".utf8), info: KeyInfo(field: .phone, position: 1), nationalStart: 0),
        ]
        index.add(doc: 0, strings)
        let prefix = UInt32(WordMatches.prefixBit)
        #expect(index.matches([Array("1234".utf8)], fieldMask: WordMatches.allFields) == [UInt32(KeyInfo(field: .phone, position: 0).raw) | prefix])
        #expect(index.matches([Array("123".utf8)], fieldMask: WordMatches.allFields) == [UInt32(KeyInfo(field: .phone, position: 0).raw) | prefix])
        // Five digits: the whole string of them ranks first.
        #expect(index.matches([Array("12345".utf8)], fieldMask: WordMatches.allFields) == [UInt32(KeyInfo(field: .phone, position: 1).raw)])
    }

    @Test func aFragmentBeginningANumberOrItsNationalPartRanksBeforeOneInsideIt() {
        var index = DigitIndex()
        let phone = KeyInfo(field: .phone, position: 0)
        // +351 967 114 851 holds 519 inside; +55 51 9… begins its national number with it.
        index.add(doc: 0, [DigitString(digits: Array("351967114851".utf8), info: phone, nationalStart: 3)])
        index.add(doc: 1, [DigitString(digits: Array("5551987654321".utf8), info: phone, nationalStart: 2)])
        index.add(doc: 2, [DigitString(digits: Array("5198765432".utf8), info: phone, nationalStart: 0)])
        let prefix = UInt32(WordMatches.prefixBit)
        let inside = UInt32(phone.raw) | 8 | prefix, begins = UInt32(phone.raw) | prefix
        for fragment in ["519", "5198", "51987", "519876"] {
            let found = index.matches([Array(fragment.utf8)], fieldMask: WordMatches.allFields)
            let expected = fragment == "519" ? [inside, 1 << 8 | begins, 2 << 8 | begins] : [1 << 8 | begins, 2 << 8 | begins]
            #expect(found == expected, "fragment \(fragment)")
        }
    }
}
