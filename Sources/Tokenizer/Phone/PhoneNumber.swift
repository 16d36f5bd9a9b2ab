/// A phone number parsed to E.164: a country calling code and a national significant number.
public struct PhoneNumber: Sendable, Hashable {
    /// The country calling code (`55` for Brazil).
    public var countryCode: Int
    /// The national significant number, digits only (`5155555555`).
    public var nationalNumber: String
    /// An extension (`123` of `x123`), kept apart from the number.
    public var phoneExtension: String?

    /// Creates a number.
    public init(countryCode: Int, nationalNumber: String, phoneExtension: String? = nil) {
        self.countryCode = countryCode
        self.nationalNumber = nationalNumber
        self.phoneExtension = phoneExtension
    }

    /// The E.164 form: `+5551555555555`.
    public var e164: String { "+\(countryCode)\(nationalNumber)" }

    /// The E.164 digits without the plus: `5551555555555`.
    public var e164Digits: String { "\(countryCode)\(nationalNumber)" }
}
