import Foundation
@testable import ContactIndex
@testable import IndexServer

/// A server running in the test process on an ephemeral loopback port, over a temporary data
/// folder.
final class TestServer: @unchecked Sendable {
    let folder: String
    let store: ContactStore
    let server: Server
    let faults = StorageFaults()
    private let finished = NSCondition()
    private var running = true

    var port: Int { server.port }

    init(configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
        var template = Array((NSTemporaryDirectory() + "/contact-index-server-XXXXXX").utf8CString)
        folder = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
        store = try ContactStore(
            folder: folder, options: StoreOptions(snapshotAfterMutations: 0, snapshotAfterSeconds: 0), faults: faults)
        var configuration = ServerConfiguration()
        configuration.port = 0
        configure(&configuration)
        server = try Server(store: store, configuration: configuration)
        let thread = Thread { [self] in
            server.run(drainSeconds: 5)
            finished.withLock {
                running = false
                finished.broadcast()
            }
        }
        thread.start()
    }

    func client() throws -> TestClient { try TestClient(port: port) }

    /// Stops the server, closes the store and removes the folder.
    func stop() {
        server.shutdown()
        finished.withLock {
            while running { finished.wait() }
        }
        try? store.close(snapshot: false)
        try? FileManager.default.removeItem(atPath: folder)
    }
}
