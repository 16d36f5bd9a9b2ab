/// The folded prefixes of a query's words in one buffer, so that the highlight loops read them
/// without retaining an array per prefix, grouped by first byte: a key is compared only with the
/// prefixes that start as it does (a typo pass's page may hold forty prefixes).
struct KeyPrefixes {
    private var bytes: [UInt8] = []
    /// Prefix `i` is `bytes[ends[i - 1]..<ends[i]]` (from 0 for the first).
    private var ends: [Int] = []
    /// The prefixes starting with byte `b` are those from `firstByteStarts[b]` to
    /// `firstByteStarts[b + 1]`.
    private var firstByteStarts: [Int32]

    /// Keeps the non-empty prefixes, ordered by first byte.
    init(_ prefixes: [[UInt8]]) {
        let kept = prefixes.filter { !$0.isEmpty }
        firstByteStarts = [Int32](repeating: 0, count: 257)
        for prefix in kept { firstByteStarts[Int(prefix[0]) + 1] += 1 }
        for b in 0..<256 { firstByteStarts[b + 1] += firstByteStarts[b] }
        for prefix in kept.sorted(by: { $0[0] < $1[0] }) {
            bytes.append(contentsOf: prefix)
            ends.append(bytes.count)
        }
    }

    var isEmpty: Bool { ends.isEmpty }

    /// Calls `body` with a view of the prefixes valid for the duration of the call.
    func withView<R>(_ body: (View) -> R) -> R {
        bytes.withUnsafeBufferPointer { bytes in
            ends.withUnsafeBufferPointer { ends in
                firstByteStarts.withUnsafeBufferPointer { starts in body(View(bytes: bytes, ends: ends, firstByteStarts: starts)) }
            }
        }
    }

    /// The prefixes as buffers.
    struct View {
        let bytes: UnsafeBufferPointer<UInt8>
        let ends: UnsafeBufferPointer<Int>
        fileprivate let firstByteStarts: UnsafeBufferPointer<Int32>

        var count: Int { ends.count }

        @inline(__always)
        subscript(i: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]])
        }

        /// The indices of the prefixes that start with `first`.
        @inline(__always)
        func indices(startingWith first: UInt8) -> Range<Int> {
            Int(firstByteStarts[Int(first)])..<Int(firstByteStarts[Int(first) + 1])
        }
    }
}
