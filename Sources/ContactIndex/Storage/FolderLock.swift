import Glibc

/// The exclusive `flock` on a data folder's `LOCK` file that keeps a second process off the
/// folder; released when the store closes or the process dies.
final class FolderLock: @unchecked Sendable {
    private var fd: Int32

    /// Takes the lock without waiting.
    /// - Throws: `storageError` when another process holds it or the file cannot be opened.
    init(_ folder: DataFolder) throws(ContactIndexError) {
        fd = open(folder.lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DataFile.failure("cannot open the lock file", folder.lockPath) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK {
                throw .storageError("the data folder \(folder.path) is in use by another process")
            }
            throw DataFile.failure("cannot lock", folder.lockPath, code: code)
        }
    }

    /// Releases the lock.
    func release() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
    }

    deinit { release() }
}
