/// Where a contact's searchable values lie in its stored JSON, found once when the contact is
/// stored, so that highlighting a hit reads its values without scanning the JSON again.
///
///     record = flags(1) [name] [username] count email* count phone* count (key value)*
///     span   = gap length
///     gap    = the span's start minus the previous span's end (0 before the first), zigzag
///     length = the span's byte count times two, plus one when it holds escapes
///     flags  = 1: has a name, 2: has a username, 0x40: set by `StoredEntries` (`inPlace`)
///
/// Counts, gaps and lengths are LEB128 varints: a value and the gap before it usually take one
/// byte each, so a generated contact's record is about 21 bytes. A record is at most `maximumCount` bytes;
/// a contact whose record would be longer gets an empty one, and `StoredFields` scans its JSON
/// instead.
enum FieldSpans {
    /// The longest record kept.
    static let maximumCount = 0x7FFF

    /// The record of stored JSON; empty when it would be longer than `maximumCount`.
    static func record(_ json: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        // The values come in the record's order: name, username, emails, phones, custom fields.
        var items: [StoredFields.Item] = []
        items.reserveCapacity(16)
        var fields = StoredFields(json, record: UnsafeBufferPointer(start: nil, count: 0))
        while let item = fields.next() { items.append(item) }
        var out: [UInt8] = [0]
        out.reserveCapacity(8 + 2 * items.count)
        var end = 0
        func put(_ span: StoredFields.Span) {
            let gap = span.range.lowerBound - end
            putVarint(UInt64(bitPattern: Int64((gap << 1) ^ (gap >> 63))), &out)
            putVarint(UInt64(span.range.count) << 1 | (span.isEscaped ? 1 : 0), &out)
            end = span.range.upperBound
        }
        var next = 0
        for (flag, field) in [(UInt8(1), StoredFields.Field.name), (2, .username)] where next < items.count && items[next].field == field {
            out[0] |= flag
            put(items[next].value)
            next += 1
        }
        for field in [StoredFields.Field.email, .phone, .customField] {
            var last = next
            while last < items.count, items[last].field == field { last += 1 }
            putVarint(UInt64(last - next), &out)
            for item in items[next..<last] {
                if let key = item.key { put(key) }
                put(item.value)
            }
            next = last
        }
        return out.count > maximumCount ? [] : out
    }

    private static func putVarint(_ value: UInt64, _ out: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
    }

    /// Reads a record's values in order; stops at the first span outside the JSON or the record.
    struct Reader {
        private let record: UnsafeBufferPointer<UInt8>
        private let jsonCount: Int
        private var i = 1
        private var end = 0
        private var step = 0
        /// Values left in the current list, or -1 before its count is read.
        private var remaining = -1

        init(_ record: UnsafeBufferPointer<UInt8>, jsonCount: Int) {
            self.record = record
            self.jsonCount = jsonCount
        }

        /// The next value, or nil after the last.
        mutating func next() -> StoredFields.Item? {
            while step < 5 {
                if step < 2 {
                    let field = step == 0 ? StoredFields.Field.name : .username
                    step += 1
                    guard record[0] & (field == .name ? 1 : 2) != 0 else { continue }
                    guard let value = span() else { return stop() }
                    return StoredFields.Item(field: field, value: value)
                }
                if remaining < 0 {
                    guard let count = varint(), count <= UInt64(record.count) else { return stop() }
                    remaining = Int(count)
                }
                guard remaining > 0 else {
                    (step, remaining) = (step + 1, -1)
                    continue
                }
                remaining -= 1
                switch step {
                case 2, 3:
                    guard let value = span() else { return stop() }
                    return StoredFields.Item(field: step == 2 ? .email : .phone, value: value)
                default:
                    guard let key = span(), let value = span() else { return stop() }
                    return StoredFields.Item(field: .customField, key: key, value: value)
                }
            }
            return nil
        }

        private mutating func stop() -> StoredFields.Item? {
            step = 5
            return nil
        }

        /// The next varint, or nil when the record ends inside it or it has over 35 bits.
        private mutating func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while i < record.count, shift < 35 {
                let byte = record[i]
                i += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
            return nil
        }

        private mutating func span() -> StoredFields.Span? {
            guard let zigzag = varint(), let length = varint() else { return nil }
            let start = end + (Int(zigzag >> 1) ^ -Int(zigzag & 1))
            let stop = start + Int(length >> 1)
            guard start >= 0, stop <= jsonCount else { return nil }
            end = stop
            return StoredFields.Span(range: start..<stop, isEscaped: length & 1 != 0)
        }
    }
}
