import ContactIndex
import Glibc

/// A raw protocol client for tests: sends any bytes, reads response lines with a timeout so that
/// a hung server fails the test instead of hanging it.
final class TestClient {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int, timeoutSeconds: Int = 20) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TestFailure("cannot connect to port \(port): \(String(cString: strerror(errno)))") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    private var open = true

    deinit { disconnect() }

    /// Closes the socket, once: closing a number twice could close another test's socket.
    func disconnect() {
        guard open else { return }
        open = false
        close(fd)
    }

    /// Sends bytes as they are.
    func sendRaw(_ bytes: [UInt8]) throws {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + done, $0.count - done, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw TestFailure("send failed: \(String(cString: strerror(errno)))") }
            done += n
        }
    }

    /// Sends request lines, each followed by LF.
    func send(_ lines: String...) throws {
        try sendRaw(Array(lines.map { $0 + "\n" }.joined().utf8))
    }

    /// The next response line as bytes, or nil when the server closed the connection.
    func readLine() throws -> [UInt8]? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[..<newline])
                buffer.removeFirst(newline + 1)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return nil }
            if n < 0 {
                if errno == ECONNRESET { return nil }
                throw TestFailure("no response: \(String(cString: strerror(errno)))")
            }
            buffer += chunk[..<n]
        }
    }

    /// The next response, parsed.
    func receive() throws -> JSONValue {
        guard let line = try readLine() else { throw TestFailure("the server closed the connection") }
        return try JSONParser.parse(line)
    }

    /// Sends one request line and reads its response.
    func call(_ line: String) throws -> JSONValue {
        try send(line)
        return try receive()
    }

    /// Whether the server closed the connection (after any lines still unread).
    func isClosedByServer() throws -> Bool {
        while let _ = try readLine() {}
        return true
    }
}

/// A failure of the test machinery itself.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension JSONValue {
    /// The error code of a failed response.
    var errorCode: String? { self["error"]?["code"]?.stringValue }
}
