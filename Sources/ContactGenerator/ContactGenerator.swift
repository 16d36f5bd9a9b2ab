import ContactIndex
import Tokenizer

/// Generates realistic contacts, deterministically from a seed: names from 13 locales and five
/// scripts with skewed frequencies, usernames, emails, phones from 20 regions in mixed formats,
/// a company and a document number, a contact manager, channels and a last chat date.
public struct ContactGenerator: Sendable {
    /// The seed used when none is given.
    public static let defaultSeed: UInt64 = 20_261_122

    /// The seed every contact is derived from.
    public let seed: UInt64
    private let totalWeight: Int

    /// Creates a generator.
    public init(seed: UInt64 = ContactGenerator.defaultSeed) {
        self.seed = seed
        totalWeight = NameCatalog.locales.reduce(0) { $0 + $1.weight }
    }

    /// The contact number `index`; the same seed and index give the same contact.
    public func contact(_ index: Int) -> GeneratedContact {
        var rng = SeededRandom(seed: seed &+ UInt64(index) &* 0x2545_F491_4F6C_DD1D)
        var pick = rng.below(totalWeight)
        var locale = NameCatalog.locales[0]
        for candidate in NameCatalog.locales {
            if pick < candidate.weight {
                locale = candidate
                break
            }
            pick -= candidate.weight
        }
        let first = locale.firstNames[rng.skewed(locale.firstNames.count)]
        let last = locale.lastNames[rng.skewed(locale.lastNames.count)]
        var name = locale.familyFirst ? last.0 + first.0 : first.0 + " " + last.0
        if !locale.familyFirst, rng.chance(0.15) {
            let middle = locale.lastNames[rng.skewed(locale.lastNames.count)].0
            if middle != last.0 { name = first.0 + " " + middle + " " + last.0 }
        }
        let firstLatin = Self.asciiHandle(first.1 ?? first.0)
        let lastLatin = Self.asciiHandle(last.1 ?? last.0)
        let id = Self.identifier(&rng)
        let username = rng.chance(0.6)
            ? "guest-\(rng.below(100_000))"
            : "\(firstLatin).\(lastLatin)\(rng.below(100))"
        var emails: [String] = []
        let emailCount = rng.chance(0.3) ? 2 : 1
        for n in 0..<emailCount {
            let local: String
            switch rng.below(4) {
            case 0: local = "\(firstLatin).\(lastLatin)"
            case 1: local = "\(firstLatin.prefix(1))\(lastLatin)"
            case 2: local = "\(firstLatin)_\(lastLatin)\(rng.below(1000))"
            default: local = "\(firstLatin)\(rng.below(10_000))"
            }
            let domain = n == 0 && rng.chance(0.6) ? rng.pick(NameCatalog.freeDomains) : rng.pick(locale.companyDomains)
            emails.append(local + "@" + domain)
        }
        var phones: [GeneratedContact.Phone] = []
        let phoneCount = rng.chance(0.35) ? 2 : 1
        for _ in 0..<phoneCount {
            let region = rng.chance(0.85) ? rng.pick(locale.phoneRegions) : rng.pick(Array(PhoneCatalog.styles.keys).sorted())
            let style = PhoneCatalog.styles[region]!
            let nsn = PhoneCatalog.nationalNumber(style, &rng)
            let format = PhoneFormat.allCases[rng.below(PhoneFormat.allCases.count)]
            phones.append(.init(
                stored: PhoneCatalog.format(nsn, style, format, &rng), format: format, region: region,
                countryCode: style.countryCode, nationalNumber: nsn, trunk: style.trunk))
        }
        let company = NameCatalog.companies[rng.skewed(NameCatalog.companies.count)]
        let d = rng.digits(11)
        let document = "\(d.prefix(3)).\(d.dropFirst(3).prefix(3)).\(d.dropFirst(6).prefix(3))-\(d.suffix(2))"
        let json = Self.json(
            id: id, name: name, username: username, emails: emails, phones: phones.map(\.stored),
            company: company, document: document, rng: &rng)
        return GeneratedContact(
            id: id, firstName: locale.familyFirst ? last.0 : first.0, lastName: locale.familyFirst ? first.0 : last.0,
            name: name, username: username, emails: emails, phones: phones, company: company, document: document,
            json: json)
    }

    private static func json(
        id: String, name: String, username: String, emails: [String], phones: [String], company: String,
        document: String, rng: inout SeededRandom
    ) -> JSONValue {
        let channelNames = ["livechat", "whatsapp", "email", "sms", "voip", "telegram", "facebook"]
        var channels: [JSONValue] = []
        var used = Set<String>()
        for _ in 0..<(1 + rng.below(3)) {
            let channel = rng.pick(channelNames)
            guard used.insert(channel).inserted else { continue }
            channels.append(.object(JSONObject([
                ("name", .string(channel)),
                ("blocked", .bool(rng.chance(0.03))),
                ("verified", .bool(rng.chance(0.4))),
            ])))
        }
        let created = 1_640_995_200 + rng.below(94_608_000)
        let lastChat = created + rng.below(1_764_000_000 - created)
        return .object(JSONObject([
            ("_id", .string(id)),
            ("name", .string(name)),
            ("username", .string(username)),
            ("emails", .array(emails.map { .object(JSONObject([("address", .string($0))])) })),
            ("phones", .array(phones.map { .object(JSONObject([("phoneNumber", .string($0))])) })),
            ("customFields", .object(JSONObject([("company", .string(company)), ("document", .string(document))]))),
            ("contactManager", .string("agent-\(rng.skewed(200))")),
            ("channels", .array(channels)),
            ("lastChat", .object(JSONObject([("ts", .string(ISOTime.format(seconds: lastChat)))]))),
            ("createdAt", .string(ISOTime.format(seconds: created))),
            ("unknown", .bool(rng.chance(0.05))),
        ]))
    }

    /// A 17-character Meteor-style id.
    static func identifier(_ rng: inout SeededRandom) -> String {
        let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz")
        return String((0..<17).map { _ in alphabet[rng.below(alphabet.count)] })
    }

    /// A lowercase ASCII handle from a name: `Jean-Luc` → `jeanluc`, `Müller` → `muller`.
    static func asciiHandle(_ name: String) -> String {
        String(TextFolding.fold(name).unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
            .map(Character.init))
    }
}
