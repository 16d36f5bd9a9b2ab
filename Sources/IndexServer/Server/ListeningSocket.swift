import Glibc

/// A TCP socket listening on an IPv4 or IPv6 address.
struct ListeningSocket {
    let fd: Int32
    /// The port bound, which the system chose when 0 was asked.
    let port: Int

    /// Binds and listens.
    /// - Throws: a message naming the address and the system's reason.
    init(host: String, port: Int) throws(UsageError) {
        guard (0...65535).contains(port) else { throw UsageError("--port takes 0 to 65535") }
        guard let address = SocketAddress(host: host, port: UInt16(port)) else {
            throw UsageError("--host takes an IPv4 or IPv6 address or localhost, not '\(host)'")
        }
        let fd = address.streamSocket()
        guard fd >= 0 else { throw UsageError("cannot create a socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = address.withSockaddr { bind(fd, $0, $1) }
        guard bound == 0, listen(fd, 1024) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw UsageError("cannot listen on \(host):\(port): \(reason)")
        }
        self.fd = fd
        self.port = SocketAddress.boundPort(of: fd)
    }
}
