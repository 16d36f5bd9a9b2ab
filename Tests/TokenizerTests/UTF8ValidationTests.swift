import Testing
import Tokenizer

@Suite struct UTF8ValidationTests {
    /// The offset where the standard library's UTF-8 parser first reports an error.
    static func referenceOffset(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// Mostly ASCII with a bad or multi-byte sequence at any offset, so that every position of
    /// the eight-byte ASCII steps is tried.
    @Test func firstInvalidOffsetAgreesWithTheStandardLibraryAtEveryOffset() {
        var rng = SplitMix64(seed: 11)
        let pieces: [[UInt8]] = [
            [0x61], [0x7F], [0xC3, 0xA9], [0xE5, 0xB1, 0xB1], [0xF0, 0x9F, 0x98, 0x80], [0xFF], [0x80],
            [0xC3], [0xE5, 0xB1], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xE0, 0x80, 0xAF],
        ]
        var invalid = 0
        for _ in 0..<20_000 {
            var bytes = (0..<Int.random(in: 0..<40, using: &rng)).map { _ in UInt8.random(in: 0x20..<0x7F, using: &rng) }
            if Bool.random(using: &rng) {
                bytes.insert(contentsOf: pieces.randomElement(using: &rng)!, at: Int.random(in: 0...bytes.count, using: &rng))
            }
            let expected = Self.referenceOffset(bytes)
            if expected != nil { invalid += 1 }
            #expect(bytes.withUnsafeBufferPointer(UTF8Validation.firstInvalidOffset) == expected, "\(bytes)")
            #expect(UTF8Validation.firstInvalidOffset(bytes[...]) == expected)
        }
        #expect(invalid > 3_000)
    }
}
