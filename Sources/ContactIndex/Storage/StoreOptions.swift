/// How a `ContactStore` writes and recovers.
public struct StoreOptions: Sendable {
    /// The ISO 3166 region of phone numbers written without a country code.
    public var defaultRegion: String
    /// When the log is flushed to disk.
    public var fsync: FsyncPolicy
    /// Take a snapshot after this many mutations since the last one (0: never by count).
    public var snapshotAfterMutations: Int
    /// Take a snapshot this many seconds after the first mutation since the last one (0: never by
    /// time).
    public var snapshotAfterSeconds: Double
    /// Start from damaged files by keeping what can be read, instead of refusing to start.
    public var repair: Bool
    /// Receives warnings from background work, such as a failed automatic snapshot.
    public var log: @Sendable (String) -> Void

    /// Creates options; the defaults flush before every acknowledgement and snapshot after
    /// 100,000 mutations or 300 seconds.
    public init(
        defaultRegion: String = "BR", fsync: FsyncPolicy = .always, snapshotAfterMutations: Int = 100_000,
        snapshotAfterSeconds: Double = 300, repair: Bool = false, log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.log = log
        self.defaultRegion = defaultRegion
        self.fsync = fsync
        self.snapshotAfterMutations = snapshotAfterMutations
        self.snapshotAfterSeconds = snapshotAfterSeconds
        self.repair = repair
    }
}
