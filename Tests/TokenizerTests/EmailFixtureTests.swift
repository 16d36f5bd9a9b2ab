import Foundation
import Testing
import Tokenizer

/// Agreement with `email-validator` on the reference vectors copied from the shared data.
@Suite struct EmailFixtureTests {
    @Test func normalizerAgreesWithEmailValidatorOnAtLeast99Percent() throws {
        let url = try #require(Bundle.module.url(forResource: "emails_public", withExtension: "jsonl", subdirectory: "Fixtures"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count > 100)
        var disagreements: [String] = []
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let input = try #require(object["input"] as? String)
            let expected = object["key"] as? String
            let got = try? EmailNormalizer.normalize(input).get()
            if got != expected {
                disagreements.append("\(input.debugDescription): expected \(expected ?? "nil"), got \(got ?? "nil")")
            }
        }
        for line in disagreements { print("email disagreement: \(line)") }
        print("email fixture agreement: \(lines.count - disagreements.count)/\(lines.count)")
        #expect(Double(lines.count - disagreements.count) / Double(lines.count) >= 0.99)
    }
}
