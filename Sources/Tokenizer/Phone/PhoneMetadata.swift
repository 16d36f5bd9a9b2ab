/// The dialing facts of one region, from libphonenumber's metadata.
final class RegionMetadata: Sendable {
    let region: String
    let countryCode: Int
    /// The calling code as ASCII digits.
    let countryCodeDigits: [UInt8]
    /// International dialing prefix (`00`, `011`, …).
    let internationalPrefix: DigitPattern?
    /// The national trunk prefix as dialed (`0`, `1`, `8`, …), empty when none.
    let nationalPrefix: String
    /// What to strip from a national number, with capture groups for `transformRule`.
    let nationalPrefixForParsing: DigitPattern?
    /// What replaces the stripped prefix, with `$1`-style group references.
    let transformRule: [UInt8]
    /// Every valid national number of the region.
    let generalDesc: DigitPattern?
    /// The possible lengths of national numbers, ascending.
    let possibleLengths: [Int]

    init(
        region: String, countryCode: Int, countryCodeDigits: [UInt8], internationalPrefix: DigitPattern?,
        nationalPrefix: String, nationalPrefixForParsing: DigitPattern?, transformRule: [UInt8],
        generalDesc: DigitPattern?, possibleLengths: [Int]
    ) {
        self.region = region
        self.countryCode = countryCode
        self.countryCodeDigits = countryCodeDigits
        self.internationalPrefix = internationalPrefix
        self.nationalPrefix = nationalPrefix
        self.nationalPrefixForParsing = nationalPrefixForParsing
        self.transformRule = transformRule
        self.generalDesc = generalDesc
        self.possibleLengths = possibleLengths
    }
}

/// All regions' dialing facts, parsed once from the generated table.
struct PhoneMetadata: Sendable {
    static let shared = PhoneMetadata(parsing: PhoneMetadata.source)

    private(set) var regions: [String: RegionMetadata] = [:]
    /// Regions of each calling code, the main one first.
    private(set) var regionsByCode: [Int: [String]] = [:]
    /// The main region's metadata of each calling code.
    private(set) var mainRegionByCode: [Int: RegionMetadata] = [:]

    init(parsing text: String) {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if fields[0].hasPrefix("@") {
                if let code = Int(fields[0].dropFirst()) {
                    regionsByCode[code] = fields[1].split(separator: ",").map(String.init)
                }
                continue
            }
            guard fields.count == 9, let code = Int(fields[1]) else { continue }
            let nonEmpty: (String) -> DigitPattern? = { $0.isEmpty ? nil : DigitPattern($0) }
            regions[fields[0]] = RegionMetadata(
                region: fields[0],
                countryCode: code,
                countryCodeDigits: Array(fields[1].utf8),
                internationalPrefix: nonEmpty(fields[2]),
                nationalPrefix: fields[3],
                nationalPrefixForParsing: nonEmpty(fields[4]),
                transformRule: Array(fields[5].utf8),
                generalDesc: nonEmpty(fields[6]),
                possibleLengths: fields[7].split(separator: ",").compactMap { Int($0) }
            )
        }
        for (code, names) in regionsByCode {
            if let main = names.first, let metadata = regions[main] { mainRegionByCode[code] = metadata }
        }
    }

    /// The metadata of the main region of a calling code.
    func metadata(forCountryCode code: Int) -> RegionMetadata? {
        mainRegionByCode[code]
    }

    /// Whether a calling code exists.
    func isCountryCode(_ code: Int) -> Bool { regionsByCode[code] != nil }
}
