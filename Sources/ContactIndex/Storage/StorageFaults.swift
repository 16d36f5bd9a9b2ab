import Glibc

/// Failures a test injects into the storage layer to simulate a full disk or a read-only folder,
/// which a test running as root cannot produce with permissions alone.
final class StorageFaults: @unchecked Sendable {
    private let lock = Lock()
    private var writeError: Int32?
    private var writeBudget = Int.max

    /// Makes every write fail with `code` (`ENOSPC`, `EROFS`) once `afterBytes` more bytes were
    /// written; nil heals the disk.
    func failWrites(with code: Int32?, afterBytes: Int = 0) {
        lock.withLock {
            writeError = code
            writeBudget = afterBytes
        }
    }

    /// How many of `count` bytes may be written, and the error to report for the rest.
    func admit(_ count: Int) -> (allowed: Int, error: Int32?) {
        lock.withLock {
            guard let code = writeError else { return (count, nil) }
            let allowed = min(count, writeBudget)
            writeBudget -= allowed
            return (allowed, allowed < count ? code : nil)
        }
    }

    /// Whether creating files fails, as in a read-only or full folder.
    var createError: Int32? {
        lock.withLock { writeError.flatMap { writeBudget == 0 ? $0 : nil } }
    }
}
