import Glibc

/// Monotonic time in nanoseconds.
enum Stopwatch {
    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Seconds taken by a closure.
    static func seconds(_ body: () -> Void) -> Double {
        let start = now()
        body()
        return Double(now() - start) / 1e9
    }

    /// Seconds taken by a closure, and the processor time the whole process spent meanwhile
    /// (user and system, every thread).
    static func secondsAndCPU(_ body: () -> Void) -> (wall: Double, cpu: Double) {
        let cpuStart = processCPUSeconds()
        let wall = seconds(body)
        return (wall, processCPUSeconds() - cpuStart)
    }

    private static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// Percentiles of a sample of durations in nanoseconds.
struct LatencySummary {
    let count: Int
    let p50: Double
    let p95: Double
    let p99: Double
    let max: Double

    init(_ samples: [UInt64]) {
        let sorted = samples.sorted()
        count = sorted.count
        func at(_ q: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return Double(sorted[min(sorted.count - 1, Int(q * Double(sorted.count)))]) / 1000
        }
        p50 = at(0.50)
        p95 = at(0.95)
        p99 = at(0.99)
        max = Double(sorted.last ?? 0) / 1000
    }
}

/// The median of values.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
