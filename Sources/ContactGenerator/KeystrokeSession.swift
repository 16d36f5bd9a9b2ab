import Tokenizer

/// What a typing session types of its target contact.
public enum TypedField: String, CaseIterable, Sendable {
    /// The first name.
    case firstName = "first name"
    /// The name as stored.
    case fullName = "first last"
    /// The last name.
    case lastName = "last name"
    /// The name folded to ASCII.
    case unaccentedName = "name without accents"
    /// The start of the first email.
    case email = "email start"
    /// The username.
    case username = "username"
    /// The first phone in national form with the trunk prefix.
    case phoneNational = "phone, national with trunk"
    /// The first phone in international form.
    case phoneInternational = "phone, international"
    /// The last 4 to 8 digits of the first phone, grouped.
    case phoneLastDigits = "phone, last digits"
    /// The document number as bare digits.
    case document = "document digits"
}

/// An agent typing one character at a time to find a contact: every prefix is a query.
public struct KeystrokeSession: Sendable {
    /// The id of the contact being looked for.
    public let target: String
    /// What is typed.
    public let field: TypedField
    /// The full text typed.
    public let text: String

    /// For a session with a typo, the text without it.
    public let original: String?

    /// Creates a session.
    public init(target: String, field: TypedField, text: String, original: String? = nil) {
        self.target = target
        self.field = field
        self.text = text
        self.original = original
    }

    /// The same session with one typo (see `Typo`) in a word of four letters or more, or nil
    /// when the text has no such word.
    public func withTypo(_ random: inout SeededRandom) -> KeystrokeSession? {
        Typo.inject(into: text, &random).map { KeystrokeSession(target: target, field: field, text: $0, original: text) }
    }

    /// The query at each keystroke: the text typed so far.
    public var queries: [String] {
        var out: [String] = []
        var typed = ""
        for character in text {
            typed.append(character)
            out.append(typed)
        }
        return out
    }
}

/// Generates typing sessions over the contacts of a `ContactGenerator`, deterministically.
public struct SessionGenerator: Sendable {
    /// The contacts typed for.
    public let contacts: ContactGenerator
    /// How many of the generator's contacts exist.
    public let contactCount: Int
    /// The seed of the sessions.
    public let seed: UInt64

    /// Creates sessions over the first `contactCount` contacts of a generator.
    public init(contacts: ContactGenerator, contactCount: Int, seed: UInt64) {
        self.contacts = contacts
        self.contactCount = contactCount
        self.seed = seed
    }

    /// Session number `index`.
    public func session(_ index: Int, fields: [TypedField] = TypedField.allCases) -> KeystrokeSession {
        var rng = SeededRandom(seed: seed ^ 0x5E55_1011 &+ UInt64(index) &* 0x9E37_79B9)
        let contact = contacts.contact(rng.below(contactCount))
        var field = fields[rng.below(fields.count)]
        let phone = contact.phones[0]
        // A phone is typed in another format than the one stored.
        let storedNationally = phone.format == .national || phone.format == .digits
        if field == .phoneNational && storedNationally { field = .phoneInternational }
        if field == .phoneInternational && !storedNationally { field = .phoneNational }
        let text: String
        switch field {
        case .firstName: text = contact.firstName
        case .fullName: text = contact.name
        case .lastName: text = contact.lastName
        case .unaccentedName:
            text = contact.name.split(separator: " ").map { ContactGenerator.asciiHandle(String($0)) }
                .filter { !$0.isEmpty }.joined(separator: " ")
        case .email:
            let email = contact.emails[0]
            text = String(email.prefix(min(email.count, 6 + rng.below(10))))
        case .username: text = contact.username
        case .phoneNational:
            let style = PhoneCatalog.styles[phone.region]!
            text = style.trunk + PhoneCatalog.grouped(phone.nationalNumber, style.groups, separator: " ")
        case .phoneInternational:
            let style = PhoneCatalog.styles[phone.region]!
            text = "+" + phone.countryCode + " " + PhoneCatalog.grouped(phone.nationalNumber, style.groups, separator: " ")
        case .phoneLastDigits:
            let digits = String(phone.nationalNumber.suffix(4 + rng.below(5)))
            text = digits.count > 4 ? String(digits.prefix(digits.count - 4)) + " " + digits.suffix(4) : digits
        case .document: text = PhoneDigits.typedDigits(of: contact.document)
        }
        let typed = text.isEmpty ? contact.name : text
        return KeystrokeSession(target: contact.id, field: text.isEmpty ? .fullName : field, text: typed)
    }
}
