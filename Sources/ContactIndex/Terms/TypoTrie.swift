/// The keys that typos may match (no digit, no `@`), as a trie of their bytes, for the typo walk:
/// children are reached in one step instead of a search of the sorted keys.
///
/// Node 0 is the root. Each node has its byte, its first child, its next sibling (siblings are in
/// no particular order) and the term that ends at it, -1 for none.
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
}
