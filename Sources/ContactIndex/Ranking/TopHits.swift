/// The best `capacity` hits seen so far, in a binary heap whose root is the worst kept hit.
struct TopHits {
    /// A kept hit: its rank key and document.
    typealias Item = (key: RankKey, doc: UInt32)

    private(set) var heap: [Item] = []
    let capacity: Int
    /// The order of hits with equal keys.
    let order: StaticOrder

    init(capacity: Int, order: StaticOrder) {
        self.capacity = capacity
        self.order = order
        heap.reserveCapacity(capacity)
    }

    @inline(__always)
    private func better(_ a: Item, _ b: Item) -> Bool {
        a.key != b.key ? a.key < b.key : order.before(a.doc, b.doc)
    }

    /// What a hit must beat to be kept: a test on the key and the document number alone that
    /// spares the heap most offers, read once for a run of them. Valid until the next `offer`.
    var bar: Bar {
        guard capacity > 0, heap.count == capacity else { return Bar(packed: UInt64.max, rankedEnd: order.rankedEnd) }
        let worst = heap[0]
        // A worst hit outside the ranked part lets through every hit with its key.
        let low = worst.doc < order.rankedEnd ? UInt64(worst.doc) + 1 : UInt64(UInt32.max)
        return Bar(packed: UInt64(worst.key.raw) << 32 | low, rankedEnd: order.rankedEnd)
    }

    /// The worst kept hit's key and document packed in one number, compared with a hit's in one
    /// step: key first, then the document number for two documents of the ranked part.
    struct Bar {
        let packed: UInt64
        let rankedEnd: UInt32

        /// The worst kept hit's raw key, `UInt32.max` while the heap has room.
        var worstKey: UInt32 { UInt32(truncatingIfNeeded: packed >> 32) }

        /// Whether `TopHits.offer` might keep a hit.
        @inline(__always)
        func admits(_ key: RankKey, _ doc: UInt32) -> Bool {
            // A document outside the ranked part passes any worst hit with its key. Document
            // numbers are under 2^24, so the low half never reaches the key's.
            let low = doc < rankedEnd ? UInt64(doc) + 1 : 0
            return UInt64(key.raw) << 32 | low < packed
        }
    }

    /// Offers a hit.
    mutating func offer(_ key: RankKey, _ doc: UInt32) {
        let item = (key: key, doc: doc)
        if heap.count < capacity {
            heap.append(item)
            var i = heap.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard better(heap[parent], heap[i]) else { break }
                heap.swapAt(parent, i)
                i = parent
            }
        } else if capacity > 0, better(item, heap[0]) {
            heap[0] = item
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var worst = i
                if l < heap.count && better(heap[worst], heap[l]) { worst = l }
                if r < heap.count && better(heap[worst], heap[r]) { worst = r }
                if worst == i { break }
                heap.swapAt(i, worst)
                i = worst
            }
        }
    }

    /// The kept hits, best first.
    func sorted() -> [Item] {
        heap.sorted { better($0, $1) }
    }
}
