/// When the log is flushed to disk, as in Redis's `appendfsync`.
public enum FsyncPolicy: String, Sendable, CaseIterable {
    /// Before every acknowledgement; concurrent writers share one flush (group commit).
    case always
    /// Once a second in the background: a crash of the machine can lose up to a second of
    /// acknowledged writes.
    case everysec
    /// When the operating system decides: a crash of the machine can lose recent writes; a crash
    /// of the process alone loses nothing.
    case no
}
