/// One page of conversations and the exact number that match.
public struct ConversationResult: Sendable {
    /// The number of conversations that match, over all pages.
    public var total: Int
    /// The hits of the page, best first.
    public var hits: [ConversationHit]
}

/// A matching conversation, its score, and where the query matched it.
public struct ConversationHit: Sendable {
    /// The conversation's id.
    public var id: String
    /// Higher ranks first, as `SearchHit.score`; equal scores rank newest first.
    public var score: Int
    /// The stored conversation as JSON text (UTF-8).
    public var conversationJSON: [UInt8]
    /// Matched ranges per field path (`name`, `phone`, `topic`, `tags.0`, `wrapUpNotes`), as
    /// UTF-16 offsets into the stored value.
    public var highlights: [(field: String, ranges: [Range<Int>])]
    /// Edits of the words matched with typos; 0 for a typo-free hit.
    public var typos: Int
    /// The query words (folded) that matched only with typos.
    public var typoWords: [String]
}

/// One page of a contact's history.
public struct HistoryPage: Sendable {
    /// The number of closed conversations of the contact that the asker may see.
    public var total: Int
    /// The page's conversations as stored JSON (UTF-8), newest `closedAt` first.
    public var conversations: [[UInt8]]
}
