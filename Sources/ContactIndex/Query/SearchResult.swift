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
    /// position summed over the query words. Equal scores rank by `lastChat`, name, then id.
    public var score: Int
    /// The stored contact as JSON text (UTF-8).
    public var contactJSON: [UInt8]
    /// Matched ranges per field path (`name`, `emails.0`, `customFields.document`), as UTF-16
    /// offsets into the stored value.
    public var highlights: [(field: String, ranges: [Range<Int>])]

    /// The stored contact.
    public var contact: Contact {
        Contact(canonical: (try? JSONParser.parse(contactJSON))?.objectValue ?? JSONObject())
    }
}
