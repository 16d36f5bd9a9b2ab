import Foundation
import Testing
import Tokenizer

/// Agreement with libphonenumber on the reference vectors copied from the shared data.
@Suite struct PhoneFixtureTests {
    struct Vector {
        let input: String
        let region: String
        let e164: String?
    }

    static func vectors() throws -> [Vector] {
        let url = try #require(Bundle.module.url(forResource: "phones_public", withExtension: "jsonl", subdirectory: "Fixtures"))
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return Vector(
                input: try #require(object["input"] as? String),
                region: try #require(object["region"] as? String),
                e164: object["e164"] as? String)
        }
    }

    @Test func normalizerAgreesWithLibphonenumberOnAtLeast99Percent() throws {
        let vectors = try Self.vectors()
        #expect(vectors.count > 600)
        var disagreements: [String] = []
        for vector in vectors {
            let normalizer = try PhoneNormalizer(defaultRegion: vector.region)
            let got = try? normalizer.parse(vector.input).get().e164
            if got != vector.e164 {
                disagreements.append("\(vector.region) \(vector.input.debugDescription): expected \(vector.e164 ?? "nil"), got \(got ?? "nil")")
            }
        }
        for line in disagreements { print("phone disagreement: \(line)") }
        let agreement = Double(vectors.count - disagreements.count) / Double(vectors.count)
        print("phone fixture agreement: \(vectors.count - disagreements.count)/\(vectors.count)")
        #expect(agreement >= 0.99)
    }
}
