import Dispatch

/// Whether a background rebuild is running: at most one at a time.
final class Maintenance: @unchecked Sendable {
    private let lock = Lock()
    private var running = false

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
}
