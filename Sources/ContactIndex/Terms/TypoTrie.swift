/// The keys that typos may match (no digit, no `@`), as a trie of their bytes, for the typo walk:
/// children are reached in one step instead of a search of the sorted keys.
///
/// Node 0 is the root. Each node has its byte, its first child, its next sibling and the term that
/// ends at it, -1 for none. Inserted nodes go where they fall; `compacted()` lays the nodes out
/// again so that the walk reads neighbours instead of a cache miss per node.
struct TypoTrie {
    private(set) var bytes: ContiguousArray<UInt8> = [0]
    private(set) var firstChild: ContiguousArray<Int32> = [-1]
    private(set) var nextSibling: ContiguousArray<Int32> = [-1]
    private(set) var terms: ContiguousArray<Int32> = [-1]

    /// Number of nodes, the root included.
    var count: Int { bytes.count }

    /// Bytes held, for memory estimates.
    var memoryBytes: Int { bytes.capacity + (firstChild.capacity + nextSibling.capacity + terms.capacity) * 4 }

    /// Adds a key and the term it names.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, term: UInt32) {
        var node: Int32 = 0
        for byte in key {
            var child = firstChild[Int(node)]
            while child >= 0 && bytes[Int(child)] != byte { child = nextSibling[Int(child)] }
            if child < 0 {
                child = Int32(bytes.count)
                bytes.append(byte)
                firstChild.append(-1)
                nextSibling.append(firstChild[Int(node)])
                terms.append(-1)
                firstChild[Int(node)] = child
            }
            node = child
        }
        terms[Int(node)] = Int32(term)
    }

    /// Calls `body` with the term of every node of the subtree at `node`, itself included.
    func forEachTerm(under node: Int32, _ body: (UInt32) -> Void) {
        var stack: [Int32] = [node]
        while let next = stack.popLast() {
            if terms[Int(next)] >= 0 { body(UInt32(terms[Int(next)])) }
            var child = firstChild[Int(next)]
            while child >= 0 {
                stack.append(child)
                child = nextSibling[Int(child)]
            }
        }
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
        trie.terms[0] = terms[0]
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
                trie.bytes.append(bytes[Int(child)])
                trie.firstChild.append(-1)
                trie.nextSibling.append(i + 1 < children.count ? first + Int32(i) + 1 : -1)
                trie.terms.append(terms[Int(child)])
            }
            for (i, child) in children.enumerated().reversed() { stack.append((child, first + Int32(i))) }
        }
        return trie
    }
}
