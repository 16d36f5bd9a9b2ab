import ContactGenerator
import ContactIndex
import Foundation
import Glibc

/// `contact-index serve`: runs the server on a data folder until SIGINT or SIGTERM.
enum ServeCommand {
    static let usage = """
        Usage: contact-index serve [--host H] [--port P] [--data DIR] [--demo N] [options]

        Serves protocol v1 (docs/PROTOCOL.md) on a data folder. SIGINT or SIGTERM stops
        accepting, finishes the requests in flight, takes a snapshot and exits 0.

        Options:
          --host H               address to listen on (default 127.0.0.1)
          --port P               port, 0 for any free one (default 7420)
        \(StoreArguments.usage)
          --demo N               load N generated contacts when the folder is empty (1 to 1,000,000)
          --seed S               seed of the generated contacts (default \(ContactGenerator.defaultSeed))
          --token-file F         tokens, lines `read <token>` or `write <token>` (mode 600)
          --insecure             allow a non-loopback --host without --token-file
          --max-connections N    connections at once (default 1024)
          --max-line-bytes N     longest request line (default 1048576)
          --idle-timeout S       seconds before an idle connection closes (default 300)
          --max-unread-bytes N   unread responses before a client is dropped (default 8388608)
          --snapshot-every N     snapshot after N writes (default 100000; 0 never)
          --snapshot-seconds S   snapshot S seconds after a write (default 300; 0 never)
          --help                 show this help
        """

    static func run(_ arguments: [String]) throws(UsageError) -> Int32 {
        let args = try Arguments(
            arguments,
            valued: StoreArguments.valued.union([
                "host", "port", "demo", "seed", "token-file", "max-connections", "max-line-bytes", "idle-timeout",
                "max-unread-bytes", "snapshot-every", "snapshot-seconds",
            ]),
            switches: StoreArguments.switches.union(["insecure"]))
        if args.has("help") {
            print(usage)
            return 0
        }
        guard args.positionals.isEmpty else { throw UsageError("serve takes no positional argument") }
        var configuration = ServerConfiguration()
        configuration.host = args["host"] ?? configuration.host
        configuration.port = try args.int("port", default: configuration.port, in: 0...65535)
        configuration.maximumConnections = try args.int("max-connections", default: configuration.maximumConnections, in: 1...100_000)
        configuration.maximumLineBytes = try args.int("max-line-bytes", default: configuration.maximumLineBytes, in: 1024...(64 << 20))
        configuration.maximumUnreadBytes = try args.int("max-unread-bytes", default: configuration.maximumUnreadBytes, in: 65536...(1 << 30))
        configuration.idleTimeoutSeconds = Double(try args.int("idle-timeout", default: 300, in: 1...86_400))
        configuration.insecure = args.has("insecure")
        if let path = args["token-file"] { configuration.tokens = try TokenFile(path: path) }
        var options = try StoreArguments.options(args)
        options.snapshotAfterMutations = try args.int("snapshot-every", default: options.snapshotAfterMutations, in: 0...Int(Int32.max))
        options.snapshotAfterSeconds = Double(try args.int("snapshot-seconds", default: Int(options.snapshotAfterSeconds), in: 0...86_400 * 7))
        let demo = try args["demo"].map { _ throws(UsageError) in try args.int("demo", default: 0, in: 1...1_000_000) }
        guard let seed = UInt64(args["seed"] ?? String(ContactGenerator.defaultSeed)) else {
            throw UsageError("--seed takes a whole number")
        }

        let store: ContactStore
        do {
            store = try StoreArguments.open(args, options: options)
            if let demo { try loadDemo(demo, seed: seed, into: store) }
        } catch {
            ServerLog.error(error.description)
            return 1
        }
        let server: Server
        do {
            server = try Server(store: store, configuration: configuration)
        } catch {
            ServerLog.error(error.message)
            try? store.close(snapshot: false)
            return 1
        }
        // The signal handler writes to the server's stop pipe until the process ends: the
        // server, which closes it, must outlive the final snapshot.
        defer { withExtendedLifetime(server) {} }
        let files = FileLimit.raise(to: configuration.maximumConnections + 64)
        if files < configuration.maximumConnections + 64 {
            ServerLog.warning("the open-file limit is \(files): fewer than \(configuration.maximumConnections) connections can be served")
        }
        SignalHandling.install(stopPipe: server.stopFileDescriptor)
        Thread {
            let started = Clock.now
            store.warmUp()
            ServerLog.info("warmed up the first keystrokes' prefixes in \(Int(Clock.seconds(since: started) * 1000)) ms")
        }.start()
        server.run()
        do {
            try store.close()
            ServerLog.info("snapshot taken; bye")
            return 0
        } catch {
            ServerLog.error("the final snapshot failed: \(error); the log keeps every write")
            return 1
        }
    }

    /// Loads generated contacts into an empty store and makes their custom fields searchable.
    private static func loadDemo(_ count: Int, seed: UInt64, into store: ContactStore) throws(ContactIndexError) {
        guard store.stats().contacts == 0 else {
            ServerLog.info("the data folder holds contacts already; --demo loads nothing")
            return
        }
        let started = Clock.now
        for (key, definition) in DemoData.schema.fields.sorted(by: { $0.key < $1.key }) {
            try store.setField(key, definition)
        }
        try DemoData.load(count, seed: seed, into: store)
        ServerLog.info("loaded \(count) demo contacts in \(Int(Clock.seconds(since: started) * 1000)) ms")
    }
}

/// SIGINT and SIGTERM write to the server's stop pipe; SIGPIPE is ignored. The two signals are
/// unblocked too, since a parent may have started the process with them blocked.
enum SignalHandling {
    nonisolated(unsafe) private static var stopPipe: Int32 = -1

    static func install(stopPipe fd: Int32) {
        stopPipe = fd
        signal(SIGPIPE, SIG_IGN)
        let handler: @convention(c) (Int32) -> Void = { _ in
            var byte: UInt8 = 1
            _ = write(SignalHandling.stopPipe, &byte, 1)
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &set, nil)
    }
}
