import ContactGenerator
import Testing
import Tokenizer
@testable import ContactIndex

/// The packed form of stored contacts gives back the very JSON text it was made from.
@Suite struct StoredJSONCodecTests {
    static func roundTrip(_ json: [UInt8]) -> [UInt8] {
        StoredJSONCodec.pack(json).withUnsafeBufferPointer(StoredJSONCodec.unpack)
    }

    @Test func generatedContactsComeBackByteForByteInLessThanTwoThirdsOfTheirBytes() throws {
        let generator = ContactGenerator(seed: 3)
        let parser = ContactParser(phones: try PhoneNormalizer(defaultRegion: "BR"))
        var plain = 0
        var packed = 0
        for i in 0..<2_000 {
            let json = try parser.parse(generator.contact(i).json).contact.jsonBytes
            #expect(Self.roundTrip(json) == json)
            plain += json.count
            packed += StoredJSONCodec.pack(json).count
        }
        #expect(packed * 3 < plain * 2, "packed \(packed) of \(plain) bytes")
    }

    @Test func valuesThatSpellTheShapesKeysComeBackUnchanged() throws {
        let parser = ContactParser(phones: try PhoneNormalizer(defaultRegion: "BR"))
        let tricky = #"{"name":"\",\"name\":\" \"},{\"address\":\"","username":".000Z\",\"unknown\":false}","#
            + #""emails":["a@b.co"],"customFields":{"\",\"ts\":\"":"\":\""}}"#
        let json = try parser.parse(Array(tricky.utf8)).contact.jsonBytes
        #expect(Self.roundTrip(json) == json)
    }

    @Test func aContactOfManyOneLetterEmailsComesBackWholeThoughItExpandsSevenfold() throws {
        let parser = ContactParser(phones: try PhoneNormalizer(defaultRegion: "BR"))
        let emails = (0..<100).map { "\"\(Character(Unicode.Scalar(UInt8(97 + $0 % 26))))\"" }.joined(separator: ",")
        let json = try parser.parse(Array(#"{"_id":"x","name":"y","emails":[\#(emails)]}"#.utf8)).contact.jsonBytes
        let packed = StoredJSONCodec.pack(json)
        #expect(json.count > 7 * packed.count, "\(json.count) bytes packed in \(packed.count)")
        #expect(Self.roundTrip(json) == json)
    }

    @Test func randomTextRoundTripsWhetherPackedOrKeptPlain() {
        var rng = SeededRandom(seed: 9)
        let pieces = StoredJSONCodec.runs + [[0x00], [0x01], [0x1F], Array("é".utf8), Array("a\"b".utf8)]
        for _ in 0..<3_000 {
            let text = (0..<rng.below(12)).flatMap { _ in
                rng.chance(0.5) ? pieces[rng.below(pieces.count)] : [UInt8(rng.below(256))]
            }
            #expect(Self.roundTrip(text) == text)
        }
    }

    @Test func longTextsRoundTripWithTokensAtEveryOffsetOfAWord() {
        var rng = SeededRandom(seed: 11)
        let pieces = StoredJSONCodec.runs + [[0x00], [0x1F], [0x20], [0x7F], [0x80], [0x9F], [0xA0], Array("é".utf8)]
        for _ in 0..<2_000 {
            let text = (0..<rng.below(80)).flatMap { _ in
                rng.chance(0.3) ? pieces[rng.below(pieces.count)] : (0..<rng.below(9)).map { _ in UInt8(rng.below(256)) }
            }
            #expect(Self.roundTrip(text) == text)
        }
    }

    @Test func unpackingBytesThatNoPackingMadeNeitherTrapsNorReadsOutOfBounds() {
        var rng = SeededRandom(seed: 10)
        for _ in 0..<3_000 {
            let stored = (0..<rng.below(40)).map { _ in UInt8(rng.below(256)) }
            let out = stored.withUnsafeBufferPointer(StoredJSONCodec.unpack)
            #expect(out.count <= stored.count * StoredJSONCodec.runs.map(\.count).max()!)
        }
    }
}
