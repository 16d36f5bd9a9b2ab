import Testing
@testable import ContactIndex

@Suite struct JSONParserTests {
    @Test func objectsKeepKeyOrderAndNumbersAsWritten() throws {
        let value = try JSONParser.parse(#"{"b":1.50,"a":[true,null,"x"],"c":{"d":-0.5e3}}"#)
        #expect(value.objectValue?.members.map(\.key) == ["b", "a", "c"])
        #expect(JSONWriter.string(value) == #"{"b":1.50,"a":[true,null,"x"],"c":{"d":-0.5e3}}"#)
    }

    @Test func integersAreWrittenAsSwiftPrintsThem() {
        for value in [0, 7, 10, 99, 100, -1, -100_000, 1_234_567_890, Int.max, Int.min] {
            var writer = JSONWriter()
            writer.writeInt(value)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == String(value))
        }
        var writer = JSONWriter()
        writer.writeRaw(#"{"n":"#)
        writer.writeInt(42)
        writer.writeRaw("}")
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"n":42}"#)
    }

    @Test func escapesRoundTrip() throws {
        let value = try JSONParser.parse(#""a\"b\\c\n\u00e9\ud83d\ude00\u0001""#)
        #expect(value == .string("a\"b\\c\né😀\u{1}"))
        #expect(try JSONParser.parse(JSONWriter.string(value)) == value)
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":}", "01", "1.", "-", "\"abc", "tru", "{\"a\" 1}", "[1 2]", "\"\\x\"",
        "\"\\ud800\"", "\"a\u{1}\"", "{} x", "nul",
    ])
    func malformedJSONIsAnErrorWithAnOffset(text: String) {
        #expect(throws: JSONParseError.self) { _ = try JSONParser.parse(text) }
    }

    @Test func invalidUTF8InsideAStringIsAnError() {
        #expect(throws: JSONParseError.self) { _ = try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { _ = try JSONParser.parse(deep) }
    }

    @Test func randomBytesNeverCrashTheParser() throws {
        var state: UInt64 = 1
        let alphabet = Array("{}[]\",:0123456789-.eEtrufalsn\\u ".utf8) + [0xC3, 0xA9, 0xFF]
        for _ in 0..<5000 {
            var bytes: [UInt8] = []
            for _ in 0..<(Int(state % 24)) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            state = state &* 6364136223846793005 &+ 1442695040888963407
            if let value = try? JSONParser.parse(bytes) {
                #expect(try JSONParser.parse(JSONWriter.string(value)) == value)
            }
        }
    }
}
