/// How numbers of one region look: calling code, leading digits and length of national
/// numbers, the trunk prefix of the national format, and how digits are grouped.
struct PhoneStyle: Sendable {
    let region: String
    let countryCode: String
    let leadingDigits: [String]
    let length: Int
    /// Trunk prefix written before the national number in national format ("0"), or "".
    let trunk: String
    let groups: [Int]
}

/// The ways a phone is written in contact records.
public enum PhoneFormat: String, CaseIterable, Sendable {
    /// `+5511961234567`
    case e164
    /// `+55 11 96123 4567`
    case international
    /// `0 11 96123-4567`, `(201) 555-0123`: the national form, with a trunk prefix where the region has one.
    case national
    /// `11961234567`: national digits without punctuation.
    case digits
}

enum PhoneCatalog {
    static let styles: [String: PhoneStyle] = Dictionary(uniqueKeysWithValues: [
        PhoneStyle(region: "BR", countryCode: "55", leadingDigits: ["119", "219", "519", "319", "4130", "5133"], length: 11, trunk: "0", groups: [2, 5, 4]),
        PhoneStyle(region: "US", countryCode: "1", leadingDigits: ["201", "212", "415", "646", "312"], length: 10, trunk: "1", groups: [3, 3, 4]),
        PhoneStyle(region: "GB", countryCode: "44", leadingDigits: ["74", "77", "20"], length: 10, trunk: "0", groups: [4, 6]),
        PhoneStyle(region: "DE", countryCode: "49", leadingDigits: ["151", "160", "3012"], length: 11, trunk: "0", groups: [3, 4, 4]),
        PhoneStyle(region: "FR", countryCode: "33", leadingDigits: ["6", "7", "1"], length: 9, trunk: "0", groups: [1, 2, 2, 2, 2]),
        PhoneStyle(region: "ES", countryCode: "34", leadingDigits: ["6", "91"], length: 9, trunk: "", groups: [3, 3, 3]),
        PhoneStyle(region: "PT", countryCode: "351", leadingDigits: ["91", "93", "96"], length: 9, trunk: "", groups: [3, 3, 3]),
        PhoneStyle(region: "MX", countryCode: "52", leadingDigits: ["55", "33", "81"], length: 10, trunk: "", groups: [2, 4, 4]),
        PhoneStyle(region: "AR", countryCode: "54", leadingDigits: ["11"], length: 10, trunk: "0", groups: [2, 4, 4]),
        PhoneStyle(region: "JP", countryCode: "81", leadingDigits: ["90", "80", "3"], length: 10, trunk: "0", groups: [2, 4, 4]),
        PhoneStyle(region: "CN", countryCode: "86", leadingDigits: ["138", "139", "186"], length: 11, trunk: "", groups: [3, 4, 4]),
        PhoneStyle(region: "RU", countryCode: "7", leadingDigits: ["91", "92", "495"], length: 10, trunk: "8", groups: [3, 3, 2, 2]),
        PhoneStyle(region: "IN", countryCode: "91", leadingDigits: ["98", "99", "70"], length: 10, trunk: "0", groups: [5, 5]),
        PhoneStyle(region: "IT", countryCode: "39", leadingDigits: ["33", "34", "06"], length: 10, trunk: "", groups: [3, 3, 4]),
        PhoneStyle(region: "PL", countryCode: "48", leadingDigits: ["50", "60", "69"], length: 9, trunk: "", groups: [3, 3, 3]),
        PhoneStyle(region: "TR", countryCode: "90", leadingDigits: ["53", "54", "50"], length: 10, trunk: "0", groups: [3, 3, 2, 2]),
        PhoneStyle(region: "VN", countryCode: "84", leadingDigits: ["9", "3"], length: 9, trunk: "0", groups: [2, 3, 2, 2]),
        PhoneStyle(region: "GR", countryCode: "30", leadingDigits: ["69"], length: 10, trunk: "", groups: [3, 3, 4]),
        PhoneStyle(region: "AT", countryCode: "43", leadingDigits: ["664", "676"], length: 10, trunk: "0", groups: [3, 7]),
        PhoneStyle(region: "CH", countryCode: "41", leadingDigits: ["79", "78"], length: 9, trunk: "0", groups: [2, 3, 2, 2]),
        PhoneStyle(region: "BE", countryCode: "32", leadingDigits: ["47", "49"], length: 9, trunk: "0", groups: [3, 2, 2, 2]),
        PhoneStyle(region: "CA", countryCode: "1", leadingDigits: ["416", "514", "604"], length: 10, trunk: "1", groups: [3, 3, 4]),
    ].map { ($0.region, $0) })

    /// A random national significant number of a region.
    static func nationalNumber(_ style: PhoneStyle, _ rng: inout SeededRandom) -> String {
        let lead = rng.pick(style.leadingDigits)
        return lead + rng.digits(style.length - lead.count)
    }

    /// Digits split into groups.
    static func grouped(_ digits: String, _ groups: [Int], separator: String) -> String {
        var parts: [Substring] = []
        var rest = Substring(digits)
        for (i, size) in groups.enumerated() {
            let n = i == groups.count - 1 ? rest.count : min(size, rest.count)
            parts.append(rest.prefix(n))
            rest = rest.dropFirst(n)
        }
        if !rest.isEmpty { parts.append(rest) }
        return parts.filter { !$0.isEmpty }.joined(separator: separator)
    }

    /// A number written in a format.
    static func format(_ nsn: String, _ style: PhoneStyle, _ format: PhoneFormat, _ rng: inout SeededRandom) -> String {
        switch format {
        case .e164:
            return "+" + style.countryCode + nsn
        case .international:
            return "+" + style.countryCode + " " + grouped(nsn, style.groups, separator: rng.chance(0.5) ? " " : "-")
        case .national:
            if style.region == "US" || style.region == "CA" {
                let g = grouped(nsn, [3, 3, 4], separator: " ").split(separator: " ")
                return "(\(g[0])) \(g[1])-\(g[2])"
            }
            if style.region == "BR" {
                let area = nsn.prefix(2)
                let rest = nsn.dropFirst(2)
                return "(\(area)) \(rest.dropLast(4))-\(rest.suffix(4))"
            }
            let body = grouped(nsn, style.groups, separator: " ")
            return style.trunk == "0" || style.trunk.isEmpty ? style.trunk + body : style.trunk + " " + body
        case .digits:
            return nsn
        }
    }
}
