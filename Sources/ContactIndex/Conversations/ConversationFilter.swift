/// Filters on conversations; every one given must hold. Time ranges take milliseconds since
/// 1970, `from` included and `to` excluded.
public struct ConversationFilter: Sendable, Equatable {
    /// Only chats or only calls.
    public var kind: ConversationKind?
    /// Only conversations in this status.
    public var status: ConversationStatus?
    /// Only conversations on this channel.
    public var channel: String?
    /// Only conversations this agent served.
    public var agent: String?
    /// Only conversations of this department.
    public var department: String?
    /// Only conversations with this tag.
    public var tag: String?
    /// Only conversations created in this range.
    public var createdAt: TimeRange?
    /// Only conversations closed in this range.
    public var closedAt: TimeRange?

    /// Creates a filter.
    public init(
        kind: ConversationKind? = nil, status: ConversationStatus? = nil, channel: String? = nil, agent: String? = nil,
        department: String? = nil, tag: String? = nil, createdAt: TimeRange? = nil, closedAt: TimeRange? = nil
    ) {
        self.kind = kind
        self.status = status
        self.channel = channel
        self.agent = agent
        self.department = department
        self.tag = tag
        self.createdAt = createdAt
        self.closedAt = closedAt
    }

    /// A range of times in milliseconds since 1970: `from` included, `to` excluded; either may
    /// be open.
    public struct TimeRange: Sendable, Equatable {
        /// The first time in the range.
        public var from: Int64?
        /// The first time after the range.
        public var to: Int64?

        /// Creates a range.
        public init(from: Int64? = nil, to: Int64? = nil) {
            self.from = from
            self.to = to
        }

        /// Whether a time is in the range.
        func contains(_ time: Int64) -> Bool {
            (from.map { time >= $0 } ?? true) && (to.map { time < $0 } ?? true)
        }
    }
}
