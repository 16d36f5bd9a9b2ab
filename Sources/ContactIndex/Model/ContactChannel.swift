/// A channel a contact was reached through (`livechat`, `whatsapp`, …), as far as filters need it.
public struct ContactChannel: Sendable, Equatable {
    /// The channel's name.
    public var name: String
    /// Whether the contact is blocked on this channel.
    public var blocked: Bool
    /// Whether the contact is verified on this channel.
    public var verified: Bool

    /// Creates a channel.
    public init(name: String, blocked: Bool = false, verified: Bool = false) {
        self.name = name
        self.blocked = blocked
        self.verified = verified
    }
}
