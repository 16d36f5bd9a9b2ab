/// A search of conversations: the text typed, who asks, filters and paging.
public struct ConversationQuery: Sendable, Equatable {
    /// The text as typed; empty lists every visible conversation, newest first.
    public var text: String
    /// Who asks.
    public var viewer: ConversationViewer
    /// Filters every hit passes.
    public var filter: ConversationFilter
    /// Hits per page, 1 to 100.
    public var limit: Int
    /// Hits to skip.
    public var offset: Int
    /// The most edits a word may match with, 0 to 2; nil for the rule by length.
    public var typos: Int?

    /// Creates a query.
    public init(
        _ text: String, viewer: ConversationViewer, filter: ConversationFilter = ConversationFilter(), limit: Int = 10,
        offset: Int = 0, typos: Int? = nil
    ) {
        self.text = text
        self.viewer = viewer
        self.filter = filter
        self.limit = limit
        self.offset = offset
        self.typos = typos
    }

    /// The text, paging and typo options as a contact search query.
    var searchQuery: SearchQuery { SearchQuery(text, limit: limit, offset: offset, typos: typos) }
}
