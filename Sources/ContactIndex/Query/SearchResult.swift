/// One page of hits and the exact number of matching contacts.
public struct SearchResult: Sendable {
    /// The number of contacts that match, over all pages.
    public var total: Int
    /// The hits of the page, best first.
    public var hits: [SearchHit]
}

/// A matching contact, its score, and where the query matched it.
public struct SearchHit: Sendable {
    /// The contact's id.
    public var id: String
    /// Higher ranks first: 10,000 per word matched whole, minus 100 per field rank and 1 per word
    /// position summed over the query words, minus 100,000 per typo edit. Equal scores rank by
    /// `lastChat`, name, then id.
    public var score: Int
    /// The stored contact as JSON text (UTF-8).
    public var contactJSON: [UInt8]
    /// Matched ranges per field path (`name`, `emails.0`, `customFields.document`), as UTF-16
    /// offsets into the stored value.
    public var highlights: [(field: String, ranges: [Range<Int>])]
    /// Edits of the words matched with typos; 0 for a typo-free hit.
    public var typos: Int = 0
    /// The query words (folded) that matched only with typos.
    public var typoWords: [String] = []
    /// The hit's document number in the index that found it, for readers of its own records.
    var document: UInt32 = 0

    /// The stored contact.
    public var contact: Contact {
        Contact(canonical: (try? JSONParser.parse(contactJSON))?.objectValue ?? JSONObject())
    }
}
