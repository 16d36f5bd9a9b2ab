import ContactIndex
import Testing
import Tokenizer
@testable import IndexServer

@Suite struct AnalyzeCommandTests {
    let brazil = try! PhoneNormalizer(defaultRegion: "BR")

    func analyze(_ line: String, _ kind: ValueAnalysis.Kind) throws -> JSONValue {
        let bytes = AnalyzeCommand.analyzeLine(Array(line.utf8), kind: kind, phones: brazil)
        return try JSONParser.parse(bytes)
    }

    @Test func phoneLinesGiveE164ExtensionErrorAndKeys() throws {
        let result = try analyze("(51) 5555-5555 x12", .phone)
        #expect(result["e164"] == .string("+555155555555"))
        #expect(result["extension"] == .string("12"))
        #expect(result["error"] == .null)
        #expect(result["keys"]?.arrayValue?.contains(.string("5155555555")) == true)
        let bad = try analyze("call me", .phone)
        #expect(bad["e164"] == .null)
        #expect(bad["error"]?["code"] == .string("not_a_number"))
    }

    @Test func emailLinesGiveKeyErrorAndKeys() throws {
        let result = try analyze("Ana@München.de", .email)
        #expect(result["key"] == .string("ana@xn--mnchen-3ya.de"))
        #expect(result["error"] == .null)
        let bad = try analyze("maria@", .email)
        #expect(bad["key"] == .null)
        #expect(bad["error"]?["code"] == .string("empty_domain"))
    }

    @Test func textLinesGiveWordsWithUTF16RangesAndKeys() throws {
        let result = try analyze("😀 Jean-Luc", .text)
        let words = try #require(result["words"]?.arrayValue)
        #expect(words.count == 2)
        #expect(words[0]["text"] == .string("Jean"))
        #expect(words[0]["folded"] == .string("jean"))
        #expect(words[0]["start"] == .int(3))
        #expect(words[0]["end"] == .int(7))
        #expect(result["keys"] == .array([.string("jean"), .string("luc"), .string("jeanluc")]))
    }

    @Test func invalidUTF8LinesGiveAnErrorLineInsteadOfStopping() throws {
        let bytes = AnalyzeCommand.analyzeLine([0x41, 0xC3], kind: .text, phones: brazil)
        let result = try JSONParser.parse(bytes)
        #expect(result["error"]?["code"] == .string("invalid_utf8"))
    }

    @Test func unknownKindsAndRegionsAreUsageErrors() {
        #expect(throws: UsageError.self) { _ = try AnalyzeCommand.run(["names"]) }
        #expect(throws: UsageError.self) { _ = try AnalyzeCommand.run(["phone", "--region", "XX"]) }
        #expect(throws: UsageError.self) { _ = try AnalyzeCommand.run(["phone", "--bogus"]) }
    }
}
