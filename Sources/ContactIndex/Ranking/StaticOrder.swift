/// The order of documents whose rank keys are equal: most recent `lastChat` first, then name,
/// then id. Documents of the ranked part are numbered in that order, so two of them compare by
/// number without reading their columns.
struct StaticOrder {
    /// Documents below this number are numbered in the static order.
    let rankedEnd: UInt32
    let docs: DocumentTable

    /// Whether document `a` comes before `b`.
    @inline(__always)
    func before(_ a: UInt32, _ b: UInt32) -> Bool {
        a < rankedEnd && b < rankedEnd ? a < b : docs.staticOrder(a, b)
    }
}
