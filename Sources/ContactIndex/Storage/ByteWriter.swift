/// Appends little-endian integers and length-prefixed byte strings to a buffer, for the log and
/// snapshot formats.
struct ByteWriter {
    /// The bytes written so far.
    var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }

    mutating func u32(_ v: UInt32) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u64(_ v: UInt64) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A 32-bit length, then the bytes.
    mutating func blob(_ v: some Collection<UInt8>) {
        u32(UInt32(v.count))
        bytes.append(contentsOf: v)
    }

    /// A string as a blob of its UTF-8 bytes.
    mutating func string(_ s: String) { blob(Array(s.utf8)) }

    /// Overwrites four bytes at `offset` with `v`.
    mutating func patchU32(_ v: UInt32, at offset: Int) {
        withUnsafeBytes(of: v.littleEndian) { raw in
            for k in 0..<4 { bytes[offset + k] = raw[k] }
        }
    }
}
