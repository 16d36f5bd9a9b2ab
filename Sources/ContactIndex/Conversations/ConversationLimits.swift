/// The size limits of a conversation, checked before anything is indexed.
public enum ConversationLimits {
    /// Largest conversation JSON, in bytes.
    public static let maximumConversationBytes = 64 * 1024
    /// Largest value of one field, in UTF-8 bytes (`wrapUpNotes` excepted).
    public static let maximumValueBytes = 1024
    /// Largest `wrapUpNotes`, in UTF-8 bytes.
    public static let maximumNotesBytes = 8 * 1024
    /// Most agents or tags of one conversation.
    public static let maximumListCount = 100
}
