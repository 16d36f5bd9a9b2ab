import ContactIndex
import Foundation

/// Collects tables: prints each as text and keeps all figures for `--json`.
final class Report {
    private var groups: [(key: String, value: JSONValue)] = []
    let header: String

    init(options: BenchOptions) {
        #if DEBUG
        let mode = "debug (figures are not representative: build with -c release)"
        #else
        let mode = "release"
        #endif
        let os = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("PRETTY_NAME=") }?
            .dropFirst("PRETTY_NAME=".count).replacingOccurrences(of: "\"", with: "") ?? "Linux"
        #if compiler(>=6.3)
        let swift = "6.3"
        #else
        let swift = "6.x"
        #endif
        header = "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(os), Swift \(swift); build: \(mode); "
            + "contacts: \(options.contacts); seed: \(options.seed)"
    }

    /// Prints a table with a title and keeps its rows.
    func table(_ key: String, title: String, columns: [String], rows: [[String]], figures: JSONValue) {
        print("\n## \(title)")
        print(header)
        var widths = columns.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == 0 ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[i] - cell.count) + cell
            }.joined(separator: "  ")
        }
        print(line(columns))
        print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for row in rows { print(line(row)) }
        groups.append((key, figures))
    }

    /// Writes every figure as JSON.
    func write(to path: String) throws {
        let object = JSONValue.object(JSONObject([("header", .string(header))] + groups))
        try Data(JSONWriter.bytes(object)).write(to: URL(fileURLWithPath: path))
    }
}

/// A number with thousands separators.
func grouped(_ value: Double) -> String {
    let n = Int(value.rounded())
    let s = String(abs(n))
    var out = ""
    for (i, c) in s.enumerated() {
        if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + out
}

/// A number with one decimal.
func decimal(_ value: Double, _ digits: Int = 1) -> String {
    String(format: "%.\(digits)f", value)
}
