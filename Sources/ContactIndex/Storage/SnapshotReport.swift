/// What a snapshot wrote.
public struct SnapshotReport: Sendable, Equatable {
    /// Contacts in the snapshot.
    public var contacts: Int
    /// The file's size.
    public var bytes: Int
    /// Milliseconds from the start of the snapshot until it was durable.
    public var tookMillis: Int
    /// When it was taken, in milliseconds since 1970.
    public var takenAt: Int64
}
