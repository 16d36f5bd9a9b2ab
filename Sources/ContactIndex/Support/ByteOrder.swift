import Glibc

/// The order of byte strings: by their bytes, a proper prefix first. For UTF-8 text this is
/// code point order, which the term dictionary and the static ranking's names and ids share.
enum ByteOrder {
    /// Negative, zero or positive as `a` sorts before, with or after `b`.
    @inline(__always)
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(a.count, b.count)
        if n > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, n)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }

    /// The same for the UTF-8 bytes of two strings.
    static func compare(_ a: String, _ b: String) -> Int {
        var (a, b) = (a, b)
        return a.withUTF8 { x in b.withUTF8 { y in compare(x, y) } }
    }
}
