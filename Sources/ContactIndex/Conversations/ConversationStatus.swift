/// Where a conversation stands. Only a closed conversation is part of a contact's history; an
/// open or on-hold one keeps its contact from being deleted.
public enum ConversationStatus: String, Sendable, CaseIterable {
    /// Going on.
    case open
    /// Waiting, not closed.
    case onhold
    /// Over, with a `closedAt` time.
    case closed
}
