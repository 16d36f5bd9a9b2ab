/// Maps items on the caller's thread and a helper thread, results in order (see `ChunkedWork`):
/// at most `chunk` items at a time are claimed, so that neither waits long for the other.
func concurrentMap<T: Sendable, R: Sendable>(_ items: [T], chunk: Int = 16, _ transform: @escaping @Sendable (T) -> R) -> [R] {
    guard items.count > chunk else { return items.map(transform) }
    let work = ChunkedWork(count: items.count, chunk: chunk) { transform(items[$0]) }
    work.startHelper()
    return work.results()
}
