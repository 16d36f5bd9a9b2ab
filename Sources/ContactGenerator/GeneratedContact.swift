import ContactIndex

/// One generated contact: its JSON in Rocket.Chat's shape, and the facts a typing session needs.
public struct GeneratedContact: Sendable {
    /// A phone as stored, with what it is.
    public struct Phone: Sendable {
        /// The text stored in the contact.
        public let stored: String
        /// How it was written.
        public let format: PhoneFormat
        /// The region it belongs to.
        public let region: String
        /// The country calling code (`55`).
        public let countryCode: String
        /// National significant number.
        public let nationalNumber: String
        /// Trunk prefix of the region's national format ("" when none).
        public let trunk: String
    }

    /// The contact's `_id`.
    public let id: String
    /// The given name (for Japanese and Chinese names, written after the family name).
    public let firstName: String
    /// The family name.
    public let lastName: String
    /// The name as stored (`first last`, or family name first for Japanese and Chinese).
    public let name: String
    /// The username (`guest-1234` or a handle).
    public let username: String
    /// One or two email addresses.
    public let emails: [String]
    /// One or two phones.
    public let phones: [Phone]
    /// The company custom field.
    public let company: String
    /// A document number with punctuation (`123.456.789-09`).
    public let document: String
    /// The contact in Rocket.Chat's JSON shape.
    public let json: JSONValue
}
