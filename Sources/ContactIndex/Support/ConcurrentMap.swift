import Dispatch
import Glibc

/// Maps items on every processor core, each core taking one contiguous share, results in order.
/// Fewer than `minimumPerThread` items per core are mapped on the caller's thread alone.
func concurrentMap<T: Sendable, R: Sendable>(_ items: [T], minimumPerThread: Int = 16, _ transform: @Sendable (T) -> R) -> [R] {
    let threads = min(ProcessorCount.online, items.count / max(1, minimumPerThread))
    guard threads > 1 else { return items.map(transform) }
    let shares = SharedResults<R>(count: threads)
    DispatchQueue.concurrentPerform(iterations: threads) { t in
        let range = (items.count * t / threads)..<(items.count * (t + 1) / threads)
        shares.set(t, items[range].map(transform))
    }
    return shares.joined
}

/// The number of processor cores online, read once.
enum ProcessorCount {
    static let online = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
}

/// One result slot per thread of `concurrentMap`; each thread writes only its own slot (through
/// a pointer: no exclusive access to a shared array), and the slots are read after every thread
/// has ended.
private final class SharedResults<R>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<[R]>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: [])
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ results: [R]) { slots[index] = results }

    var joined: [R] { Array(slots.joined()) }
}
