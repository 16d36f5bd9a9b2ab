import Glibc

/// A blocking protocol client for the loopback benchmark: write lines, read lines.
final class BenchClient: @unchecked Sendable {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    init?(port: Int) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close(fd) }

    /// Writes bytes fully.
    func write(_ bytes: [UInt8]) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + done, $0.count - done, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { fatalError("the server closed the connection") }
            done += n
        }
    }

    /// Reads one response line; true when it starts with `{"ok":true`.
    @discardableResult
    func readLine() -> Bool {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let ok = buffer[start...].starts(with: #"{"ok":true"#.utf8)
                start = newline + 1
                if start == buffer.count {
                    buffer.removeAll(keepingCapacity: true)
                    start = 0
                }
                return ok
            }
            if start > 0 {
                buffer.removeFirst(start)
                start = 0
            }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { fatalError("the server closed the connection") }
            buffer += chunk[..<n]
        }
    }
}
