import ContactIndex
import Foundation
import Glibc

/// The TCP server of protocol v1: one thread accepts, each connection has its own thread, and
/// writes go through the durable store.
final class Server: @unchecked Sendable {
    private let store: ContactStore
    private let configuration: ServerConfiguration
    private let socket: ListeningSocket
    private let stop = WakePipe()
    private let state = NSCondition()
    private var connections = 0
    private let started = Clock.now
    private var listening = true

    /// The port listened on.
    var port: Int { socket.port }

    /// The descriptors the server holds of its own: the listening socket's and the stop pipe's.
    var fileDescriptors: [Int32] { [socket.fd, stop.readEnd, stop.writeEnd] }

    /// Binds the address.
    /// - Throws: when the address cannot be bound, or is not loopback and the server has no
    ///   tokens without `insecure`.
    init(store: ContactStore, configuration: ServerConfiguration) throws(UsageError) {
        if configuration.tokens == nil && !configuration.isLoopback && !configuration.insecure {
            throw UsageError("listening on \(configuration.host) without --token-file needs --insecure")
        }
        self.store = store
        self.configuration = configuration
        socket = try ListeningSocket(host: configuration.host, port: configuration.port)
        if configuration.tokens == nil && !configuration.isLoopback {
            ServerLog.warning("listening on \(configuration.host) without tokens: anyone who can reach it can read and write")
        }
    }

    // Connection threads hold the server until they end, so nothing polls the pipe by now.
    deinit {
        if listening { close(socket.fd) }
        stop.close()
    }

    /// Stops accepting, lets connections finish their requests, and returns from `run`.
    /// Safe to call from a signal handler's pipe reader or any thread.
    func shutdown() { stop.signal() }

    /// The pipe that a signal handler writes to for a graceful stop.
    var stopFileDescriptor: Int32 { stop.writeEnd }

    /// Accepts connections until `shutdown`, then waits up to `drainSeconds` for open connections
    /// to finish.
    func run(drainSeconds: Double = 10) {
        ServerLog.info("listening on \(configuration.host):\(socket.port)")
        let handler = RequestHandler(store: store, tokens: configuration.tokens) { [self] in
            RequestHandler.ServerFigures(
                connections: state.withLock { connections }, uptimeSeconds: Int(Clock.seconds(since: started)))
        }
        while true {
            var fds = [
                pollfd(fd: socket.fd, events: Int16(POLLIN), revents: 0),
                pollfd(fd: stop.readEnd, events: Int16(POLLIN), revents: 0),
            ]
            if poll(&fds, 2, -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            if fds[1].revents != 0 { break }
            guard fds[0].revents != 0 else { continue }
            let client = accept(socket.fd, nil, nil)
            guard client >= 0 else { continue }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
            var one: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let admitted = state.withLock {
                guard connections < configuration.maximumConnections else { return false }
                connections += 1
                return true
            }
            guard admitted else {
                let line = Response.error(.busy("the server has \(configuration.maximumConnections) connections, its limit"))
                _ = line.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                close(client)
                continue
            }
            let connection = Connection(fd: client, handler: handler, configuration: configuration, stop: stop)
            let thread = Thread { [self] in
                connection.run()
                state.withLock {
                    connections -= 1
                    state.broadcast()
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        close(socket.fd)
        state.withLock { listening = false }
        ServerLog.info("stopped accepting; finishing the requests in flight")
        let deadline = Date(timeIntervalSinceNow: drainSeconds)
        state.withLock {
            while connections > 0 && state.wait(until: deadline) {}
        }
    }
}
