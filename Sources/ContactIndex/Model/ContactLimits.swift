/// The size limits of a contact, checked before anything is indexed.
public enum ContactLimits {
    /// Largest contact JSON, in bytes.
    public static let maximumContactBytes = 64 * 1024
    /// Largest value of one field, in UTF-8 bytes.
    public static let maximumValueBytes = 1024
    /// Most emails, phones or custom fields of one contact.
    public static let maximumListCount = 100
    /// Longest id, in UTF-8 bytes.
    public static let maximumIdBytes = 256
}
