/// The searchable fields of a contact, in ranking order: a match in the name ranks first.
public enum SearchField: UInt8, Sendable, CaseIterable, Comparable {
    /// The name.
    case name = 0
    /// The username.
    case username = 1
    /// The email addresses.
    case email = 2
    /// The phone numbers.
    case phone = 3
    /// The searchable custom fields.
    case customField = 4

    public static func < (lhs: SearchField, rhs: SearchField) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The field's name in a contact and in the protocol: `name`, `username`, `emails`,
    /// `phones`, `customFields`.
    public var name: String {
        switch self {
        case .name: return "name"
        case .username: return "username"
        case .email: return "emails"
        case .phone: return "phones"
        case .customField: return "customFields"
        }
    }

    /// The field with a name; the singular `email`, `phone` and `customField` are accepted too.
    public init?(name: String) {
        switch name {
        case "name": self = .name
        case "username": self = .username
        case "emails", "email": self = .email
        case "phones", "phone": self = .phone
        case "customFields", "customField": self = .customField
        default: return nil
        }
    }
}

/// Where a key stands in a contact, packed in 7 bits: field (3 bits) then word position (4 bits,
/// capped at 15). A lower value ranks higher.
struct KeyInfo: Hashable, Comparable {
    let raw: UInt8

    init(raw: UInt8) {
        self.raw = raw
    }

    /// The position every later one shares: positions below it are told apart.
    static let sharedPosition = 15

    init(field: SearchField, position: Int) {
        raw = field.rawValue << 4 | UInt8(min(position, Self.sharedPosition))
    }

    var field: SearchField { SearchField(rawValue: raw >> 4) ?? .customField }
    var position: Int { Int(raw & 15) }

    static func < (lhs: KeyInfo, rhs: KeyInfo) -> Bool { lhs.raw < rhs.raw }
}
