import Foundation

/// Appends records to the current log segment and makes them durable under a policy.
///
/// Appends are serialized by the caller. Under `always`, writers wait for a flush that covers
/// their record: the first one to wait flushes everything appended so far, and the writers that
/// came meanwhile share the next flush (group commit).
final class LogWriter: @unchecked Sendable {
    let policy: FsyncPolicy
    private let state = Condition()
    private var file: DataFile
    private(set) var segment: UInt64
    private var fileSize: Int
    private var written: UInt64 = 0
    private var synced: UInt64 = 0
    private var syncing = false
    private var failure: ContactIndexError?
    private var stopped = false

    /// Continues `file`, segment number `segment`, whose valid bytes end at `size`.
    init(file: DataFile, segment: UInt64, size: Int, policy: FsyncPolicy) {
        self.file = file
        self.segment = segment
        self.policy = policy
        fileSize = size
        if policy == .everysec {
            let thread = Thread { [weak self] in
                while let writer = self, writer.flushEverySecond() {}
            }
            thread.name = "contact-index log flusher"
            thread.start()
        }
    }

    /// Bytes of the current segment.
    var segmentBytes: Int { state.withLock { fileSize } }

    /// Appends framed records; returns the position that `waitUntilDurable` waits for.
    /// - Throws: `storageError` when the bytes could not be written; the segment is cut back to
    ///   its previous end, so nothing partial stays behind.
    func append(_ bytes: [UInt8]) throws(ContactIndexError) -> UInt64 {
        let (file, offset) = try state.withLock { () throws(ContactIndexError) in
            if let failure { throw failure }
            return (self.file, fileSize)
        }
        do {
            try file.write(bytes, at: offset)
        } catch {
            do {
                try file.truncate(to: offset)
            } catch let truncation {
                state.withLock { failure = .storageError("the log is damaged and the store is read-only: \(truncation)") }
            }
            throw error
        }
        return state.withLock {
            fileSize += bytes.count
            written += UInt64(bytes.count)
            return written
        }
    }

    /// Returns once the bytes up to `position` are on disk as the policy requires.
    /// - Throws: `storageError` when a flush failed; the store takes no more writes then.
    func waitUntilDurable(_ position: UInt64) throws(ContactIndexError) {
        guard policy == .always else {
            if let failure = state.withLock({ failure }) { throw failure }
            return
        }
        try flush(upTo: position)
    }

    /// Flushes everything appended so far.
    func flushAll() throws(ContactIndexError) {
        try flush(upTo: state.withLock { written })
    }

    /// Flushes the current segment and continues in `next`, numbered one more.
    func rotate(to next: DataFile) throws(ContactIndexError) {
        let old = state.withLock { file }
        try old.sync()
        state.withLock {
            file = next
            segment += 1
            fileSize = LogFormat.headerSize
            synced = written
            state.broadcast()
        }
    }

    /// Flushes and stops the background flusher.
    func close() throws(ContactIndexError) {
        state.withLock {
            stopped = true
            state.broadcast()
        }
        try flushAll()
    }

    private func flush(upTo position: UInt64) throws(ContactIndexError) {
        try state.withLock { () throws(ContactIndexError) in
            while synced < position {
                if let failure { throw failure }
                if syncing {
                    state.wait()
                    continue
                }
                syncing = true
                let (target, file) = (written, self.file)
                var result: ContactIndexError?
                state.unlocked { do throws(ContactIndexError) { try file.sync() } catch { result = error } }
                syncing = false
                if let result {
                    failure = .storageError("the log could not be flushed and the store is read-only: \(result)")
                } else {
                    synced = max(synced, target)
                }
                state.broadcast()
            }
        }
    }

    /// One round of the `everysec` flusher; false once closed.
    private func flushEverySecond() -> Bool {
        let (stop, pending) = state.withLock {
            if !stopped { state.wait(seconds: 1) }
            return (stopped, written)
        }
        if stop { return false }
        try? flush(upTo: pending)
        return true
    }
}
