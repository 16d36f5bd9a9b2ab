/// Reads the records of a log segment and finds where it is damaged.
struct LogReader {
    /// A record read back, with the byte offset where it starts.
    struct Record {
        let offset: Int
        let mutation: Mutation
    }

    /// Bytes that do not form valid records, from `offset` up to `end`.
    struct Damage: Equatable {
        let offset: Int
        let end: Int
    }

    /// What a segment holds.
    struct Scan {
        /// Every valid record, in order.
        var records: [Record] = []
        /// Damaged ranges, in order. A range ending at the end of the file with nothing valid
        /// after it is a torn tail; any other range lost records that came after it.
        var damage: [Damage] = []
        /// The segment's size in bytes.
        var size = 0

        /// A damaged range at the very end, as left by a crash in the middle of a write.
        var tornTail: Damage? {
            guard let last = damage.last, last.end == size else { return nil }
            return last
        }

        /// Damaged ranges followed by valid records.
        var interiorDamage: [Damage] {
            tornTail == nil ? damage : Array(damage.dropLast())
        }
    }

    /// Reads a segment's bytes.
    /// - Throws: `storageError` for a file that is not a log segment or was written by a newer
    ///   version.
    static func scan(_ bytes: [UInt8], path: String) throws(ContactIndexError) -> Scan {
        var scan = Scan()
        scan.size = bytes.count
        let outcome = bytes.withUnsafeBytes { raw in Result { () throws(ContactIndexError) in
            var reader = ByteReader(raw)
            guard let magic = reader.take(LogFormat.magic.count), magic.elementsEqual(LogFormat.magic),
                  let version = reader.u32(), reader.u32() != nil
            else {
                guard raw.count < LogFormat.headerSize, LogFormat.magic.starts(with: raw.prefix(LogFormat.magic.count)) else {
                    throw .storageError("\(path) is not a ContactIndex log segment")
                }
                if raw.count > 0 { scan.damage.append(Damage(offset: 0, end: raw.count)) }
                return
            }
            guard version <= LogFormat.version else {
                throw .storageError(
                    "\(path) was written by a newer version (log format \(version); this build reads \(LogFormat.version))")
            }
            var offset = LogFormat.headerSize
            while offset < raw.count {
                if let (mutation, next) = record(raw, at: offset) {
                    scan.records.append(Record(offset: offset, mutation: mutation))
                    offset = next
                    continue
                }
                var resume = offset + 1
                while resume < raw.count, record(raw, at: resume) == nil { resume += 1 }
                scan.damage.append(Damage(offset: offset, end: resume))
                offset = resume
            }
        } }
        try outcome.get()
        return scan
    }

    /// The valid record at `offset` and the offset after it, or nil.
    private static func record(_ raw: UnsafeRawBufferPointer, at offset: Int) -> (Mutation, Int)? {
        var reader = ByteReader(raw, offset: offset)
        guard let length = reader.u32(), Int(length) <= LogFormat.maximumBody, length > 0,
              let crc = reader.u32(), let body = reader.take(Int(length))
        else { return nil }
        let lengthCRC = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[offset..<offset + 4]))
        guard CRC32C.checksum(body, continuing: lengthCRC) == crc, let mutation = Mutation.decode(body) else { return nil }
        return (mutation, reader.offset)
    }
}
