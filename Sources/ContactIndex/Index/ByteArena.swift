/// Byte strings stored one after another in large chunks, found by a packed 64-bit location:
/// chunk (20 bits), offset (24 bits), length (20 bits).
struct ByteArena {
    private var chunks: [ContiguousArray<UInt8>] = []
    private static let chunkSize = 1 << 24

    /// Bytes held, for memory estimates.
    var memoryBytes: Int { chunks.reduce(0) { $0 + $1.capacity } }

    /// Stores bytes and gives their location.
    mutating func append(_ bytes: some Collection<UInt8>) -> UInt64 {
        precondition(bytes.count < 1 << 20, "a stored value is under 1 MiB")
        if chunks.isEmpty || chunks[chunks.count - 1].count + bytes.count > Self.chunkSize {
            var chunk = ContiguousArray<UInt8>()
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk)
        }
        let chunk = chunks.count - 1
        let offset = chunks[chunk].count
        chunks[chunk].append(contentsOf: bytes)
        return UInt64(chunk) << 44 | UInt64(offset) << 20 | UInt64(bytes.count)
    }

    /// Calls `body` with the bytes at a location.
    @inline(__always)
    func withBytes<R>(_ location: UInt64, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let chunk = Int(location >> 44)
        let offset = Int(location >> 20 & 0xFF_FFFF)
        let length = Int(location & 0xF_FFFF)
        return chunks[chunk].withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[offset..<(offset + length)])) }
    }
}

extension ByteArena {
    /// A copy whose table of chunks and last chunk, the one appends fill, are its own; the
    /// full chunks before it stay shared.
    func snapshotCopy() -> ByteArena {
        var copy = self
        copy.chunks = chunks.snapshotCopy()
        if let last = chunks.indices.last { copy.chunks[last] = chunks[last].snapshotCopy() }
        return copy
    }

    /// Writes the chunks to a snapshot.
    func encode(_ out: SectionStream) throws(ContactIndexError) {
        try out.u64(UInt64(chunks.count))
        for chunk in chunks { try out.array(chunk) }
    }

    /// Reads chunks written by `encode`; the last, which appends fill, gets a whole chunk's room
    /// back, so that the first writes after a restart do not copy it.
    init?(decoding reader: inout ByteReader) {
        guard let count = reader.u64(), count < 1 << 20 else { return nil }
        self.init()
        for _ in 0..<count {
            guard let chunk = reader.array(UInt8.self) else { return nil }
            chunks.append(chunk)
        }
        if let last = chunks.indices.last { chunks[last].reserveCapacity(Self.chunkSize) }
    }
}
