/// A contact's history: its closed conversations that the asker may see, newest `closedAt`
/// first.
public struct HistoryQuery: Sendable, Equatable {
    /// The contact's id.
    public var contactID: String
    /// Who asks.
    public var viewer: ConversationViewer
    /// Conversations per page, 1 to 100.
    public var limit: Int
    /// Conversations to skip.
    public var offset: Int

    /// Creates a query.
    public init(contactID: String, viewer: ConversationViewer, limit: Int = 10, offset: Int = 0) {
        self.contactID = contactID
        self.viewer = viewer
        self.limit = limit
        self.offset = offset
    }
}
