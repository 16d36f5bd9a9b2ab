/// Why a text could not be read as a phone number. Each case has a stable snake_case `code`.
public enum PhoneParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No run of digits that could be a phone number.
    case notANumber
    /// A `+` or international prefix followed by no known country calling code.
    case invalidCountryCode
    /// Too few digits after the international prefix.
    case tooShortAfterInternationalPrefix
    /// The national number has fewer than 2 digits.
    case tooShortNationalNumber
    /// The national number has more than 17 digits, or the text is over 250 characters.
    case tooLong

    /// Stable machine-readable code.
    public var code: String {
        switch self {
        case .notANumber: return "not_a_number"
        case .invalidCountryCode: return "invalid_country_code"
        case .tooShortAfterInternationalPrefix: return "too_short_after_idd"
        case .tooShortNationalNumber: return "too_short"
        case .tooLong: return "too_long"
        }
    }

    /// A message for people.
    public var description: String {
        switch self {
        case .notANumber: return "no phone number in the text"
        case .invalidCountryCode: return "unknown country calling code"
        case .tooShortAfterInternationalPrefix: return "too few digits after the international prefix"
        case .tooShortNationalNumber: return "too few digits for a phone number"
        case .tooLong: return "too many digits for a phone number"
        }
    }
}
