/// Names (agents, tags, channels, …) interned as small numbers, from 1; 0 stands for none.
struct NameTable {
    private(set) var ids: [String: UInt32] = [:]

    /// The number of a name, given one when new.
    mutating func intern(_ name: String) -> UInt32 {
        if let id = ids[name] { return id }
        let id = UInt32(ids.count + 1)
        ids[name] = id
        return id
    }

    /// The number of a known name.
    func id(_ name: String) -> UInt32? { ids[name] }

    /// Bytes held, for memory estimates.
    var memoryBytes: Int { ids.reduce(0) { $0 + 48 + $1.key.utf8.count } }
}
