/// Exact lookup of contacts by identity key (an email's key, a phone's E.164 form).
///
/// Keys are kept as 64-bit hashes: a key maps to its first document, and the rare keys that
/// several contacts share keep the others apart. Callers check the documents found against
/// their stored values, so a hash collision can never return a wrong contact.
struct IdentityIndex {
    private var first: [UInt64: UInt32] = [:]
    private var others: [UInt64: [UInt32]] = [:]

    /// Bytes held, for memory estimates.
    var memoryBytes: Int { first.capacity * 24 + others.count * 64 }

    /// A key's hash: FNV-1a over its UTF-8 bytes, stable across runs.
    static func hash(_ key: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in key.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }

    mutating func insert(_ key: String, _ doc: UInt32) {
        let h = Self.hash(key)
        if first[h] == nil { first[h] = doc } else { others[h, default: []].append(doc) }
    }

    mutating func remove(_ key: String, _ doc: UInt32) {
        let h = Self.hash(key)
        if first[h] == doc {
            if var rest = others[h], !rest.isEmpty {
                first[h] = rest.removeFirst()
                others[h] = rest.isEmpty ? nil : rest
            } else {
                first[h] = nil
            }
        } else {
            others[h]?.removeAll { $0 == doc }
            if others[h]?.isEmpty == true { others[h] = nil }
        }
    }

    /// Documents that may hold the key.
    func candidates(_ key: String) -> [UInt32] {
        let h = Self.hash(key)
        guard let doc = first[h] else { return [] }
        var seen = Set<UInt32>()
        return ([doc] + (others[h] ?? [])).filter { seen.insert($0).inserted }
    }
}

extension IdentityIndex {
    /// Writes the lookup to a snapshot.
    func encode(_ out: SectionStream) throws(ContactIndexError) {
        try out.array(ContiguousArray(first.keys))
        try out.array(ContiguousArray(first.values))
        try out.array(ContiguousArray(others.keys))
        try out.lists(others.values.map { ContiguousArray($0) })
    }

    /// Reads a lookup written by `encode`.
    init?(decoding reader: inout ByteReader) {
        guard let firstKeys = reader.array(UInt64.self), let firstValues = reader.array(UInt32.self),
              let otherKeys = reader.array(UInt64.self), let otherValues = reader.lists(),
              firstKeys.count == firstValues.count, otherKeys.count == otherValues.count
        else { return nil }
        self.init()
        first.reserveCapacity(firstKeys.count)
        for (key, value) in zip(firstKeys, firstValues) { first[key] = value }
        for (key, values) in zip(otherKeys, otherValues) { others[key] = Array(values) }
    }
}
