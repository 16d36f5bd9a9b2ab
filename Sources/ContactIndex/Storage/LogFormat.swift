/// The layout of a log segment.
///
/// A segment starts with a 16-byte header: the magic `CIXLOG\0\0`, the format version (u32) and
/// four reserved bytes. Records follow, each `[length u32][crc u32][body]`, where `body` is a kind
/// byte and its payload, `length` counts the body's bytes, and `crc` is the CRC-32C of the
/// length's four bytes followed by the body, so a flipped length is caught too. Integers are
/// little-endian.
enum LogFormat {
    static let magic: [UInt8] = Array("CIXLOG".utf8) + [0, 0]
    static let version: UInt32 = 1
    static let headerSize = 16
    static let recordHeaderSize = 8
    /// The largest body a record may have; a longer length is corruption.
    static let maximumBody = 16 << 20

    /// A segment's header bytes.
    static var header: [UInt8] {
        var writer = ByteWriter()
        writer.bytes = magic
        writer.u32(version)
        writer.u32(0)
        return writer.bytes
    }

    /// The framed record of one mutation.
    static func record(_ mutation: Mutation) -> [UInt8] {
        var writer = ByteWriter()
        append(mutation, to: &writer)
        return writer.bytes
    }

    /// Appends one framed record for `mutation`.
    static func append(_ mutation: Mutation, to writer: inout ByteWriter) {
        let start = writer.bytes.count
        writer.u32(0)
        writer.u32(0)
        mutation.encode(into: &writer)
        let length = UInt32(writer.bytes.count - start - recordHeaderSize)
        writer.patchU32(length, at: start)
        let crc = writer.bytes.withUnsafeBytes { raw in
            let lengthCRC = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[start..<start + 4]))
            return CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[(start + recordHeaderSize)...]), continuing: lengthCRC)
        }
        writer.patchU32(crc, at: start + 4)
    }
}
