/// Maps byte offsets of valid UTF-8 to UTF-16 offsets; the identity for ASCII text.
struct UTF16Offsets {
    private let table: [Int]?

    init(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard utf8.contains(where: { $0 >= 0x80 }) else {
            table = nil
            return
        }
        var table = [Int](repeating: 0, count: utf8.count + 1)
        var offset = 0
        for i in 0..<utf8.count {
            table[i] = offset
            let b = utf8[i]
            if b & 0xC0 != 0x80 { offset += b >= 0xF0 ? 2 : 1 }
        }
        table[utf8.count] = offset
        self.table = table
    }

    /// The UTF-16 offset of a byte offset that starts a scalar (or the end).
    subscript(byte: Int) -> Int {
        table?[byte] ?? byte
    }
}
