import ContactIndex
import Glibc

/// A blocking client of protocol v1, for the command line: send request lines, read response
/// lines.
final class LineClient {
    private let fd: Int32
    private var reader: LineReader

    /// Connects to `HOST:PORT` (IPv4, `[IPv6]` or `localhost`).
    init(_ address: String) throws(UsageError) {
        guard let colon = address.lastIndex(of: ":"), let port = UInt16(address[address.index(after: colon)...]) else {
            throw UsageError("--connect takes HOST:PORT, such as 127.0.0.1:7420")
        }
        var host = String(address[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard let target = SocketAddress(host: host, port: port) else {
            throw UsageError("--connect takes an IP address or localhost, not '\(host)'")
        }
        let fd = target.streamSocket()
        guard fd >= 0, target.withSockaddr({ connect(fd, $0, $1) }) == 0 else {
            let reason = String(cString: strerror(errno))
            if fd >= 0 { close(fd) }
            throw UsageError("cannot connect to \(address): \(reason)")
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        self.fd = fd
        reader = LineReader(fd: fd)
    }

    deinit { close(fd) }

    /// Sends request lines (LF added to each).
    func send(_ lines: [[UInt8]]) throws(UsageError) {
        var bytes: [UInt8] = []
        for line in lines {
            bytes += line
            bytes.append(0x0A)
        }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + done, $0.count - done, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw UsageError("the server closed the connection: \(String(cString: strerror(errno)))") }
            done += n
        }
    }

    /// The next response line, parsed.
    func receive() throws(UsageError) -> JSONValue {
        guard let line = reader.next() else { throw UsageError("the server closed the connection") }
        do {
            return try JSONParser.parse(line)
        } catch {
            throw UsageError("the server sent a line that is not JSON: \(error)")
        }
    }

    /// Sends one request and reads its response.
    func request(_ line: String) throws(UsageError) -> JSONValue {
        try send([Array(line.utf8)])
        return try receive()
    }

    /// The message of a failed response, or nil when it succeeded.
    static func failure(_ response: JSONValue) -> String? {
        guard response["ok"]?.boolValue != true else { return nil }
        let code = response["error"]?["code"]?.stringValue ?? "error"
        return "\(code): \(response["error"]?["message"]?.stringValue ?? "")"
    }
}
