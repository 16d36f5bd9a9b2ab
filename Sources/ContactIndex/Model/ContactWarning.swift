/// Something accepted but worth telling: a phone or email that could not be normalized is kept
/// as given and stays searchable by its text and digits.
public struct ContactWarning: Sendable, Equatable {
    /// Where: `emails.0`, `phones.1`.
    public var field: String
    /// The normalizer's stable code (`invalid_country_code`, `missing_at`, …).
    public var code: String
    /// A message for people.
    public var message: String

    /// Creates a warning.
    public init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }
}
