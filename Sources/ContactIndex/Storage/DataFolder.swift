import Glibc

/// The files of a data folder: log segments `log-<n>.cilog` and snapshots `snapshot-<n>.cisnap`,
/// where snapshot n holds every mutation of the segments before n.
struct DataFolder: Sendable {
    /// The folder's path.
    let path: String

    func segmentPath(_ n: UInt64) -> String { path + "/" + Self.name("log-", n, ".cilog") }
    func snapshotPath(_ n: UInt64) -> String { path + "/" + Self.name("snapshot-", n, ".cisnap") }
    var lockPath: String { path + "/LOCK" }

    /// Creates the folder when missing.
    func create() throws(ContactIndexError) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw DataFile.failure("cannot create the data folder", path)
        }
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw .storageError("\(path) is not a folder")
        }
    }

    /// Numbers of the log segments, ascending.
    func segments() throws(ContactIndexError) -> [UInt64] { try numbers("log-", ".cilog") }

    /// Numbers of the snapshots, ascending.
    func snapshots() throws(ContactIndexError) -> [UInt64] { try numbers("snapshot-", ".cisnap") }

    /// Flushes the folder's entries (creations, renames, removals) to disk.
    func sync() throws(ContactIndexError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw DataFile.failure("cannot open the data folder", path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw DataFile.failure("cannot sync the data folder", path) }
    }

    /// Removes a file; a missing file is not an error.
    func remove(_ file: String) throws(ContactIndexError) {
        if unlink(file) != 0 && errno != ENOENT { throw DataFile.failure("cannot remove", file) }
    }

    /// Renames `from` over `to`.
    func rename(_ from: String, to: String) throws(ContactIndexError) {
        guard Glibc.rename(from, to) == 0 else { throw DataFile.failure("cannot rename \(from) to", to) }
    }

    private func numbers(_ prefix: String, _ suffix: String) throws(ContactIndexError) -> [UInt64] {
        guard let dir = opendir(path) else { throw DataFile.failure("cannot list the data folder", path) }
        defer { closedir(dir) }
        var found: [UInt64] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { continue }
            if let n = UInt64(name.dropFirst(prefix.count).dropLast(suffix.count)) { found.append(n) }
        }
        return found.sorted()
    }

    private static func name(_ prefix: String, _ n: UInt64, _ suffix: String) -> String {
        let digits = String(n)
        return prefix + String(repeating: "0", count: max(0, 8 - digits.count)) + digits + suffix
    }
}
