/// Names (agents, tags, channels, …) interned as small numbers, from 1; 0 stands for none.
struct NameTable {
    private(set) var ids: [String: UInt32] = [:]
    /// The names by number, from 1.
    private var names: [String] = []

    init() {}

    /// A table read back from its numbers by name; nil unless they run from 1 without a gap.
    init?(ids: [String: UInt32]) {
        guard Set(ids.values) == Set((0..<ids.count).map { UInt32($0 + 1) }) else { return nil }
        var names = [String](repeating: "", count: ids.count)
        for (name, id) in ids { names[Int(id) - 1] = name }
        (self.ids, self.names) = (ids, names)
    }

    /// The number of a name, given one when new.
    mutating func intern(_ name: String) -> UInt32 {
        if let id = ids[name] { return id }
        names.append(name)
        let id = UInt32(names.count)
        ids[name] = id
        return id
    }

    /// The number of a known name.
    func id(_ name: String) -> UInt32? { ids[name] }

    /// The name of a number given by `intern`.
    func name(_ id: UInt32) -> String { names[Int(id) - 1] }

    /// Bytes held, for memory estimates.
    var memoryBytes: Int { ids.reduce(0) { $0 + 64 + $1.key.utf8.count } }
}
