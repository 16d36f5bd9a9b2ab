/// Reads little-endian integers and length-prefixed byte strings, failing instead of reading
/// past the end.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    /// The next byte to read.
    var offset: Int

    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var remaining: Int { bytes.count - offset }

    mutating func u8() -> UInt8? {
        guard remaining >= 1 else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func u32() -> UInt32? {
        guard remaining >= 4 else { return nil }
        defer { offset += 4 }
        return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func u64() -> UInt64? {
        guard remaining >= 8 else { return nil }
        defer { offset += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// `count` bytes as a view into the buffer.
    mutating func take(_ count: Int) -> UnsafeRawBufferPointer? {
        guard count >= 0, remaining >= count else { return nil }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    /// A 32-bit length, then that many bytes.
    mutating func blob() -> UnsafeRawBufferPointer? {
        let start = offset
        guard let count = u32(), let view = take(Int(count)) else {
            offset = start
            return nil
        }
        return view
    }

    /// A blob read as UTF-8 text; nil when it is not valid UTF-8.
    mutating func string() -> String? {
        guard let view = blob() else { return nil }
        return String(validating: view, as: UTF8.self)
    }
}
