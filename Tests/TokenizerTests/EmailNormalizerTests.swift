import Testing
import Tokenizer

@Suite struct EmailNormalizerTests {
    @Test(arguments: [
        ("Ana@München.de", "ana@xn--mnchen-3ya.de"), ("  JOHN.Doe@Example.COM ", "john.doe@example.com"),
        ("ana.smith@españa.es", "ana.smith@xn--espaa-rta.es"), ("lucas+vip@rocket.chat", "lucas+vip@rocket.chat"),
        ("josé@example.com.br", "josé@example.com.br"), ("a@b.co", "a@b.co"),
    ])
    func identityKeyIsTrimmedLowercasedWithAnASCIIDomain(input: String, key: String) throws {
        #expect(try EmailNormalizer.normalize(input).get() == key)
    }

    @Test(arguments: [
        ("", EmailError.empty), ("maria.silva.rocket.chat", .missingAt), ("maria@silva@rocket.chat", .invalidCharacter("@")),
        ("@rocket.chat", .emptyLocalPart), ("maria@", .emptyDomain), ("maria silva@rocket.chat", .invalidCharacter(" ")),
        (".maria@rocket.chat", .dotAtEdge), ("maria@rocket.chat.", .dotAtEdge), ("maria..silva@rocket.chat", .consecutiveDots),
        ("maria@localhost", .domainWithoutDot), ("maria@rocket.123", .numericTopLevelDomain),
        ("maria@[127.0.0.1]", .domainLiteral), ("\"maria silva\"@rocket.chat", .quotedLocalPart),
        ("maria@printer.local", .specialUseDomain("printer.local")),
    ])
    func invalidAddressesAreRejectedWithAReason(input: String, reason: EmailError) {
        #expect(throws: reason) { _ = try EmailNormalizer.normalize(input).get() }
    }

    @Test func searchKeysAreTheAddressTheLocalPiecesTheDomainAndItsLabels() {
        let analysis = EmailNormalizer.analyze("John.Doe+vip@Example.com")
        #expect(analysis.keys == ["john.doe+vip@example.com", "john", "doe", "vip", "example.com", "example", "com"])
        let doe = analysis.searchKeys.first { $0.text == "doe" }
        #expect(doe?.utf16Range == 5..<8)
        #expect(doe?.position == 1)
    }

    @Test func internationalDomainsAreSearchableInBothForms() {
        let keys = EmailNormalizer.analyze("José@München.de").keys
        #expect(keys.contains("jose@munchen.de"))
        #expect(keys.contains("munchen"))
        #expect(keys.contains("xn--mnchen-3ya.de"))
        #expect(keys.contains("jose"))
    }

    @Test func invalidAddressesStaySearchableByTheirText() {
        let analysis = EmailNormalizer.analyze("maria silva at rocket")
        #expect(analysis.key == nil)
        #expect(analysis.error == .missingAt)
        #expect(analysis.keys.contains("maria"))
        #expect(analysis.keys.contains("rocket"))
    }

    @Test func randomTextNeverCrashesTheNormalizer() {
        var rng = SplitMix64(seed: 5)
        let alphabet: [Character] = ["a", "Ü", "@", ".", "-", "+", " ", "[", "\"", "1", "_", "é", "山"]
        for _ in 0..<3000 {
            let text = rng.string(from: alphabet, maxLength: 20)
            let analysis = EmailNormalizer.analyze(text)
            if let key = analysis.key {
                #expect(key == key.lowercased())
                #expect(key.split(separator: "@").last?.allSatisfy { $0.isASCII } == true)
            } else {
                #expect(analysis.error != nil)
            }
            for key in analysis.searchKeys { #expect(key.utf16Range.upperBound <= text.utf16.count) }
        }
    }
}
