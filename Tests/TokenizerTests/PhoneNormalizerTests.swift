import Testing
import Tokenizer

@Suite struct PhoneNormalizerTests {
    let brazil = try! PhoneNormalizer(defaultRegion: "BR")

    @Test(arguments: [
        "+55 51 5555-5555", "(51) 5555-5555", "051 5555 5555", "tel:+55-51-5555-5555",
        "+55.51.5555.5555", "55 51 5555-5555", "５１ ５５５５-５５５５",
    ])
    func theShapesOfOneBrazilianNumberGiveOneE164(input: String) throws {
        #expect(try brazil.parse(input).get().e164 == "+555155555555")
    }

    /// Brazil dials abroad with `00` and a carrier code, so libphonenumber reads `0055 51…` in BR as
    /// carrier 55 calling +51; from a region whose international prefix is `00` it is +55.
    @Test func theInternationalPrefixFormFollowsTheDefaultRegionsDialingRules() throws {
        #expect(try PhoneNormalizer(defaultRegion: "DE").parse("0055 51 55555555").get().e164 == "+555155555555")
        #expect(try brazil.parse("0055 51 55555555").get().e164 == "+5155555555")
    }

    @Test func aFragmentWithTheInternationalPrefix00AlsoMatchesAsInternational() {
        let variants = PhoneFragment("0055 51 5555", normalizer: brazil).digitVariants
        #expect(variants.contains("55515555"))
        #expect(variants.contains("515555"))
    }

    @Test func aLocalNumberWithoutAreaCodeStillParses() throws {
        #expect(try brazil.parse("5555-5555").get().nationalNumber == "55555555")
    }

    @Test func internationalPrefixesOfTheDefaultRegionAreAccepted() throws {
        let us = try PhoneNormalizer(defaultRegion: "US")
        #expect(try us.parse("011 44 7400 123456").get().e164 == "+447400123456")
        #expect(try us.parse("1 (201) 555-0123").get().e164 == "+12015550123")
    }

    @Test(arguments: [
        ("+1 201-555-0123 x123", "123"), ("+1 201-555-0123 ext. 45", "45"), ("tel:+1-201-555-0123;ext=789", "789"),
        ("(201) 555-0123 extension 6", "6"), ("+1 201 555 0123#22", "22"),
    ])
    func extensionsAreKeptApartFromTheNumber(input: String, phoneExtension: String) throws {
        let us = try PhoneNormalizer(defaultRegion: "US")
        let number = try us.parse(input).get()
        #expect(number.e164 == "+12015550123")
        #expect(number.phoneExtension == phoneExtension)
    }

    @Test(arguments: [
        ("", PhoneParseError.notANumber), ("call me", .notANumber), ("+", .notANumber), ("1", .notANumber),
        ("+0 123 456 789", .invalidCountryCode), ("+44 1", .tooShortNationalNumber),
        ("123456789012345678901234567890", .tooLong),
    ])
    func numbersThatCannotBeNormalizedSayWhy(input: String, reason: PhoneParseError) {
        #expect(throws: reason) { _ = try brazil.parse(input).get() }
    }

    @Test func anUnknownRegionIsAnError() {
        #expect(throws: TokenizerError.unknownRegion("XX")) { _ = try PhoneNormalizer(defaultRegion: "XX") }
        #expect(TokenizerError.unknownRegion("XX").code == "unknown_region")
    }

    @Test func aFailedNumberKeepsItsDigitsSearchable() {
        let analysis = brazil.analyze("+0 123 456 789")
        #expect(analysis.e164 == nil)
        #expect(analysis.error == .invalidCountryCode)
        #expect(analysis.digitStrings == ["0123456789"])
        #expect(analysis.nationalStarts == [0])
        #expect(analysis.keys.contains("456789"))
    }

    @Test func keysAreTheSuffixesOfTheE164DigitsAndTheTypedDigits() {
        let analysis = brazil.analyze("051 5555 5555")
        #expect(analysis.digitStrings == ["555155555555", "05155555555"])
        #expect(analysis.nationalStarts == [2, 1])
        #expect(analysis.keys.first == "555155555555")
        #expect(analysis.keys.contains("155555555"))
        #expect(analysis.keys.contains("05155555555"))
        #expect(analysis.keys.allSatisfy { $0.count >= PhoneDigits.minimumFragment })
    }

    @Test func theNationalNumberStartsAfterTheCountryCodeAndAfterATypedPrefix() {
        let national = brazil.analyze("(51) 5555-5555")
        #expect(national.digitStrings == ["555155555555", "5155555555"])
        #expect(national.nationalStarts == [2, 0])
        let international = brazil.analyze("+351 967-114-851")
        #expect(international.digitStrings == ["351967114851"])
        #expect(international.nationalStarts == [3])
    }

    @Test(arguments: ["5555-5", "(51) 55", "51 5555", "555-5555", "0515555"])
    func typedFragmentsFindTheNumberByAKeyPrefix(fragment: String) {
        let keys = brazil.analyze("+55 51 5555-5555").keys
        let variants = PhoneFragment(fragment, normalizer: brazil).digitVariants
        #expect(variants.contains { v in keys.contains { $0.hasPrefix(v) } })
    }

    @Test func anInternationalFragmentAlsoMatchesByItsNationalNumber() {
        let stored = brazil.analyze("03 9826 2045")
        let variants = PhoneFragment("+81 3 9826 2045", normalizer: brazil).digitVariants
        #expect(variants.contains("398262045"))
        #expect(variants.contains { v in stored.keys.contains { $0.hasPrefix(v) } })
    }

    @Test func aFragmentWithATrunkPrefixAlsoMatchesWithoutIt() {
        let stored = brazil.analyze("+81 90 6513 3387")
        let variants = PhoneFragment("090-6513-3387", normalizer: brazil).digitVariants
        #expect(variants.contains("9065133387"))
        #expect(variants.contains { v in stored.keys.contains { $0.hasPrefix(v) } })
    }

    @Test(arguments: [
        ("(51) 5555-5555", "5155555555"), ("５１ ５５５５", "515555"), ("٠٥١ ٥٥٥٥", "0515555"),
        ("०५१-५५", "05155"), ("CPF 123.456.789-09", "12345678909"), ("José ½ Ⅻ", ""), ("", ""),
    ])
    func typedDigitsKeepEveryScriptsDecimalDigitsAsASCII(text: String, digits: String) {
        #expect(PhoneDigits.typedDigits(of: text) == digits)
    }

    @Test func randomTextNeverCrashesTheParser() {
        var rng = SplitMix64(seed: 99)
        let alphabet: [Character] = ["+", "0", "1", "5", "9", " ", "-", "(", ")", "x", "e", "t", ";", "=", "#", "٣", "＋", ":", "/"]
        for _ in 0..<3000 {
            let text = rng.string(from: alphabet, maxLength: 30)
            switch brazil.parse(text) {
            case .success(let number):
                #expect(number.e164.dropFirst().allSatisfy { $0.isASCII })
                #expect((2...17).contains(number.nationalNumber.count))
            case .failure(let error):
                #expect(!error.code.isEmpty)
            }
        }
    }
}

@Suite struct PhoneExtensionTests {
    let us = try! PhoneNormalizer(defaultRegion: "US")

    @Test(arguments: [
        ("201-555-0123,,45", "45"), ("201-555-0123;45", "45"), ("201-555-0123 int 5", "5"), ("201 555 0123 22#", "22"),
        ("201-555-0123 anexo 7", "7"), ("201-555-0123 ~ 8", "8"),
    ])
    func autoDialingAndAmericanStyleExtensionsAreKeptApart(input: String, phoneExtension: String) throws {
        let number = try us.parse(input).get()
        #expect(number.e164 == "+12015550123")
        #expect(number.phoneExtension == phoneExtension)
    }

    @Test func aNumberEndingInDigitsHasNoExtension() throws {
        #expect(try us.parse("+1 (201) 555-0123").get().phoneExtension == nil)
    }
}
