import Glibc

/// An open file of the data folder, through POSIX calls, reporting failures as
/// `ContactIndexError.storageError` naming the path and the system's reason.
final class DataFile: @unchecked Sendable {
    /// The file's path.
    let path: String
    private let fd: Int32
    private let faults: StorageFaults?

    private init(path: String, fd: Int32, faults: StorageFaults?) {
        self.path = path
        self.fd = fd
        self.faults = faults
    }

    deinit { close(fd) }

    /// Opens an existing file for reading and appending.
    static func open(_ path: String, faults: StorageFaults?) throws(ContactIndexError) -> DataFile {
        let fd = Glibc.open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw failure("cannot open", path) }
        return DataFile(path: path, fd: fd, faults: faults)
    }

    /// Creates a new empty file, replacing any file of that name.
    static func create(_ path: String, faults: StorageFaults?) throws(ContactIndexError) -> DataFile {
        if let code = faults?.createError { throw failure("cannot create", path, code: code) }
        let fd = Glibc.open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot create", path) }
        return DataFile(path: path, fd: fd, faults: faults)
    }

    /// The size in bytes.
    func size() throws(ContactIndexError) -> Int {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Self.failure("cannot read the size of", path) }
        return Int(info.st_size)
    }

    /// Writes all of `bytes` at `offset`.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(ContactIndexError) {
        var admitted = bytes.count
        var injected: Int32?
        if let faults { (admitted, injected) = faults.admit(bytes.count) }
        var done = 0
        while done < admitted {
            let n = pwrite(fd, bytes.baseAddress! + done, admitted - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.failure("cannot write", path)
            }
            done += n
        }
        if let injected { throw Self.failure("cannot write", path, code: injected) }
    }

    /// Writes all of `bytes` at `offset`.
    func write(_ bytes: [UInt8], at offset: Int) throws(ContactIndexError) {
        let outcome = bytes.withUnsafeBytes { raw in Result { () throws(ContactIndexError) in try write(raw, at: offset) } }
        try outcome.get()
    }

    /// Reads the whole file.
    func readAll() throws(ContactIndexError) -> [UInt8] {
        let count = try size()
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw Self.failure("cannot read", path) }
            done += n
        }
        return bytes
    }

    /// Maps the whole file into memory, read-only.
    func map() throws(ContactIndexError) -> MappedFile {
        let count = try size()
        guard count > 0 else { return MappedFile(bytes: UnsafeRawBufferPointer(start: nil, count: 0)) }
        guard let base = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw Self.failure("cannot map", path)
        }
        return MappedFile(bytes: UnsafeRawBufferPointer(start: base, count: count))
    }

    /// Flushes the file's data to disk.
    func sync() throws(ContactIndexError) {
        guard fdatasync(fd) == 0 else { throw Self.failure("cannot sync", path) }
    }

    /// Cuts the file to `size` bytes.
    func truncate(to size: Int) throws(ContactIndexError) {
        guard ftruncate(fd, off_t(size)) == 0 else { throw Self.failure("cannot truncate", path) }
    }

    /// The error for a failed call, with `errno` or the given code.
    static func failure(_ what: String, _ path: String, code: Int32 = errno) -> ContactIndexError {
        .storageError("\(what) \(path): \(String(cString: strerror(code)))")
    }
}

/// A file mapped into memory, unmapped when released.
final class MappedFile {
    /// The file's bytes.
    let bytes: UnsafeRawBufferPointer

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
