/// A search: the text typed, how many hits, which fields, and filters.
public struct SearchQuery: Sendable, Equatable {
    /// The text as typed.
    public var text: String
    /// Hits per page, 1 to 100.
    public var limit: Int
    /// Hits to skip.
    public var offset: Int
    /// Fields to search; nil for all.
    public var fields: Set<SearchField>?
    /// Filters every hit must pass.
    public var filter: SearchFilter
    /// The most edits a word may match with, 0 to 2; nil for the rule by length (one edit from 4
    /// characters, two from 8). Typos are looked for only when the typo-free hits do not fill the
    /// page, and always rank after them.
    public var typos: Int?

    /// Largest `limit`.
    public static let maximumLimit = 100
    /// Largest `offset`.
    public static let maximumOffset = 10_000
    /// Longest query text, in UTF-8 bytes.
    public static let maximumTextBytes = 1024
    /// Most words in a query.
    public static let maximumWords = 16

    /// Creates a query.
    public init(
        _ text: String, limit: Int = 10, offset: Int = 0, fields: Set<SearchField>? = nil, filter: SearchFilter = SearchFilter(),
        typos: Int? = nil
    ) {
        self.text = text
        self.limit = limit
        self.offset = offset
        self.fields = fields
        self.filter = filter
        self.typos = typos
    }

    /// The edits allowed to a query word of `characters` characters.
    func allowedEdits(characters: Int) -> Int {
        let rule = characters >= 8 ? 2 : characters >= 4 ? 1 : 0
        return min(rule, typos ?? 2)
    }

    /// Checks the options.
    /// - Throws: `ContactIndexError.badRequest` naming the bad option.
    public func validate() throws(ContactIndexError) {
        guard (1...Self.maximumLimit).contains(limit) else { throw .badRequest("limit must be from 1 to \(Self.maximumLimit)") }
        guard (0...Self.maximumOffset).contains(offset) else { throw .badRequest("offset must be from 0 to \(Self.maximumOffset)") }
        guard text.utf8.count <= Self.maximumTextBytes else {
            throw .badRequest("a query is at most \(Self.maximumTextBytes) bytes")
        }
        if let fields, fields.isEmpty { throw .badRequest("fields must name at least one field") }
        if let typos, !(0...2).contains(typos) { throw .badRequest("typos must be 0, 1 or 2") }
        if filter.blocked != nil || filter.verified != nil, filter.channel == nil {
            throw .badRequest("blocked and verified filter a channel: give channel too")
        }
    }
}

/// Filters on a contact's manager and channels.
public struct SearchFilter: Sendable, Equatable {
    /// Only contacts whose manager is this agent id or username.
    public var contactManager: String?
    /// Only contacts reached through this channel.
    public var channel: String?
    /// With `channel`: only contacts blocked (true) or not blocked (false) on it.
    public var blocked: Bool?
    /// With `channel`: only contacts verified (true) or not verified (false) on it.
    public var verified: Bool?

    /// Creates a filter.
    public init(contactManager: String? = nil, channel: String? = nil, blocked: Bool? = nil, verified: Bool? = nil) {
        self.contactManager = contactManager
        self.channel = channel
        self.blocked = blocked
        self.verified = verified
    }

    var isEmpty: Bool { contactManager == nil && channel == nil }
}
