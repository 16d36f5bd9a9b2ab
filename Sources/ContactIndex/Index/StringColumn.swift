import Glibc

/// A column of strings stored back to back in a byte arena and read by row: each costs its bytes
/// and an 8-byte location, where a `[String]` costs a heap object for every string longer than
/// fifteen bytes (a contact id, most full names).
struct StringColumn {
    private var arena = ByteArena()
    private var locations: ContiguousArray<UInt64> = []

    /// Number of rows.
    var count: Int { locations.count }

    /// Bytes held, for memory estimates.
    var memoryBytes: Int { arena.memoryBytes + locations.capacity * 8 }

    /// Appends a row.
    mutating func append(_ value: String) {
        var value = value
        value.withUTF8 { append(bytes: $0) }
    }

    /// Appends a row given as UTF-8 bytes.
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        locations.append(arena.append(bytes))
    }

    /// The string of a row.
    subscript(row: Int) -> String {
        withBytes(row) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 bytes of a row.
    @inline(__always)
    func withBytes<R>(_ row: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        arena.withBytes(locations[row], body)
    }

    /// Whether a row holds exactly these bytes.
    func equals(_ row: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        withBytes(row) { $0.count == bytes.count && ($0.isEmpty || memcmp($0.baseAddress!, bytes.baseAddress!, $0.count) == 0) }
    }

    /// Rows `a` and `b` in `ByteOrder`: negative, zero or positive.
    func compare(_ a: Int, _ b: Int) -> Int {
        withBytes(a) { x in withBytes(b) { y in ByteOrder.compare(x, y) } }
    }
}

extension StringColumn {
    /// Writes the rows to a snapshot: a u64 count, then each row as a blob.
    func encode(_ out: SectionStream) throws(ContactIndexError) {
        try out.u64(UInt64(count))
        for row in 0..<count {
            try withBytes(row) { bytes in Result { () throws(ContactIndexError) in try out.blob(bytes) } }.get()
        }
    }

    /// Reads rows written by `encode`; nil when one is not UTF-8.
    init?(decoding reader: inout ByteReader) {
        guard let count = reader.u64(), count <= UInt64(reader.remaining / 4) else { return nil }
        self.init()
        locations.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let raw = reader.blob() else { return nil }
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            guard String(validating: bytes, as: UTF8.self) != nil else { return nil }
            append(bytes: bytes)
        }
    }
}
