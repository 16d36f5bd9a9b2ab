import Glibc

/// The process's limit on open files, raised so that the connection limit can be reached.
enum FileLimit {
    /// Raises the soft limit on open files to at least `wanted`, within the hard limit; gives the
    /// limit in force.
    @discardableResult
    static func raise(to wanted: Int) -> Int {
        var limit = rlimit()
        guard getrlimit(RLIMIT_NOFILE_VALUE, &limit) == 0 else { return 0 }
        if limit.rlim_cur < rlim_t(wanted) {
            limit.rlim_cur = min(rlim_t(wanted), limit.rlim_max)
            setrlimit(RLIMIT_NOFILE_VALUE, &limit)
            getrlimit(RLIMIT_NOFILE_VALUE, &limit)
        }
        return Int(limit.rlim_cur)
    }

    private static let RLIMIT_NOFILE_VALUE = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
}
