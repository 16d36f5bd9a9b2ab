/// Where a contact's searchable values lie in its stored JSON, found once when the contact is
/// stored, so that highlighting a hit reads its values without scanning the JSON again.
///
///     record = flags(1) [name] [username] count(1) email* count(1) phone* count(1) (key value)*
///     span   = start(2, or 4 with the wide flag) length(2: 15 bits, the top bit set when escaped)
///     flags  = 1: has a name, 2: has a username, 4: wide starts
///
/// Numbers are little endian. A contact whose values do not fit (a span longer than 32,767
/// bytes, more than 255 values of a kind) gets an empty record, and `StoredFields` scans its
/// JSON instead.
enum FieldSpans {
    /// The record of stored JSON; empty when its values do not fit one.
    static func record(_ json: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var items: [StoredFields.Item] = []
        var fields = StoredFields(json, record: UnsafeBufferPointer(start: nil, count: 0))
        while let item = fields.next() { items.append(item) }
        let wide = json.count > Int(UInt16.max)
        var out: [UInt8] = [0]
        func put(_ span: StoredFields.Span) -> Bool {
            guard span.range.count <= 0x7FFF else { return false }
            let start = span.range.lowerBound
            out.append(UInt8(truncatingIfNeeded: start))
            out.append(UInt8(truncatingIfNeeded: start >> 8))
            if wide {
                out.append(UInt8(truncatingIfNeeded: start >> 16))
                out.append(UInt8(truncatingIfNeeded: start >> 24))
            }
            let length = span.range.count | (span.isEscaped ? 0x8000 : 0)
            out.append(UInt8(truncatingIfNeeded: length))
            out.append(UInt8(truncatingIfNeeded: length >> 8))
            return true
        }
        out[0] = wide ? 4 : 0
        for (flag, field) in [(UInt8(1), StoredFields.Field.name), (2, .username)] {
            guard let item = items.first(where: { $0.field == field }) else { continue }
            out[0] |= flag
            guard put(item.value) else { return [] }
        }
        for field in [StoredFields.Field.email, .phone, .customField] {
            let list = items.filter { $0.field == field }
            guard list.count <= 255 else { return [] }
            out.append(UInt8(list.count))
            for item in list {
                if let key = item.key, !put(key) { return [] }
                guard put(item.value) else { return [] }
            }
        }
        return out
    }

    /// Reads a record's values in order; stops at the first span outside the JSON.
    struct Reader {
        private let record: UnsafeBufferPointer<UInt8>
        private let jsonCount: Int
        private let startWidth: Int
        private var i = 1
        private var step = 0
        /// Values left in the current list, or -1 before its count is read.
        private var remaining = -1

        init(_ record: UnsafeBufferPointer<UInt8>, jsonCount: Int) {
            self.record = record
            self.jsonCount = jsonCount
            startWidth = record[0] & 4 != 0 ? 4 : 2
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
                    guard i < record.count else { return stop() }
                    remaining = Int(record[i])
                    i += 1
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

        private mutating func span() -> StoredFields.Span? {
            guard i + startWidth + 2 <= record.count else { return nil }
            var start = Int(record[i]) | Int(record[i + 1]) << 8
            if startWidth == 4 { start |= Int(record[i + 2]) << 16 | Int(record[i + 3]) << 24 }
            let length = Int(record[i + startWidth]) | Int(record[i + startWidth + 1]) << 8
            i += startWidth + 2
            let end = start + (length & 0x7FFF)
            guard end <= jsonCount else { return nil }
            return StoredFields.Span(range: start..<end, isEscaped: length & 0x8000 != 0)
        }
    }
}
