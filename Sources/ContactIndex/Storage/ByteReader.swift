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

extension ByteReader {
    /// A u64 count, then that many little-endian elements.
    /// - Parameter growing: for a column that writes append to: room for a sixteenth more is
    ///   made, as a bulk load leaves (see `slightlySpareCopy`), so that the first writes after a
    ///   restart do not copy it.
    mutating func array<T: FixedWidthInteger>(_: T.Type, growing: Bool = false) -> ContiguousArray<T>? {
        guard let count = u64(), count <= UInt64(remaining / MemoryLayout<T>.size),
              let raw = take(Int(count) * MemoryLayout<T>.size)
        else { return nil }
        let capacity = growing ? ContiguousArray<T>.slightlySpareCapacity(Int(count)) : Int(count)
        return ContiguousArray(unsafeUninitializedCapacity: capacity) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw)
            initialized = Int(count)
        }
    }

    /// Lists written by `SectionStream.lists`; a list of 1,024 entries or more gets room for a
    /// sixteenth more (see `ListTable.compact`), so that the first writes after a restart do not
    /// copy the long lists of common keys.
    mutating func lists() -> [ContiguousArray<UInt32>]? {
        guard let counts = array(UInt32.self) else { return nil }
        var lists: [ContiguousArray<UInt32>] = []
        lists.reserveCapacity(counts.count)
        for count in counts {
            guard count > 0 else {
                lists.append([])
                continue
            }
            guard let raw = take(Int(count) * 4) else { return nil }
            let capacity = count >= ListTable.longList ? ContiguousArray<UInt32>.slightlySpareCapacity(Int(count)) : Int(count)
            lists.append(ContiguousArray(unsafeUninitializedCapacity: capacity) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw)
                initialized = Int(count)
            })
        }
        return lists
    }

    /// Strings written by `SectionStream.strings`.
    mutating func strings() -> [String]? {
        guard let count = u64(), count <= UInt64(remaining / 4) else { return nil }
        var values: [String] = []
        values.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let value = string() else { return nil }
            values.append(value)
        }
        return values
    }
}
