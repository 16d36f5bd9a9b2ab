import ContactIndex

/// The options shared by the commands that open a data folder.
enum StoreArguments {
    static let valued: Set<String> = ["data", "default-region", "fsync"]
    static let switches: Set<String> = ["repair"]
    static let defaultFolder = "contact-index-data"

    static let usage = """
          --data DIR             the data folder, created when missing (default ./\(defaultFolder))
          --default-region CC    region of phone numbers without a country code (default BR)
          --fsync POLICY         always (default: on disk before each reply), everysec (up to a
                                 second of replies lost if the machine crashes), no (the OS decides)
          --repair               start from damaged files, keeping what can be read
        """

    /// Store options from the arguments.
    static func options(_ args: Arguments) throws(UsageError) -> StoreOptions {
        var options = StoreOptions(defaultRegion: args["default-region"] ?? "BR")
        if let name = args["fsync"] {
            guard let policy = FsyncPolicy(rawValue: name) else { throw UsageError("--fsync takes always, everysec or no") }
            options.fsync = policy
        }
        options.repair = args.has("repair")
        options.log = { ServerLog.warning($0) }
        return options
    }

    /// Opens the store of the arguments' data folder, logging what was recovered.
    /// - Throws: `OpenError` with the store's message when it cannot open.
    static func open(_ args: Arguments, options: StoreOptions) throws(ContactIndexError) -> ContactStore {
        let store = try ContactStore(folder: args["data"] ?? defaultFolder, options: options)
        let report = store.recovery
        for warning in report.warnings { ServerLog.warning(warning) }
        for dropped in report.dropped { ServerLog.warning("repair: \(dropped)") }
        ServerLog.info("\(store.path): \(report)")
        return store
    }
}
