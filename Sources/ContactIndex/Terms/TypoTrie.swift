import Tokenizer

/// The keys that typos may match (no digit, no `@`), as a trie of their bytes, for the typo walk:
/// children are reached in one step instead of a search of the sorted keys.
///
/// Node 0 is the root. Each node has its byte, its first child, its next sibling and the term that
/// ends at it, -1 for none. Inserted nodes go where they fall; `compacted()` lays the nodes out
/// again so that the walk reads neighbours instead of a cache miss per node.
///
/// Nodes may be marked (`mark(keyWithDigits:)`) where a key with a digit, left out of the trie,
/// may leave it: a subtree without a mark holds every key of the dictionary that starts with its
/// path, but keys with `@` (see `termsUnder(_:limit:into:stack:)`).
struct TypoTrie {
    private(set) var bytes: ContiguousArray<UInt8> = [0]
    private(set) var firstChild: ContiguousArray<Int32> = [-1]
    private(set) var nextSibling: ContiguousArray<Int32> = [-1]
    private(set) var terms: ContiguousArray<Int32> = [-1]
    /// A bit per node: marked.
    private var marks: ContiguousArray<UInt64> = [0]

    /// Number of nodes, the root included.
    var count: Int { bytes.count }

    /// Bytes held, for memory estimates.
    var memoryBytes: Int { bytes.capacity + (firstChild.capacity + nextSibling.capacity + terms.capacity) * 4 + marks.capacity * 8 }

    /// Adds a key and the term it names.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, term: UInt32) {
        var node: Int32 = 0
        for byte in key {
            var child = firstChild[Int(node)]
            while child >= 0 && bytes[Int(child)] != byte { child = nextSibling[Int(child)] }
            if child < 0 {
                child = append(byte: byte, term: -1, marked: isMarked(node))
                nextSibling[Int(child)] = firstChild[Int(node)]
                firstChild[Int(node)] = child
            }
            node = child
        }
        terms[Int(node)] = Int32(term)
    }

    /// Appends a node without links; a node made below a marked one is marked too, since a key
    /// with digits that passed through the parent may go on through it.
    private mutating func append(byte: UInt8, term: Int32, marked: Bool) -> Int32 {
        let node = Int32(bytes.count)
        bytes.append(byte)
        firstChild.append(-1)
        nextSibling.append(-1)
        terms.append(term)
        if Int(node) >> 6 == marks.count { marks.append(0) }
        if marked { marks[Int(node) >> 6] |= 1 << UInt64(node & 63) }
        return node
    }

    /// Whether a node is marked.
    @inline(__always)
    func isMarked(_ node: Int32) -> Bool {
        marks[Int(node) >> 6] & 1 << UInt64(node & 63) != 0
    }

    /// Marks the deepest node on the path of a key's bytes before its first digit, for a key
    /// that holds a digit and no `@` and is therefore not in the trie. A node made below a marked
    /// one afterwards is marked too (`insert`), so that the deepest node the key's path reaches
    /// stays marked as the trie grows.
    mutating func mark(keyWithDigits key: UnsafeBufferPointer<UInt8>) {
        // A key starting with a digit lies under no node's path.
        guard let first = key.first, first &- 0x30 >= 10 else { return }
        var node: Int32 = 0
        for byte in key {
            if byte &- 0x30 < 10 { break }
            var child = firstChild[Int(node)]
            while child >= 0 && bytes[Int(child)] != byte { child = nextSibling[Int(child)] }
            guard child >= 0 else { break }
            node = child
        }
        marks[Int(node) >> 6] |= 1 << UInt64(node & 63)
    }

    /// Removes every mark.
    mutating func removeMarks() {
        for i in marks.indices { marks[i] = 0 }
    }

    /// The subtree at `node` read for the keys starting with its path: appends the term of each
    /// of its nodes, itself included, and returns true; false when a node of it is marked, or
    /// when it has more than `limit` terms (`terms` then holds some of them). `stack` is scratch
    /// space, passed to save an allocation per subtree.
    ///
    /// Keys with `@` are left out of the trie and are not marked: for a path made of word
    /// characters only (`isWordPath`), a key with `@` that starts with it (a whole email address,
    /// a username like `ana.lima@acme`) belongs to a document that has, in the same field and
    /// at the same position, a key that starts with it too (the address's first piece of local
    /// part, the username's first word), which either is in the subtree or holds a digit and
    /// marks it. The documents the subtree matches, and how well, are the same without it.
    func termsUnder(_ node: Int32, limit: Int, into found: inout [UInt32], stack: inout [Int32]) -> Bool {
        forEachNode(under: node, stack: &stack) { next in
            if isMarked(next) { return false }
            if terms[Int(next)] >= 0 {
                guard found.count < limit else { return false }
                found.append(UInt32(terms[Int(next)]))
            }
            return true
        }
    }

    /// Whether a path (folded bytes) is made of word characters only, letters but no separator,
    /// joiner or CJK character: the paths whose subtrees `termsUnder` reads.
    static func isWordPath(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        var ascii = true
        for byte in path {
            if byte >= 0x80 {
                ascii = false
            } else if byte &- UInt8(ascii: "a") >= 26 {
                return false
            }
        }
        return ascii || String(decoding: path, as: UTF8.self).unicodeScalars.allSatisfy { TextFolding.scalarClass($0) == .word }
    }

    /// Calls `body` with the term of every node of the subtree at `node`, itself included.
    func forEachTerm(under node: Int32, _ body: (UInt32) -> Void) {
        var stack: [Int32] = []
        forEachNode(under: node, stack: &stack) { next in
            if terms[Int(next)] >= 0 { body(UInt32(terms[Int(next)])) }
            return true
        }
    }

    /// Calls `body` with every node of the subtree at `node`, itself included, depth first,
    /// until it returns false; false when it did. `stack` is scratch space.
    @inline(__always)
    @discardableResult
    private func forEachNode(under node: Int32, stack: inout [Int32], _ body: (Int32) -> Bool) -> Bool {
        stack.removeAll(keepingCapacity: true)
        stack.append(node)
        while let next = stack.popLast() {
            guard body(next) else { return false }
            var child = firstChild[Int(next)]
            while child >= 0 {
                stack.append(child)
                child = nextSibling[Int(child)]
            }
        }
        return true
    }

    /// The same trie with each node's children side by side in byte order, a node's block of
    /// children allocated when the node is reached depth first: siblings share cache lines, and a
    /// small subtree lies in one stretch of each array.
    func compacted() -> TypoTrie {
        var trie = TypoTrie()
        trie.bytes.reserveCapacity(count)
        trie.firstChild.reserveCapacity(count)
        trie.nextSibling.reserveCapacity(count)
        trie.terms.reserveCapacity(count)
        trie.marks.reserveCapacity(marks.count)
        trie.terms[0] = terms[0]
        trie.marks[0] = marks[0] & 1
        var stack: [(old: Int32, new: Int32)] = [(0, 0)]
        var children: [Int32] = []
        while let (old, new) = stack.popLast() {
            children.removeAll(keepingCapacity: true)
            var child = firstChild[Int(old)]
            while child >= 0 {
                children.append(child)
                child = nextSibling[Int(child)]
            }
            guard !children.isEmpty else { continue }
            children.sort { bytes[Int($0)] < bytes[Int($1)] }
            let first = Int32(trie.count)
            trie.firstChild[Int(new)] = first
            for (i, child) in children.enumerated() {
                let node = trie.append(byte: bytes[Int(child)], term: terms[Int(child)], marked: isMarked(child))
                trie.nextSibling[Int(node)] = i + 1 < children.count ? first + Int32(i) + 1 : -1
            }
            for (i, child) in children.enumerated().reversed() { stack.append((child, first + Int32(i))) }
        }
        return trie
    }
}
