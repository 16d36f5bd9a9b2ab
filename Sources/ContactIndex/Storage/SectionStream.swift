/// Writes a snapshot's bytes to a file through a buffer, keeping the CRC-32C of the current
/// section, so that sections far larger than memory allows to copy are streamed.
final class SectionStream {
    private let file: DataFile
    /// The file offset of the next byte.
    private(set) var offset = 0
    private var buffer: [UInt8] = []
    private(set) var crc: UInt32 = 0
    private static let flushSize = 1 << 20

    init(_ file: DataFile) {
        self.file = file
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    /// The file offset of the next byte written.
    var position: Int { offset + buffer.count }

    /// Starts a new checksum.
    func resetChecksum() { crc = 0 }

    func u8(_ v: UInt8) throws(ContactIndexError) {
        buffer.append(v)
        try flushIfFull()
    }

    func u32(_ v: UInt32) throws(ContactIndexError) {
        try withUnsafeBytes(of: v.littleEndian) { raw in Result { () throws(ContactIndexError) in try bytes(raw) } }.get()
    }

    func u64(_ v: UInt64) throws(ContactIndexError) {
        try withUnsafeBytes(of: v.littleEndian) { raw in Result { () throws(ContactIndexError) in try bytes(raw) } }.get()
    }

    /// A u32 length, then the bytes.
    func blob(_ v: UnsafeBufferPointer<UInt8>) throws(ContactIndexError) {
        try u32(UInt32(v.count))
        try bytes(UnsafeRawBufferPointer(v))
    }

    /// A blob of a string's UTF-8 bytes.
    func string(_ s: String) throws(ContactIndexError) {
        var s = s
        try s.withUTF8 { utf8 in Result { () throws(ContactIndexError) in try blob(utf8) } }.get()
    }

    /// Raw bytes.
    func bytes(_ raw: UnsafeRawBufferPointer) throws(ContactIndexError) {
        if raw.count >= Self.flushSize {
            try flush()
            crc = CRC32C.checksum(raw, continuing: crc)
            try file.write(raw, at: offset)
            offset += raw.count
            return
        }
        buffer.append(contentsOf: raw)
        try flushIfFull()
    }

    /// A u64 count, then the elements' little-endian bytes.
    func array<T: FixedWidthInteger>(_ values: ContiguousArray<T>) throws(ContactIndexError) {
        try u64(UInt64(values.count))
        try values.withUnsafeBytes { raw in Result { () throws(ContactIndexError) in try bytes(raw) } }.get()
    }

    /// A u64 count, the counts of every list, then all their elements.
    func lists(_ lists: [ContiguousArray<UInt32>]) throws(ContactIndexError) {
        try array(ContiguousArray(lists.map { UInt32($0.count) }))
        for list in lists where !list.isEmpty {
            try list.withUnsafeBytes { raw in Result { () throws(ContactIndexError) in try bytes(raw) } }.get()
        }
    }

    /// A u64 count, then each string as a blob.
    func strings(_ values: [String]) throws(ContactIndexError) {
        try u64(UInt64(values.count))
        for value in values { try string(value) }
    }

    /// Writes out the buffer.
    func flush() throws(ContactIndexError) {
        guard !buffer.isEmpty else { return }
        crc = buffer.withUnsafeBytes { CRC32C.checksum($0, continuing: crc) }
        try file.write(buffer, at: offset)
        offset += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Overwrites bytes already flushed, such as a section header (not checksummed here).
    func patch(_ bytes: [UInt8], at position: Int) throws(ContactIndexError) {
        try file.write(bytes, at: position)
    }

    private func flushIfFull() throws(ContactIndexError) {
        if buffer.count >= Self.flushSize { try flush() }
    }
}
