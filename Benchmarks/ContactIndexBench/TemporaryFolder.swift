import Foundation

/// A fresh folder under the system's temporary directory, for data folders of the benchmark.
enum TemporaryFolder {
    static func make(_ name: String) -> String {
        var template = Array((NSTemporaryDirectory() + "/contact-index-bench-\(name)-XXXXXX").utf8CString)
        return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    }

    static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }
}
