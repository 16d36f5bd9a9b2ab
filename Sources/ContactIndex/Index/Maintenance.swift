import Dispatch

/// Background rebuilds: at most one runs at a time, started at once or once writes pause.
final class Maintenance: @unchecked Sendable {
    /// Documents out of ranking order or deleted, past which a rebuild runs in the background
    /// once writes pause for `rebuildPause` seconds.
    static func rebuildThreshold(documents: Int) -> Int { max(10_000, documents / 10) }

    /// Documents out of ranking order or deleted, past which a rebuild runs at once, while writes
    /// go on: each such rebuild renumbers at least twice the documents of the one before, so that
    /// a stream of writes (an import through the server) is not rebuilt again and again.
    static func streamingRebuildThreshold(documents: Int) -> Int { max(10_000, documents / 2) }

    /// Whether so many documents are out of ranking order or deleted that a rebuild is due.
    static func isStale(_ stale: (count: Int, documents: Int)) -> Bool {
        stale.count > rebuildThreshold(documents: stale.documents)
    }

    /// Seconds without writes after which a rebuild past `rebuildThreshold` starts.
    static let rebuildPause = 1.0

    private let lock = Lock()
    private var running = false
    /// Whether a start waits for writes to pause.
    private var waiting = false
    /// When a write last asked for a start after a pause, in nanoseconds of uptime.
    private var lastRequest: UInt64 = 0

    /// Runs `body` in the background unless a rebuild runs already.
    func startUnlessRunning(_ body: @escaping @Sendable () -> Void) {
        let claimed = lock.withLock {
            defer { running = true }
            return !running
        }
        guard claimed else { return }
        DispatchQueue.global(qos: .utility).async { [self] in
            body()
            lock.withLock { running = false }
        }
    }

    /// Starts `rebuild` in the background when writes have left `stale` documents out of ranking
    /// order or deleted: past half at once, past a tenth once writes pause (`staleNow` then reads
    /// the count again).
    func rebuildWhenStale(
        _ stale: (count: Int, documents: Int), staleNow: @escaping @Sendable () -> (count: Int, documents: Int),
        rebuild: @escaping @Sendable () -> Void
    ) {
        guard Self.isStale(stale) else { return }
        guard stale.count <= Self.streamingRebuildThreshold(documents: stale.documents) else {
            startUnlessRunning(rebuild)
            return
        }
        startAfterPause(of: Self.rebuildPause) {
            if Self.isStale(staleNow()) { rebuild() }
        }
    }

    /// Replays the writes recorded during a rebuild onto its new index while many come, without
    /// the live index's lock, so that writers wait only for the last few (which the caller
    /// replays with writers held), not for as many as came during the whole rebuild.
    static func catchUp<Record>(_ pending: PendingWrites<Record>, _ replay: ([PendingWrites<Record>.Operation]) -> Void) {
        for _ in 0..<8 {
            let operations = pending.drain()
            replay(operations)
            if operations.count < 256 { return }
        }
    }

    /// Runs `body` in the background once no call has come for `pause` seconds, unless a rebuild
    /// runs by then; calls while one waits only push the start back. `body` checks whether it
    /// is still needed.
    func startAfterPause(of pause: Double, _ body: @escaping @Sendable () -> Void) {
        let schedule = lock.withLock {
            lastRequest = DispatchTime.now().uptimeNanoseconds
            defer { waiting = true }
            return !waiting
        }
        if schedule { check(after: pause, pause: pause, body) }
    }

    private func check(after delay: Double, pause: Double, _ body: @escaping @Sendable () -> Void) {
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + delay) { [self] in
            let left = lock.withLock { () -> Double in
                let quiet = Double(DispatchTime.now().uptimeNanoseconds - lastRequest) / 1e9
                if quiet >= pause { waiting = false }
                return pause - quiet
            }
            if left > 0 { check(after: left, pause: pause, body) } else { startUnlessRunning(body) }
        }
    }
}
