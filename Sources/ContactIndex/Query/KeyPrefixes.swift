/// The folded prefixes of a query's words in one buffer, so that the highlight loops read them
/// without retaining an array per prefix, with the set of their first bytes: a key that starts
/// with none of them is passed over at once (a typo pass's page may hold forty prefixes).
struct KeyPrefixes {
    private var bytes: [UInt8] = []
    /// Prefix `i` is `bytes[ends[i - 1]..<ends[i]]` (from 0 for the first).
    private var ends: [Int] = []
    /// A bit per byte value that starts a prefix.
    private var firstBytes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// Keeps the non-empty prefixes, in order.
    init(_ prefixes: [[UInt8]]) {
        for prefix in prefixes where !prefix.isEmpty {
            bytes.append(contentsOf: prefix)
            ends.append(bytes.count)
            let bit: UInt64 = 1 << UInt64(prefix[0] & 63)
            switch prefix[0] >> 6 {
            case 0: firstBytes.0 |= bit
            case 1: firstBytes.1 |= bit
            case 2: firstBytes.2 |= bit
            default: firstBytes.3 |= bit
            }
        }
    }

    var isEmpty: Bool { ends.isEmpty }

    /// Calls `body` with a view of the prefixes valid for the duration of the call.
    func withView<R>(_ body: (View) -> R) -> R {
        bytes.withUnsafeBufferPointer { bytes in
            ends.withUnsafeBufferPointer { ends in body(View(bytes: bytes, ends: ends, firstBytes: firstBytes)) }
        }
    }

    /// The prefixes as buffers.
    struct View {
        let bytes: UnsafeBufferPointer<UInt8>
        let ends: UnsafeBufferPointer<Int>
        fileprivate let firstBytes: (UInt64, UInt64, UInt64, UInt64)

        var count: Int { ends.count }

        @inline(__always)
        subscript(i: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]])
        }

        /// Whether some prefix starts with `first`.
        @inline(__always)
        func hasPrefix(startingWith first: UInt8) -> Bool {
            let word: UInt64
            switch first >> 6 {
            case 0: word = firstBytes.0
            case 1: word = firstBytes.1
            case 2: word = firstBytes.2
            default: word = firstBytes.3
            }
            return word >> UInt64(first & 63) & 1 != 0
        }
    }
}
