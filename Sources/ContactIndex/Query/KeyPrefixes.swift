/// The folded prefixes of a query's words in one buffer, so that the highlight loops read them
/// without retaining an array per prefix.
struct KeyPrefixes {
    private var bytes: [UInt8] = []
    /// Prefix `i` is `bytes[ends[i - 1]..<ends[i]]` (from 0 for the first).
    private var ends: [Int] = []

    /// Keeps the non-empty prefixes, in order.
    init(_ prefixes: [[UInt8]]) {
        for prefix in prefixes where !prefix.isEmpty {
            bytes.append(contentsOf: prefix)
            ends.append(bytes.count)
        }
    }

    var isEmpty: Bool { ends.isEmpty }

    /// Calls `body` with a view of the prefixes valid for the duration of the call.
    func withView<R>(_ body: (View) -> R) -> R {
        bytes.withUnsafeBufferPointer { bytes in ends.withUnsafeBufferPointer { ends in body(View(bytes: bytes, ends: ends)) } }
    }

    /// The prefixes as buffers.
    struct View {
        let bytes: UnsafeBufferPointer<UInt8>
        let ends: UnsafeBufferPointer<Int>

        var count: Int { ends.count }

        @inline(__always)
        subscript(i: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]])
        }
    }
}
