/// Who asks for conversations: an agent sees only the conversations they served, a manager
/// sees all. Every conversation read states it, so that a forgotten parameter never shows
/// everything.
public enum ConversationViewer: Sendable, Equatable {
    /// An agent, by id.
    case agent(String)
    /// A manager.
    case manager
}
