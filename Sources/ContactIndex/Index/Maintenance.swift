import Dispatch

/// Background rebuilds: at most one runs at a time, started at once or once writes pause.
final class Maintenance: @unchecked Sendable {
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
