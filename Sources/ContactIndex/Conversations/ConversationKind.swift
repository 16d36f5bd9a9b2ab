/// Whether a conversation is a chat (the Chats tab) or a call (the Calls tab).
public enum ConversationKind: String, Sendable, CaseIterable {
    /// A chat, on any messaging channel.
    case chat
    /// A voice call.
    case call
}
