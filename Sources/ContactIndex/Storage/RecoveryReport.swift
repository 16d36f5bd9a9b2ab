/// What a store loaded when it opened.
public struct RecoveryReport: Sendable, CustomStringConvertible {
    /// Contacts live after recovery.
    public var contacts = 0
    /// Contacts read from the snapshot.
    public var snapshotContacts = 0
    /// Whether the snapshot's index image was reused, instead of analyzing its contacts again.
    public var reusedIndexImage = false
    /// Log records replayed after the snapshot.
    public var replayedRecords = 0
    /// Milliseconds spent opening.
    public var millis = 0
    /// Damage that was cut off safely: a torn record at the end of the log.
    public var warnings: [String] = []
    /// What a repair dropped.
    public var dropped: [String] = []

    /// One line for people, such as
    /// `loaded 1000 contacts (998 from the snapshot and its index, 5 log records replayed) in 12 ms`.
    public var description: String {
        let source = reusedIndexImage ? "the snapshot and its index" : "the snapshot"
        return "loaded \(contacts) contacts (\(snapshotContacts) from \(source), \(replayedRecords) log records replayed) in \(millis) ms"
    }
}
