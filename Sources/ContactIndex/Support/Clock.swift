import Glibc

/// Readings of the system clocks.
enum Clock {
    /// Nanoseconds of the monotonic clock, for durations.
    static func monotonicNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Milliseconds since 1970, for timestamps.
    static func wallMillis() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    /// Milliseconds elapsed since a monotonic reading.
    static func millis(since start: UInt64) -> Int {
        Int((monotonicNanos() - start) / 1_000_000)
    }
}
