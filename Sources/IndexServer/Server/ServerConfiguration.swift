/// Where a server listens and the limits it enforces; each limit has a safe default.
struct ServerConfiguration {
    var host = "127.0.0.1"
    var port = 7420
    /// The longest request line, in bytes.
    var maximumLineBytes = 1 << 20
    /// Connections served at once; one more is answered `busy` and closed.
    var maximumConnections = 1024
    /// Seconds without a byte in either direction before a connection is closed.
    var idleTimeoutSeconds = 300.0
    /// Responses a client has not read, in bytes, past which it is disconnected.
    var maximumUnreadBytes = 8 << 20
    /// Tokens required by every verb but PING, AUTH and QUIT; nil for none.
    var tokens: TokenFile?
    /// Allows listening beyond loopback without tokens.
    var insecure = false

    /// Whether `host` names the loopback interface only.
    var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
