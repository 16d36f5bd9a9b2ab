/// Writes made while a rebuild runs, replayed onto the new index before it is swapped in.
final class PendingWrites<Record: Sendable>: @unchecked Sendable {
    enum Operation {
        case upsert(Record)
        case delete(String)
    }

    private let lock = Lock()
    private var operations: [Operation]?

    /// Starts recording.
    func start() { lock.withLock { operations = [] } }

    /// Records a write when recording.
    func record(_ operation: Operation) {
        lock.withLock { operations?.append(operation) }
    }

    /// Gives what was recorded since the start or the last call, and goes on recording.
    func drain() -> [Operation] {
        lock.withLock {
            defer { if operations != nil { operations = [] } }
            return operations ?? []
        }
    }

    /// Applies recorded operations, in the order they were made.
    static func replay(_ operations: [Operation], upsert: (Record) -> Void, delete: (String) -> Void) {
        for operation in operations {
            switch operation {
            case .upsert(let record): upsert(record)
            case .delete(let id): delete(id)
            }
        }
    }

    /// Stops recording and gives what was recorded.
    func stop() -> [Operation] {
        lock.withLock {
            defer { operations = nil }
            return operations ?? []
        }
    }
}
