import ContactIndex
import Glibc

/// One client connection, served by its own thread: it reads request lines, answers them in
/// order, and writes the responses, never blocking on the client.
///
/// Pipelined writes read in one go share one flush of the log: their responses are sent once
/// the last of them is durable; consecutive `PUT`s among them are also parsed on every core and
/// indexed together. Only the connection's own thread touches it.
final class Connection: @unchecked Sendable {
    private let fd: Int32
    private let handler: RequestHandler
    private let configuration: ServerConfiguration
    private let stop: WakePipe
    private var session: RequestHandler.Session
    private var input: [UInt8] = []
    /// Where the next line starts in `input`.
    private var lineStart = 0
    private var output: [UInt8] = []
    private var sent = 0
    private var closing = false
    private var lastActivity = Clock.now

    init(fd: Int32, handler: RequestHandler, configuration: ServerConfiguration, stop: WakePipe) {
        self.fd = fd
        self.handler = handler
        self.configuration = configuration
        self.stop = stop
        session = handler.newSession
    }

    /// Serves the connection until the client leaves, QUIT, a limit, or the server stops; closes
    /// the socket.
    func run() {
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let pending = output.count - sent
            if closing && pending == 0 { return }
            var fds = [
                pollfd(fd: fd, events: Int16(closing ? 0 : POLLIN) | Int16(pending > 0 ? POLLOUT : 0), revents: 0),
                pollfd(fd: stop.readEnd, events: Int16(POLLIN), revents: 0),
            ]
            let idleLeft = configuration.idleTimeoutSeconds - Clock.seconds(since: lastActivity)
            guard idleLeft > 0 else { return }
            let timeout = hasWaitingRequest ? 0 : Int32(min(idleLeft * 1000, 1000)) + 1
            if poll(&fds, 2, timeout) < 0 && errno != EINTR { return }
            if fds[1].revents != 0 && !closing {
                closing = true
                continue
            }
            let events = Int32(fds[0].revents)
            if events & POLLOUT != 0 && !flush() { return }
            if events & (POLLIN | POLLHUP | POLLERR) != 0 && !closing {
                let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR) { return }
                if n > 0 {
                    lastActivity = Clock.now
                    input.append(contentsOf: buffer[..<n])
                    answerCompleteLines()
                    if !flush() { return }
                }
            } else if hasWaitingRequest {
                answerCompleteLines()
                if !flush() { return }
            }
            if output.count - sent > configuration.maximumUnreadBytes {
                ServerLog.warning("disconnected a client with more than \(configuration.maximumUnreadBytes) bytes of unread responses")
                return
            }
        }
    }

    /// Whether a complete request waits, held back while the client was not reading.
    private var hasWaitingRequest: Bool {
        !closing && output.count - sent <= configuration.maximumUnreadBytes && input[lineStart...].contains(0x0A)
    }

    /// Answers the complete lines in the input, in order, stopping once the unread responses pass
    /// the limit (the connection is then dropped); the replies of writes wait until the log is
    /// durable past the last of them.
    private func answerCompleteLines() {
        var replies: [RequestHandler.Reply] = []
        var durable: LogPosition?
        var unread = output.count - sent
        var puts: [ArraySlice<UInt8>] = []
        func add(_ reply: RequestHandler.Reply) {
            if let position = reply.position { durable = max(durable ?? position, position) }
            if reply.close { closing = true }
            unread += reply.bytes.count
            replies.append(reply)
        }
        func answerPuts() {
            guard !puts.isEmpty else { return }
            handler.handle(puts: puts).forEach(add)
            puts.removeAll(keepingCapacity: true)
        }
        while !closing, unread <= configuration.maximumUnreadBytes, let newline = input[lineStart...].firstIndex(of: 0x0A) {
            let line = input[lineStart..<newline]
            lineStart = newline + 1
            if let contact = handler.putArgument(line, session: session) {
                puts.append(contact)
                if puts.count == Self.maximumPutBatch { answerPuts() }
                continue
            }
            answerPuts()
            add(handler.handle(line, session: &session))
        }
        answerPuts()
        if !closing, input.count - lineStart > configuration.maximumLineBytes, !input[lineStart...].contains(0x0A) {
            replies.append(RequestHandler.Reply(bytes: Response.error(.lineTooLong(configuration.maximumLineBytes)), close: true))
            closing = true
        }
        input.removeFirst(lineStart)
        lineStart = 0
        var failure: ContactIndexError?
        if let durable {
            do {
                try handler.store.waitUntilDurable(durable)
            } catch {
                failure = error
                ServerLog.error("a write could not be made durable: \(error)")
            }
        }
        for reply in replies {
            if let failure, reply.position != nil {
                output += Response.error(ProtocolError(failure))
            } else {
                output += reply.bytes
            }
        }
    }

    /// Pipelined `PUT`s answered together, at most (see `RequestHandler.handle(puts:)`).
    private static let maximumPutBatch = 1024

    /// Sends what the socket takes now; false when the client is gone.
    private func flush() -> Bool {
        while sent < output.count {
            let n = output.withUnsafeBytes { send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EAGAIN || errno == EINTR { break }
                return false
            }
            sent += n
            lastActivity = Clock.now
        }
        if sent == output.count {
            output.removeAll(keepingCapacity: output.capacity <= 1 << 20)
            sent = 0
        } else if sent > 1 << 20 {
            output.removeFirst(sent)
            sent = 0
        }
        return true
    }
}
