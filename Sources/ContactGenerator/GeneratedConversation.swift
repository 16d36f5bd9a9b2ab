import ContactIndex

/// One generated conversation: its JSON and the facts a benchmark needs.
public struct GeneratedConversation: Sendable {
    /// The conversation in the store's JSON shape.
    public let json: JSONValue
    /// The id of its contact.
    public let contactID: String
    /// The agents who served it.
    public let agents: [String]
    /// `closedAt`, or `createdAt` while open: the time that orders conversations.
    public let activityMillis: Int64
}
