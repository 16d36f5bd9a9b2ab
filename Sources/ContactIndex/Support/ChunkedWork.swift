import Dispatch

/// The results of `make(0)` to `make(count - 1)`, made in chunks that any thread may claim: a
/// helper thread starts on them, and the thread that needs them makes what is left instead of
/// waiting for a core that is busy elsewhere.
final class ChunkedWork<R>: @unchecked Sendable {
    private let count: Int
    private let chunk: Int
    private let make: @Sendable (Int) -> R
    /// One slot per chunk, each written by the thread that claimed the chunk.
    private let slots: UnsafeMutableBufferPointer<[R]>
    /// Guards `claimed` and `finished`; the last chunk made wakes `results()`.
    private let condition = Condition()
    private var claimed = 0
    private var finished = 0

    init(count: Int, chunk: Int, _ make: @escaping @Sendable (Int) -> R) {
        (self.count, self.chunk, self.make) = (count, max(1, chunk), make)
        slots = .allocate(capacity: (count + self.chunk - 1) / self.chunk)
        slots.initialize(repeating: [])
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    /// Starts a helper thread on the chunks.
    func startHelper() {
        DispatchQueue.global().async { self.work() }
    }

    /// Makes chunks until none is left unclaimed.
    func work() {
        while let c = claim() {
            slots[c] = (c * chunk..<min((c + 1) * chunk, count)).map(make)
            condition.withLock {
                finished += 1
                if finished == slots.count { condition.broadcast() }
            }
        }
    }

    /// The results in order, once every chunk is made; makes the chunks no thread has claimed.
    func results() -> [R] {
        work()
        condition.withLock {
            while finished < slots.count { condition.wait() }
        }
        return Array(slots.joined())
    }

    private func claim() -> Int? {
        condition.withLock {
            guard claimed < slots.count else { return nil }
            claimed += 1
            return claimed - 1
        }
    }
}
