/// Parses phone numbers to E.164 for a default region, following libphonenumber's parsing rules
/// (international and trunk prefixes, `tel:` URIs, extensions), with its metadata built in.
public struct PhoneNormalizer: Sendable {
    /// The ISO 3166 alpha-2 region that numbers without a country code belong to.
    public let defaultRegion: String
    let metadata: RegionMetadata

    /// Creates a normalizer for a default region such as `BR`.
    /// - Throws: `TokenizerError.unknownRegion` for a code that has no dialing metadata.
    public init(defaultRegion: String) throws(TokenizerError) {
        let region = defaultRegion.uppercased()
        guard let metadata = PhoneMetadata.shared.regions[region] else { throw .unknownRegion(defaultRegion) }
        self.defaultRegion = region
        self.metadata = metadata
    }

    /// Parses a number as a person or a system wrote it.
    public func parse(_ text: String) -> Result<PhoneNumber, PhoneParseError> {
        let scalars = PhoneTextScanner.scalars(of: text)
        guard scalars.count <= PhoneTextScanner.maximumInputLength else { return .failure(.tooLong) }
        let hasParameters = scalars.contains(";")
        var number = hasParameters ? nationalPart(scalars[...]) : PhoneTextScanner.extractPossibleNumber(scalars[...])
        if hasParameters, let isdn = indexOf(";isub=", in: number), isdn > number.startIndex { number = number[..<isdn] }
        let (body, phoneExtension) = PhoneTextScanner.stripExtension(number)
        guard PhoneTextScanner.isViable(body) else { return .failure(.notANumber) }
        var result: Result<PhoneNumber, PhoneParseError>
        switch extractCountryCode(body) {
        case .failure(.invalidCountryCode) where body.first.map(PhoneTextScanner.isPlus) == true:
            let afterPlus = body.drop(while: PhoneTextScanner.isPlus)
            switch extractCountryCode(afterPlus) {
            case .success(let found) where found.code != 0: result = finish(found.code, found.national)
            case .failure(let error): return .failure(error)
            default: return .failure(.invalidCountryCode)
            }
        case .failure(let error):
            return .failure(error)
        case .success(let found):
            result = finish(found.code, found.national)
        }
        if case .success(var parsed) = result {
            parsed.phoneExtension = phoneExtension
            result = .success(parsed)
        }
        return result
    }

    /// The full analysis of a stored value: E.164, extension, reason, and its search keys.
    public func analyze(_ text: String) -> PhoneAnalysis {
        PhoneAnalysis(input: text, parsed: parse(text))
    }

    /// The number part of the text: a `tel:` URI's number with its `phone-context`, or the
    /// possible number found in free text.
    private func nationalPart(_ s: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        guard let context = indexOf(";phone-context=", in: s) else {
            return PhoneTextScanner.extractPossibleNumber(s)
        }
        let contextStart = context + ";phone-context=".unicodeScalars.count
        let contextEnd = s[contextStart...].firstIndex(of: ";") ?? s.endIndex
        var result: [Unicode.Scalar] = []
        if contextStart < contextEnd, s[contextStart] == "+" { result.append(contentsOf: s[contextStart..<contextEnd]) }
        let start = indexOf("tel:", in: s).map { $0 + 4 } ?? s.startIndex
        if start < context { result.append(contentsOf: s[start..<context]) }
        return result[...]
    }

    private func indexOf(_ needle: String, in s: ArraySlice<Unicode.Scalar>) -> Int? {
        let n = Array(needle.unicodeScalars)
        guard s.count >= n.count else { return nil }
        var i = s.startIndex
        while i + n.count <= s.endIndex {
            if s[i..<(i + n.count)].elementsEqual(n) { return i }
            i += 1
        }
        return nil
    }

    /// libphonenumber's `maybeExtractCountryCode`: code 0 means the default region's.
    private func extractCountryCode(_ number: ArraySlice<Unicode.Scalar>)
        -> Result<(code: Int, national: [UInt8]), PhoneParseError> {
        guard !number.isEmpty else { return .success((0, [])) }
        var full: [UInt8]
        var fromDefault = false
        if PhoneTextScanner.isPlus(number[number.startIndex]) {
            full = PhoneTextScanner.normalizedDigits(number.drop(while: PhoneTextScanner.isPlus))
        } else {
            full = PhoneTextScanner.normalizedDigits(number)
            if let idd = metadata.internationalPrefix, let m = idd.matchPrefix(full),
               !(m.end < full.count && full[m.end] == UInt8(ascii: "0")) {
                full.removeFirst(m.end)
            } else {
                fromDefault = true
            }
        }
        if !fromDefault {
            guard full.count > 2 else { return .failure(.tooShortAfterInternationalPrefix) }
            guard full[0] != UInt8(ascii: "0") else { return .failure(.invalidCountryCode) }
            var code = 0
            for i in 0..<min(3, full.count) {
                code = code * 10 + Int(full[i] - UInt8(ascii: "0"))
                if PhoneMetadata.shared.isCountryCode(code) { return .success((code, Array(full[(i + 1)...]))) }
            }
            return .failure(.invalidCountryCode)
        }
        let codeDigits = metadata.countryCodeDigits
        if full.starts(with: codeDigits) {
            var potential = Array(full[codeDigits.count...])
            _ = stripNationalPrefix(&potential, metadata)
            let desc = metadata.generalDesc
            let wasValid = desc?.matches(full) ?? false
            let isValid = desc?.matches(potential) ?? false
            if (!wasValid && isValid) || lengthCheck(full, metadata) == .tooLong {
                return .success((metadata.countryCode, potential))
            }
        }
        return .success((0, full))
    }

    private func finish(_ code: Int, _ national: [UInt8]) -> Result<PhoneNumber, PhoneParseError> {
        var national = national
        var countryCode = code
        var region: RegionMetadata? = metadata
        if code == 0 {
            countryCode = metadata.countryCode
        } else if code != metadata.countryCode {
            region = PhoneMetadata.shared.metadata(forCountryCode: code)
        }
        guard national.count >= 2 else { return .failure(.tooShortNationalNumber) }
        if let region {
            var potential = national
            _ = stripNationalPrefix(&potential, region)
            switch lengthCheck(potential, region) {
            case .tooShort, .invalidLength: break
            default: national = potential
            }
        }
        guard national.count >= 2 else { return .failure(.tooShortNationalNumber) }
        guard national.count <= 17 else { return .failure(.tooLong) }
        return .success(PhoneNumber(countryCode: countryCode, nationalNumber: String(decoding: national, as: UTF8.self)))
    }

    /// libphonenumber's `maybeStripNationalPrefixAndCarrierCode`.
    private func stripNationalPrefix(_ number: inout [UInt8], _ region: RegionMetadata) -> Bool {
        guard !number.isEmpty, let pattern = region.nationalPrefixForParsing,
              let m = pattern.matchPrefix(number) else { return false }
        let desc = region.generalDesc
        let viableOriginal = desc?.matches(number) ?? false
        let lastGroup = pattern.groupCount > 0 ? m.group(pattern.groupCount) : nil
        if region.transformRule.isEmpty || lastGroup == nil {
            let stripped = Array(number[m.end...])
            if viableOriginal && !(desc?.matches(stripped) ?? false) { return false }
            number = stripped
            return true
        }
        var transformed: [UInt8] = []
        var rule = region.transformRule[...]
        while let c = rule.popFirst() {
            if c == UInt8(ascii: "$"), let g = rule.first, (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(g) {
                rule.removeFirst()
                if let range = m.group(Int(g - UInt8(ascii: "0"))) { transformed.append(contentsOf: number[range]) }
            } else {
                transformed.append(c)
            }
        }
        transformed.append(contentsOf: number[m.end...])
        if viableOriginal && !(desc?.matches(transformed) ?? false) { return false }
        number = transformed
        return true
    }

    private enum LengthCheck { case possible, tooShort, tooLong, invalidLength }

    /// libphonenumber's `testNumberLength` for the general description.
    private func lengthCheck(_ number: [UInt8], _ region: RegionMetadata) -> LengthCheck {
        let lengths = region.possibleLengths
        guard let first = lengths.first, let last = lengths.last, first > 0 else { return .invalidLength }
        let n = number.count
        if n == first { return .possible }
        if n < first { return .tooShort }
        if n > last { return .tooLong }
        return lengths.contains(n) ? .possible : .invalidLength
    }
}
